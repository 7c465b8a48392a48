import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { NotificationService } from './notification.service';
import { NotificationsController } from './notifications.controller';

@Module({
  imports: [AlertsModule],
  providers: [NotificationService],
  controllers: [NotificationsController],
})
export class NotificationsModule {}

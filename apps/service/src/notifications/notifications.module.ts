import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { ForecastModule } from '../forecast/forecast.module';
import { LeadershipModule } from '../leadership/leadership.module';
import { SilencesModule } from '../silences/silences.module';
import { StorageModule } from '../storage/storage.module';
import { DailyReports } from './daily-reports.service';
import { NotificationService } from './notification.service';
import { NotificationsController } from './notifications.controller';

@Module({
  imports: [AlertsModule, StorageModule, LeadershipModule, SilencesModule, ForecastModule],
  providers: [NotificationService, DailyReports],
  controllers: [NotificationsController],
  exports: [NotificationService],
})
export class NotificationsModule {}

import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { StorageModule } from '../storage/storage.module';
import { ShipmentsController } from './shipments.controller';
import { JourneyService } from './journey.service';
import { ShipmentsService } from './shipments.service';

@Module({
  imports: [AlertsModule, StorageModule],
  providers: [ShipmentsService, JourneyService],
  controllers: [ShipmentsController],
})
export class ShipmentsModule {}

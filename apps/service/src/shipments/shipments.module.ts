import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { StorageModule } from '../storage/storage.module';
import { ShipmentsController } from './shipments.controller';
import { ShipmentsService } from './shipments.service';

@Module({
  imports: [AlertsModule, StorageModule],
  providers: [ShipmentsService],
  controllers: [ShipmentsController],
})
export class ShipmentsModule {}

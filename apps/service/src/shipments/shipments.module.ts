import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { ForecastModule } from '../forecast/forecast.module';
import { StorageModule } from '../storage/storage.module';
import { CargoProfilesController } from './cargo-profiles.controller';
import { ShipmentRecordsController } from './shipment-records.controller';
import { ShipmentRegistry } from './shipment-registry.service';
import { ShipmentsController } from './shipments.controller';
import { JourneyService } from './journey.service';
import { ShipmentsService } from './shipments.service';

/** Shipments: registered, edited and closed (ShipmentRegistry), and their condition views. */
@Module({
  imports: [AlertsModule, StorageModule, ForecastModule],
  providers: [ShipmentsService, ShipmentRegistry, JourneyService],
  // The records controller first: its literal routes (export, import) before `:id`.
  controllers: [ShipmentRecordsController, ShipmentsController, CargoProfilesController],
})
export class ShipmentsModule {}

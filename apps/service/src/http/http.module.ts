import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module';
import { StorageModule } from '../storage/storage.module';
import { DevicesController } from './devices.controller';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';

/** The HTTP API. The broker module is global: its MessageBus is injected without importing it. */
@Module({
  imports: [StorageModule, MetricsModule],
  controllers: [HealthController, DevicesController, MetricsController],
})
export class HttpModule {}

import { Module } from '@nestjs/common';
import { IngestModule } from '../ingest/ingest.module';
import { MetricsModule } from '../metrics/metrics.module';
import { StorageModule } from '../storage/storage.module';
import { DevicesController } from './devices.controller';
import { HealthController } from './health.controller';
import { HttpSecurity } from './http-security';
import { MetricsController } from './metrics.controller';
import { RejectionsController } from './rejections.controller';

/** The HTTP API. The broker module is global: its MessageBus is injected without importing it. */
@Module({
  imports: [StorageModule, MetricsModule, IngestModule],
  controllers: [HealthController, DevicesController, MetricsController, RejectionsController],
  providers: [HttpSecurity],
})
export class HttpModule {}

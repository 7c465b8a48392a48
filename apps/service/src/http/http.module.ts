import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { CrossingsModule } from '../crossings/crossings.module';
import { IngestModule } from '../ingest/ingest.module';
import { DomainMetrics } from '../metrics/domain-metrics';
import { NotificationsModule } from '../notifications/notifications.module';
import { MetricsModule } from '../metrics/metrics.module';
import { LeadershipModule } from '../leadership/leadership.module';
import { StorageModule } from '../storage/storage.module';
import { DevicesController } from './devices.controller';
import { HealthController } from './health.controller';
import { HttpSecurity } from './http-security';
import { MetricsController } from './metrics.controller';
import { RejectionsController } from './rejections.controller';

/** The HTTP API. The broker module is global: its MessageBus is injected without importing it. */
@Module({
  imports: [
    StorageModule,
    MetricsModule,
    IngestModule,
    AlertsModule,
    CrossingsModule,
    NotificationsModule,
    LeadershipModule,
  ],
  providers: [DomainMetrics, HttpSecurity],
  controllers: [HealthController, DevicesController, MetricsController, RejectionsController],
})
export class HttpModule {}

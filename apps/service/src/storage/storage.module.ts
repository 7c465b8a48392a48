import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { MetricsModule } from '../metrics/metrics.module';
import { TelemetryPipeline } from './telemetry-pipeline.service';
import { STATE_STORE, StateStoreLifecycle, openStateStore } from './state-store.provider';
import { TELEMETRY_STORE, createTelemetryStore } from './telemetry-store.provider';
import { TelemetryRetention } from './telemetry-retention.service';

@Module({
  imports: [MetricsModule],
  providers: [
    { provide: TELEMETRY_STORE, useFactory: createTelemetryStore, inject: [AppConfig] },
    TelemetryPipeline,
    TelemetryRetention,
    { provide: STATE_STORE, useFactory: openStateStore, inject: [AppConfig] },
    StateStoreLifecycle,
  ],
  exports: [TELEMETRY_STORE, TelemetryPipeline, STATE_STORE],
})
export class StorageModule {}

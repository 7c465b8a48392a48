import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { CargoEvaluator } from '../cargo/cargo-evaluator';
import { WriteHealth } from '../storage/write-health';
import { AppConfig } from '../config/app-config';
import { CrossingHistory } from '../crossings/crossing-history';
import { CrossingMonitor } from '../crossings/crossing-monitor.service';
import { CrossingsController } from '../crossings/crossings.controller';
import { IceEvaluator } from '../crossings/ice-evaluator';
import { FerryEvaluator } from '../ferries/ferry-evaluator';
import { IngestModule } from '../ingest/ingest.module';
import { StorageModule } from '../storage/storage.module';
import { TrafficEvaluator } from '../traffic/traffic-evaluator';
import { AlertEngine } from './alert-engine.service';
import { AlertLog } from './alert-log';
import { AlertComments } from './alert-comments';
import { AlertStore } from './alert-store';
import { AlertViews } from './alert-views.service';
import { AlertsController } from './alerts.controller';
import { EVALUATORS } from './rule-hit';

/** The alert engine: evaluators per domain, the state machine, the alert store and its API. */
@Module({
  imports: [IngestModule, StorageModule],
  providers: [
    {
      provide: AlertStore,
      useFactory: (config: AppConfig, health: WriteHealth) =>
        new AlertStore(new AlertLog(join(config.dataDir, 'alerts'), undefined, undefined, health)),
      inject: [AppConfig, WriteHealth],
    },
    CrossingMonitor,
    CrossingHistory,
    IceEvaluator,
    TrafficEvaluator,
    CargoEvaluator,
    FerryEvaluator,
    {
      provide: EVALUATORS,
      useFactory: (...evaluators: unknown[]) => evaluators,
      inject: [IceEvaluator, TrafficEvaluator, CargoEvaluator, FerryEvaluator],
    },
    AlertEngine,
    {
      provide: AlertComments,
      useFactory: (config: AppConfig, health: WriteHealth) =>
        new AlertComments(join(config.dataDir, 'alerts'), health),
      inject: [AppConfig, WriteHealth],
    },
    AlertViews,
  ],
  controllers: [AlertsController, CrossingsController],
  exports: [AlertEngine, AlertStore, AlertViews, CrossingMonitor],
})
export class AlertsModule {}

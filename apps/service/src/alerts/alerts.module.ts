import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { CargoEvaluator } from '../cargo/cargo-evaluator';
import { CargoModule } from '../cargo/cargo.module';
import { WriteHealth } from '../storage/write-health';
import { AppConfig } from '../config/app-config';
import { CrossingsModule } from '../crossings/crossings.module';
import { IceEvaluator } from '../crossings/ice-evaluator';
import { FerriesModule } from '../ferries/ferries.module';
import { FerryEvaluator } from '../ferries/ferry-evaluator';
import { ForecastEvaluator } from '../forecast/forecast-evaluator';
import { ForecastModule } from '../forecast/forecast.module';
import { IngestModule } from '../ingest/ingest.module';
import { LeadershipModule } from '../leadership/leadership.module';
import { SilencesModule } from '../silences/silences.module';
import { TrafficModule } from '../traffic/traffic.module';
import { TrafficEvaluator } from '../traffic/traffic-evaluator';
import { AlertComments } from './alert-comments';
import { AlertEngine } from './alert-engine.service';
import { AlertLog } from './alert-log';
import { AlertStore } from './alert-store';
import { AlertViews } from './alert-views.service';
import { AlertsController } from './alerts.controller';
import { EVALUATORS } from './rule-hit';

/**
 * The alert engine: the state machine over every family's evaluator (imported from their own
 * modules), the alert store and its API.
 */
@Module({
  imports: [
    IngestModule,
    CrossingsModule,
    TrafficModule,
    CargoModule,
    FerriesModule,
    ForecastModule,
    SilencesModule,
    LeadershipModule,
  ],
  providers: [
    {
      provide: AlertStore,
      useFactory: (config: AppConfig, health: WriteHealth) =>
        new AlertStore(new AlertLog(join(config.dataDir, 'alerts'), undefined, undefined, health)),
      inject: [AppConfig, WriteHealth],
    },
    {
      provide: EVALUATORS,
      useFactory: (...evaluators: unknown[]) => evaluators,
      // The forecast comes after the ice evaluator, which hands the monitor the reading first.
      inject: [IceEvaluator, TrafficEvaluator, CargoEvaluator, FerryEvaluator, ForecastEvaluator],
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
  controllers: [AlertsController],
  exports: [AlertEngine, AlertStore, AlertViews],
})
export class AlertsModule {}

import { Module } from '@nestjs/common';
import { CrossingsModule } from '../crossings/crossings.module';
import { StorageModule } from '../storage/storage.module';
import { AirForecastFeed } from './air-forecast-feed';
import { CrossingForecasts } from './crossing-forecasts';
import { ForecastController } from './forecast.controller';
import { ForecastEvaluator } from './forecast-evaluator';
import { ForecastViews } from './forecast-views';

/**
 * Forecasts and early warnings (docs/domain.md §9): the ice forecast of each crossing, its API, the
 * outside air-temperature feed, and the early-warning conditions the alert engine runs.
 */
@Module({
  imports: [CrossingsModule, StorageModule],
  providers: [AirForecastFeed, CrossingForecasts, ForecastViews, ForecastEvaluator],
  controllers: [ForecastController],
  exports: [ForecastEvaluator, CrossingForecasts, AirForecastFeed],
})
export class ForecastModule {}

import { Module } from '@nestjs/common';
import { LeadershipModule } from '../leadership/leadership.module';
import { StorageModule } from '../storage/storage.module';
import { CrossingHistory } from './crossing-history';
import { CrossingMonitor } from './crossing-monitor.service';
import { CrossingsController } from './crossings.controller';
import { CrossingsService } from './crossings.service';
import { FerryCrossings } from './ferry-crossings';
import { IceEvaluator } from './ice-evaluator';
import { ManualMeasurements } from './manual-measurements';

/**
 * The crossings: the status of every ice and ferry crossing, its history, the ice-safety alert
 * conditions behind it (IceEvaluator) and the API that reads them.
 */
@Module({
  imports: [StorageModule, LeadershipModule],
  providers: [
    CrossingMonitor,
    CrossingHistory,
    FerryCrossings,
    CrossingsService,
    IceEvaluator,
    ManualMeasurements,
  ],
  controllers: [CrossingsController],
  exports: [CrossingMonitor, FerryCrossings, IceEvaluator],
})
export class CrossingsModule {}

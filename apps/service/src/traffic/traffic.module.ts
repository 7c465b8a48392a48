import { Module } from '@nestjs/common';
import { CrossingsModule } from '../crossings/crossings.module';
import { TrafficEvaluator } from './traffic-evaluator';

/** Vehicles on the ice: their alert conditions, against the crossing status they drive on. */
@Module({
  imports: [CrossingsModule],
  providers: [TrafficEvaluator],
  exports: [TrafficEvaluator],
})
export class TrafficModule {}

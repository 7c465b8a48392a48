import { Module } from '@nestjs/common';
import { CrossingsModule } from '../crossings/crossings.module';
import { FerryEvaluator } from './ferry-evaluator';

/** Ferries in open water: their alert conditions, feeding the water level to the crossing status. */
@Module({
  imports: [CrossingsModule],
  providers: [FerryEvaluator],
  exports: [FerryEvaluator],
})
export class FerriesModule {}

import { Module } from '@nestjs/common';
import { CrossingsModule } from '../crossings/crossings.module';
import { CargoEvaluator } from './cargo-evaluator';

/** Containers and their cargo: the cargo and tracker alert conditions (outside air from the crossings). */
@Module({
  imports: [CrossingsModule],
  providers: [CargoEvaluator],
  exports: [CargoEvaluator],
})
export class CargoModule {}

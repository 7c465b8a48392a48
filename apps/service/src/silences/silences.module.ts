import { Module } from '@nestjs/common';
import { StorageModule } from '../storage/storage.module';
import { SilencesController } from './silences.controller';
import { Silences } from './silences.service';

/** Silences: kept in the state store, read by the alert views and the notifications. */
@Module({
  imports: [StorageModule],
  providers: [Silences],
  controllers: [SilencesController],
  exports: [Silences],
})
export class SilencesModule {}

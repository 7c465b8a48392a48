import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module';
import { StorageModule } from '../storage/storage.module';
import { IngestService } from './ingest.service';
import { ReadingsHub } from './readings-hub';

@Module({
  imports: [StorageModule, MetricsModule],
  providers: [IngestService, ReadingsHub],
  exports: [IngestService, ReadingsHub],
})
export class IngestModule {}

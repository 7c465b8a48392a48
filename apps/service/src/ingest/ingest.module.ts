import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module';
import { StorageModule } from '../storage/storage.module';
import { IngestService } from './ingest.service';
import { ReadingsHub } from './readings-hub';
import { RejectionLog } from './rejection-log';

@Module({
  imports: [StorageModule, MetricsModule],
  providers: [IngestService, ReadingsHub, RejectionLog],
  exports: [IngestService, ReadingsHub, RejectionLog],
})
export class IngestModule {}

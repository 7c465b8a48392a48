import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { CrossingsModule } from '../crossings/crossings.module';
import { IngestModule } from '../ingest/ingest.module';
import { StreamController } from './stream.controller';
import { LiveStream } from './live-stream.service';

@Module({
  imports: [AlertsModule, CrossingsModule, IngestModule],
  providers: [LiveStream],
  controllers: [StreamController],
})
export class StreamModule {}

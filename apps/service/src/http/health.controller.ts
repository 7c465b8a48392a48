import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/auth.decorators';
import { MessageBus } from '../ingest/message-bus';
import { TelemetryPipeline } from '../storage/telemetry-pipeline.service';
import { WriteHealth } from '../storage/write-health';

/**
 * 200 when the broker, the store and the disk work, 503 otherwise: readings then wait in the spool,
 * or (disk full) are not acknowledged, and the devices send them again.
 */
@Controller('health')
@Public()
@SkipThrottle()
export class HealthController {
  constructor(
    private readonly bus: MessageBus,
    private readonly pipeline: TelemetryPipeline,
    private readonly writes: WriteHealth,
  ) {}

  @Get()
  async health() {
    const pipeline = await this.pipeline.health();
    const brokerUp = this.bus.connected;
    const healthy = brokerUp && pipeline.storeHealthy && this.writes.healthy;
    const body = {
      status: healthy ? 'ok' : 'degraded',
      broker: { up: brokerUp, mode: this.bus.description },
      store: { up: pipeline.storeHealthy, kind: pipeline.store, error: pipeline.lastError },
      spool: { depthBytes: pipeline.spoolDepthBytes, full: this.pipeline.saturated },
      disk: { writable: this.writes.healthy, failing: this.writes.failures },
    };
    if (!healthy) throw new ServiceUnavailableException(body);
    return body;
  }
}

import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/auth.decorators';
import { MessageBus } from '../broker/message-bus';
import { TelemetryPipeline } from '../storage/telemetry-pipeline.service';

/** 200 when the broker and the store work, 503 otherwise; readings then wait in the spool. */
@Controller('health')
@Public()
@SkipThrottle()
export class HealthController {
  constructor(
    private readonly bus: MessageBus,
    private readonly pipeline: TelemetryPipeline,
  ) {}

  @Get()
  async health() {
    const pipeline = await this.pipeline.health();
    const brokerUp = this.bus.connected;
    const healthy = brokerUp && pipeline.storeHealthy;
    const body = {
      status: healthy ? 'ok' : 'degraded',
      broker: { up: brokerUp, mode: this.bus.description },
      store: { up: pipeline.storeHealthy, kind: pipeline.store, error: pipeline.lastError },
      spool: { depthBytes: pipeline.spoolDepthBytes, full: this.pipeline.saturated },
    };
    if (!healthy) throw new ServiceUnavailableException(body);
    return body;
  }
}

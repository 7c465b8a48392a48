import { Controller, Get, ServiceUnavailableException, type OnModuleDestroy } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Public } from '../auth/auth.decorators';
import { MessageBus } from '../broker/message-bus';
import { LeadershipService } from '../leadership/leadership.service';
import { TelemetryPipeline } from '../storage/telemetry-pipeline.service';
import { WriteHealth } from '../storage/write-health';

/**
 * Probes with Kubernetes semantics. /health/live: the process is up and its event loop turns (a
 * wedged loop answers nothing, and the probe's timeout says so); a store outage or a full disk
 * never makes it fail, since a restart would only lose time. /health/ready: 503 while the store is
 * unreachable, the spool cannot accept readings or the disk refuses writes (readings then wait in
 * the spool, or are not acknowledged and the devices send them again), so a load balancer sends
 * traffic elsewhere; it also says whether this instance leads or stands by. /health: the combined check (broker, store and disk), kept for existing monitors.
 */
@Controller('health')
@Public()
@SkipThrottle()
export class HealthController implements OnModuleDestroy {
  // A block of the loop delays the next sample by its whole length at any resolution; a coarse one
  // keeps an idle service from waking 50 times a second just to measure.
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 100 });

  constructor(
    private readonly bus: MessageBus,
    private readonly pipeline: TelemetryPipeline,
    private readonly writes: WriteHealth,
    private readonly leadership: LeadershipService,
  ) {
    this.loopDelay.enable();
  }

  onModuleDestroy(): void {
    this.loopDelay.disable();
  }

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

  @Get('live')
  live() {
    const body = { status: 'ok', eventLoopDelayMaxMs: Math.round(this.loopDelay.max / 1e6) };
    this.loopDelay.reset();
    return body;
  }

  @Get('ready')
  async ready() {
    const pipeline = await this.pipeline.health();
    const ready = pipeline.storeHealthy && !this.pipeline.saturated && this.writes.healthy;
    const body = {
      status: ready ? 'ready' : 'not ready',
      // A standby is ready too: it takes readings; only the leader evaluates rules and sends mail.
      role: this.leadership.role,
      instance: this.leadership.holder,
      store: { up: pipeline.storeHealthy, kind: pipeline.store, error: pipeline.lastError },
      spool: { depthBytes: pipeline.spoolDepthBytes, full: this.pipeline.saturated },
      disk: { writable: this.writes.healthy, failing: this.writes.failures },
    };
    if (!ready) throw new ServiceUnavailableException(body);
    return body;
  }
}

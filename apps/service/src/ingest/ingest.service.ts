import { Injectable, Logger } from '@nestjs/common';
import { parseTelemetry, rejectedTopic, type IngestLimits, type Rejection } from '@jct/contract';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { SiteRegistry } from '../site/site-registry';
import { TelemetryPipeline } from '../storage/telemetry-pipeline.service';
import { ReadingsHub } from './readings-hub';

export interface IngestOutcome {
  accepted: number;
  rejections: Rejection[];
  /** What to send back to the device on devices/{id}/rejected, when anything was rejected. */
  reply?: { topic: string; payload: string };
}

/**
 * Validates a device's telemetry message and hands its good points to the pipeline. Resolves when
 * they are durably accepted, so the caller may then acknowledge the message to the broker. Never
 * rejects for anything a device sent: bad input becomes a counted rejection and a reply, which the
 * broker adapter sends back to the device.
 */
@Injectable()
export class IngestService {
  private readonly logger = new Logger('Ingest');
  private readonly limits: IngestLimits;

  constructor(
    config: AppConfig,
    private readonly site: SiteRegistry,
    private readonly pipeline: TelemetryPipeline,
    private readonly metrics: MetricsService,
    private readonly hub: ReadingsHub,
    private readonly clock: Clock,
  ) {
    this.limits = config.ingest;
  }

  async ingest(deviceId: string, payload: Uint8Array, receivedAt = this.clock.now()): Promise<IngestOutcome> {
    const device = this.site.deviceTags(deviceId);
    if (!device) {
      return this.reply(deviceId, receivedAt, 0, [
        { code: 'unknown_device', reason: `device "${deviceId}" is not in the site configuration` },
      ]);
    }
    const { points, rejections } = parseTelemetry(payload, {
      kind: device.kind,
      receivedAt,
      limits: this.limits,
    });
    if (points.length > 0) {
      const batch = { device, points };
      await this.pipeline.accept([{ batch, acceptedAt: receivedAt }]);
      this.metrics.messagesAccepted.inc();
      this.metrics.pointsAccepted.inc(points.length);
      this.hub.accepted$.next(batch);
    }
    return this.reply(deviceId, receivedAt, points.length, rejections);
  }

  private reply(
    deviceId: string,
    receivedAt: number,
    accepted: number,
    rejections: Rejection[],
  ): IngestOutcome {
    if (rejections.length === 0) return { accepted, rejections };
    for (const rejection of rejections) this.metrics.rejections.inc({ code: rejection.code });
    this.hub.rejected$.next({ deviceId, receivedAt, accepted, rejections });
    this.logger.debug(`${deviceId}: ${rejections.length} rejection(s), first: ${rejections[0].reason}`);
    const payload = JSON.stringify({
      receivedAt: new Date(receivedAt).toISOString(),
      accepted,
      rejected: rejections,
    });
    return { accepted, rejections, reply: { topic: rejectedTopic(deviceId), payload } };
  }
}

import type { DeviceKind } from './device-kinds';
import type { MetricName } from './metrics';
import type { Rejection } from './rejection';

/** One value of one metric at one device time: the unit of storage and of idempotency. */
export interface TelemetryPoint {
  metric: MetricName;
  /** Device time, epoch milliseconds UTC. */
  ts: number;
  value: number | boolean;
}

/** What the service knows about the sender: becomes the bounded tags of every point. */
export interface DeviceTags {
  deviceId: string;
  kind: DeviceKind;
  assetId: string;
  siteId: string;
}

/** The accepted points of one message, with the device they came from. */
export interface PointBatch {
  device: DeviceTags;
  points: TelemetryPoint[];
}

export interface ParseResult {
  points: TelemetryPoint[];
  rejections: Rejection[];
}

export interface IngestLimits {
  maxPayloadBytes: number;
  maxReadingsPerMessage: number;
  maxFutureMs: number;
  maxAgeMs: number;
}

export const DEFAULT_INGEST_LIMITS: IngestLimits = {
  maxPayloadBytes: 256 * 1024,
  maxReadingsPerMessage: 1000,
  maxFutureMs: 5 * 60_000,
  maxAgeMs: 30 * 24 * 3_600_000,
};

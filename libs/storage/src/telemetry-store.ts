import type { DeviceTags, MetricName, PointBatch } from '@jct/contract';

/** The newest value of one metric of one device, by device time (not by arrival). */
export interface LatestValue {
  metric: MetricName;
  ts: number;
  value: number | boolean;
}

export interface RangeQuery {
  device: DeviceTags;
  metric: MetricName;
  /** Inclusive start, epoch ms. */
  from: number;
  /** Exclusive end, epoch ms. */
  to: number;
  /** Aggregation window in ms, aligned to the epoch; omitted for raw points. */
  everyMs?: number;
  /** The most raw points returned (ignored with everyMs). */
  limit?: number;
}

export interface RetentionResult {
  /** Raw points rolled up and deleted. */
  rolledUp: number;
}

/** enforceRetention() on a store that leaves retention to the database (InfluxDB 2.x/3.x). */
export class RetentionUnsupportedError extends Error {
  override readonly name = 'RetentionUnsupportedError';
}

/** Rollups are hourly: a window query with a whole number of hours reads them. */
export const ROLLUP_MS = 3_600_000;

export interface RawPoint {
  ts: number;
  value: number | boolean;
}

/** One aggregation window; booleans aggregate as 0/1, so mean is the fraction of true. */
export interface WindowAggregate {
  /** Window start, epoch ms. */
  ts: number;
  mean: number;
  min: number;
  max: number;
  count: number;
}

/**
 * The time-series store. Writing is idempotent: one device, metric and timestamp is one point, so
 * a redelivered or replayed batch changes nothing. Implementations must pass the conformance
 * suite in ./testing/telemetry-store.conformance.ts.
 */
export interface TelemetryStore {
  /** A short name for logs and /health, e.g. "duckdb" or "influxdb 1.6.7". */
  readonly description: string;
  init(): Promise<void>;
  write(batches: PointBatch[]): Promise<void>;
  latest(device: DeviceTags): Promise<LatestValue[]>;
  range(query: RangeQuery): Promise<RawPoint[] | WindowAggregate[]>;
  /** Resolves when the store answers; rejects with the reason otherwise. */
  ping(): Promise<void>;
  /**
   * Rolls raw points older than `cutoff` (epoch ms, rounded down to the hour) into hourly rollups
   * (mean, min, max, count), kept longer, and deletes them. Optional: stores that keep everything
   * (or let the database do it) leave it out.
   */
  enforceRetention?(cutoff: number): Promise<RetentionResult>;
  close(): Promise<void>;
}

/**
 * Thrown by write() when retrying cannot help (the store refused the data itself). Any other
 * error is treated as transient: the spool keeps the batch and retries.
 */
export class PermanentWriteError extends Error {
  override readonly name = 'PermanentWriteError';
}

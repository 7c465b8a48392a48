import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { metricDefinition, type DeviceTags, type MetricName, type PointBatch } from '@jct/contract';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  ROLLUP_MS,
  type LatestValue,
  type RangeQuery,
  type RawPoint,
  type RetentionResult,
  type TelemetryStore,
  type WindowAggregate,
} from '../telemetry-store';

export interface DuckDbStoreOptions {
  /** Database file; ':memory:' for a throw-away store. */
  path: string;
  /** DuckDB's own memory cap, e.g. '128MB'; keeps the service's RSS bounded. */
  memoryLimit?: string;
  threads?: number;
}

interface Row {
  device: DeviceTags;
  metric: string;
  ts: number;
  value: number;
}

const COLUMNS =
  'device VARCHAR NOT NULL, metric VARCHAR NOT NULL, ts BIGINT NOT NULL, value DOUBLE NOT NULL, kind VARCHAR NOT NULL, asset VARCHAR NOT NULL, site VARCHAR NOT NULL';
/** The appender is synchronous: yield every so many rows so the broker and alerts are not held up. */
const YIELD_EVERY_ROWS = 1000;

/**
 * The embedded store: DuckDB, a real columnar database in-process, so the default run needs no
 * server. One device, metric and timestamp is one point, and a repeated write replaces the value
 * (the rule InfluxDB applies to a series and time).
 *
 * That rule is kept without a primary key, whose index cost most of the write time and ~150 MB of
 * memory (docs/benchmarks.md): the store knows the newest timestamp of every device and metric.
 * A point newer than that cannot be in the table and is appended; an older one (a late reading, a
 * QoS 1 redelivery, the spool replayed after a crash) replaces whatever is stored at its key.
 */
export class DuckDbTelemetryStore implements TelemetryStore {
  readonly description = 'duckdb (embedded)';
  private instance?: DuckDBInstance;
  private writer?: DuckDBConnection;
  private reader?: DuckDBConnection;
  /** Newest stored timestamp per `device\0metric`. */
  private readonly newest = new Map<string, number>();
  // Writes are serialised: they share the staging table and the newest-timestamp map.
  private writeChain: Promise<void> = Promise.resolve();

  constructor(private readonly options: DuckDbStoreOptions) {}

  async init(): Promise<void> {
    if (this.options.path !== ':memory:') await mkdir(dirname(this.options.path), { recursive: true });
    this.instance = await DuckDBInstance.create(this.options.path, {
      memory_limit: this.options.memoryLimit ?? '128MB',
      threads: String(this.options.threads ?? 2),
    });
    this.writer = await this.instance.connect();
    this.reader = await this.instance.connect();
    await this.writer.run(`CREATE TABLE IF NOT EXISTS telemetry (${COLUMNS})`);
    await this.writer.run(`CREATE TABLE IF NOT EXISTS telemetry_staging (${COLUMNS})`);
    await this.writer.run('DELETE FROM telemetry_staging');
    // Hourly rollups of raw points past the retention window: sum (not mean) so a late point
    // rolled up later merges exactly.
    await this.writer.run(
      `CREATE TABLE IF NOT EXISTS telemetry_hourly (device VARCHAR NOT NULL, metric VARCHAR NOT NULL,
       hour BIGINT NOT NULL, sum DOUBLE NOT NULL, min DOUBLE NOT NULL, max DOUBLE NOT NULL, count BIGINT NOT NULL)`,
    );
    const newest = await this.writer.runAndReadAll(
      'SELECT device, metric, max(ts) AS ts FROM telemetry GROUP BY device, metric',
    );
    for (const row of newest.getRowObjectsJS())
      this.newest.set(key(row.device as string, row.metric as string), Number(row.ts));
  }

  write(batches: PointBatch[]): Promise<void> {
    const run = this.writeChain.then(() => this.writeNow(batches));
    this.writeChain = run.catch(() => undefined);
    return run;
  }

  private async writeNow(batches: PointBatch[]): Promise<void> {
    const writer = this.required(this.writer);
    // The last value of each key in the batch wins, as a later write would.
    const rows = new Map<string, Row>();
    for (const { device, points } of batches) {
      for (const point of points) {
        rows.set(`${device.deviceId}\u0000${point.metric}\u0000${point.ts}`, {
          device,
          metric: point.metric,
          ts: point.ts,
          value: typeof point.value === 'boolean' ? Number(point.value) : point.value,
        });
      }
    }
    if (rows.size === 0) return;
    const fresh: Row[] = [];
    const maybeStored: Row[] = [];
    for (const row of rows.values()) {
      const stored = this.newest.get(key(row.device.deviceId, row.metric));
      (stored === undefined || row.ts > stored ? fresh : maybeStored).push(row);
    }

    await writer.run('BEGIN TRANSACTION');
    try {
      if (fresh.length > 0) await this.append(await writer.createAppender('telemetry'), fresh);
      if (maybeStored.length > 0) {
        await this.append(await writer.createAppender('telemetry_staging'), maybeStored);
        await writer.run(
          `DELETE FROM telemetry USING telemetry_staging s
           WHERE telemetry.device = s.device AND telemetry.metric = s.metric AND telemetry.ts = s.ts`,
        );
        await writer.run('INSERT INTO telemetry SELECT * FROM telemetry_staging');
        await writer.run('DELETE FROM telemetry_staging');
      }
      await writer.run('COMMIT');
    } catch (error) {
      await writer.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
    for (const row of fresh) {
      const k = key(row.device.deviceId, row.metric);
      if (row.ts > (this.newest.get(k) ?? Number.NEGATIVE_INFINITY)) this.newest.set(k, row.ts);
    }
  }

  private async append(appender: DuckDBAppender, rows: Row[]): Promise<void> {
    try {
      let appended = 0;
      for (const row of rows) {
        if (++appended % YIELD_EVERY_ROWS === 0) await new Promise((resolve) => setImmediate(resolve));
        appender.appendVarchar(row.device.deviceId);
        appender.appendVarchar(row.metric);
        appender.appendBigInt(BigInt(row.ts));
        appender.appendDouble(row.value);
        appender.appendVarchar(row.device.kind);
        appender.appendVarchar(row.device.assetId);
        appender.appendVarchar(row.device.siteId);
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  async latest(device: DeviceTags): Promise<LatestValue[]> {
    const result = await this.required(this.reader).runAndReadAll(
      'SELECT metric, max(ts) AS ts, arg_max(value, ts) AS value FROM telemetry WHERE device = $1 GROUP BY metric ORDER BY metric',
      [device.deviceId],
    );
    return result.getRowObjectsJS().map((row) => ({
      metric: row.metric as MetricName,
      ts: Number(row.ts),
      value: fromStored(row.metric as MetricName, row.value as number),
    }));
  }

  /** Runs in the write chain: a write and a rollup never interleave. */
  enforceRetention(cutoff: number): Promise<RetentionResult> {
    const run = this.writeChain.then(() => this.rollUp(Math.floor(cutoff / ROLLUP_MS) * ROLLUP_MS));
    this.writeChain = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async rollUp(cutoff: number): Promise<RetentionResult> {
    const writer = this.required(this.writer);
    const old = await writer.runAndReadAll('SELECT count(*) AS n FROM telemetry WHERE ts < $1', [
      BigInt(cutoff),
    ]);
    const rolledUp = Number(old.getRowObjectsJS()[0].n);
    if (rolledUp === 0) return { rolledUp };
    const hour = `(ts // ${ROLLUP_MS}) * ${ROLLUP_MS}`;
    await writer.run('BEGIN TRANSACTION');
    try {
      // Merge with rollups of the same hours (late points rolled up on a later pass).
      await writer.run(
        `CREATE TEMP TABLE merged AS
         SELECT device, metric, hour, sum(sum) AS sum, min(min) AS min, max(max) AS max, sum(count) AS count FROM (
           SELECT device, metric, ${hour} AS hour, sum(value) AS sum, min(value) AS min, max(value) AS max, count(*) AS count
           FROM telemetry WHERE ts < $1 GROUP BY device, metric, hour
           UNION ALL
           SELECT h.device, h.metric, h.hour, h.sum, h.min, h.max, h.count FROM telemetry_hourly h
           WHERE EXISTS (SELECT 1 FROM telemetry t WHERE t.ts < $1 AND t.device = h.device AND t.metric = h.metric
                         AND ${hour.replaceAll('ts', 't.ts')} = h.hour)
         ) GROUP BY device, metric, hour`,
        [BigInt(cutoff)],
      );
      await writer.run(
        `DELETE FROM telemetry_hourly USING merged m
         WHERE telemetry_hourly.device = m.device AND telemetry_hourly.metric = m.metric AND telemetry_hourly.hour = m.hour`,
      );
      await writer.run(
        'INSERT INTO telemetry_hourly SELECT device, metric, hour, sum, min, max, count FROM merged',
      );
      await writer.run('DROP TABLE merged');
      await writer.run('DELETE FROM telemetry WHERE ts < $1', [BigInt(cutoff)]);
      await writer.run('COMMIT');
    } catch (error) {
      await writer.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
    return { rolledUp };
  }

  async range(query: RangeQuery): Promise<RawPoint[] | WindowAggregate[]> {
    const reader = this.required(this.reader);
    const params = [query.device.deviceId, query.metric, BigInt(query.from), BigInt(query.to)];
    if (query.everyMs && query.everyMs % ROLLUP_MS === 0) {
      // Whole hours: the rollups of old hours and the raw points of recent ones, merged per hour.
      const result = await reader.runAndReadAll(
        `SELECT (hour // $5) * $5 AS bucket, sum(sum) / sum(count) AS mean, min(min) AS min, max(max) AS max,
                sum(count) AS count
         FROM (
           SELECT hour, sum, min, max, count FROM telemetry_hourly
           WHERE device = $1 AND metric = $2 AND hour >= $3 AND hour < $4
           UNION ALL
           SELECT (ts // ${ROLLUP_MS}) * ${ROLLUP_MS} AS hour, sum(value), min(value), max(value), count(*)
           FROM telemetry WHERE device = $1 AND metric = $2 AND ts >= $3 AND ts < $4 GROUP BY hour
         ) GROUP BY bucket ORDER BY bucket`,
        [...params, BigInt(query.everyMs)],
      );
      return toWindows(result.getRowObjectsJS());
    }
    if (query.everyMs) {
      const result = await reader.runAndReadAll(
        `SELECT (ts // $5) * $5 AS bucket, avg(value) AS mean, min(value) AS min, max(value) AS max, count(*) AS count
         FROM telemetry WHERE device = $1 AND metric = $2 AND ts >= $3 AND ts < $4
         GROUP BY bucket ORDER BY bucket`,
        [...params, BigInt(query.everyMs)],
      );
      return toWindows(result.getRowObjectsJS());
    }
    const result = await reader.runAndReadAll(
      `SELECT ts, value FROM telemetry WHERE device = $1 AND metric = $2 AND ts >= $3 AND ts < $4
       ORDER BY ts LIMIT $5`,
      [...params, BigInt(query.limit ?? 10_000)],
    );
    return result.getRowObjectsJS().map((row) => ({
      ts: Number(row.ts),
      value: fromStored(query.metric, row.value as number),
    }));
  }

  async ping(): Promise<void> {
    await this.required(this.reader).run('SELECT 1');
  }

  async close(): Promise<void> {
    await this.writeChain;
    this.reader?.closeSync();
    this.writer?.closeSync();
    this.instance?.closeSync();
    this.reader = this.writer = this.instance = undefined;
  }

  private required<T>(value: T | undefined): T {
    if (!value) throw new Error('DuckDB store used before init() or after close()');
    return value;
  }
}

function toWindows(rows: Record<string, unknown>[]): WindowAggregate[] {
  return rows.map((row) => ({
    ts: Number(row.bucket),
    mean: Number(row.mean),
    min: Number(row.min),
    max: Number(row.max),
    count: Number(row.count),
  }));
}

function key(device: string, metric: string): string {
  return `${device}\u0000${metric}`;
}

function fromStored(metric: MetricName, value: number): number | boolean {
  return metricDefinition(metric)?.type === 'boolean' ? value !== 0 : value;
}

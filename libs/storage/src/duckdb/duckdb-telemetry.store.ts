import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { metricDefinition, type DeviceTags, type MetricName, type PointBatch } from '@jct/contract';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { LatestValue, RangeQuery, RawPoint, TelemetryStore, WindowAggregate } from '../telemetry-store';

export interface DuckDbStoreOptions {
  /** Database file; ':memory:' for a throw-away store. */
  path: string;
  /** DuckDB's own memory cap, e.g. '128MB'; keeps the service's RSS bounded. */
  memoryLimit?: string;
  threads?: number;
}

const COLUMNS =
  'device VARCHAR NOT NULL, metric VARCHAR NOT NULL, ts BIGINT NOT NULL, value DOUBLE NOT NULL, kind VARCHAR NOT NULL, asset VARCHAR NOT NULL, site VARCHAR NOT NULL';

/**
 * The embedded store: DuckDB, a real columnar database in-process, so the default run needs no
 * server. The primary key (device, metric, ts) makes one device, metric and timestamp one point;
 * a repeated write replaces the value (the same rule InfluxDB applies to a series and time).
 */
export class DuckDbTelemetryStore implements TelemetryStore {
  readonly description = 'duckdb (embedded)';
  private instance?: DuckDBInstance;
  private writer?: DuckDBConnection;
  private reader?: DuckDBConnection;
  // Writes are serialised: the staging table is shared and DuckDB allows one appender per table.
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
    await this.writer.run(
      `CREATE TABLE IF NOT EXISTS telemetry (${COLUMNS}, PRIMARY KEY (device, metric, ts))`,
    );
    await this.writer.run(`CREATE TABLE IF NOT EXISTS telemetry_staging (${COLUMNS})`);
    await this.writer.run('DELETE FROM telemetry_staging');
  }

  write(batches: PointBatch[]): Promise<void> {
    const run = this.writeChain.then(() => this.writeNow(batches));
    this.writeChain = run.catch(() => undefined);
    return run;
  }

  private async writeNow(batches: PointBatch[]): Promise<void> {
    const writer = this.required(this.writer);
    // DuckDB refuses to upsert the same key twice in one statement: keep the last of each key.
    const rows = new Map<string, { device: DeviceTags; metric: string; ts: number; value: number }>();
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
    const appender = await writer.createAppender('telemetry_staging');
    try {
      for (const row of rows.values()) {
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
    await writer.run('BEGIN TRANSACTION');
    try {
      await writer.run(
        'INSERT INTO telemetry SELECT * FROM telemetry_staging ON CONFLICT DO UPDATE SET value = excluded.value',
      );
      await writer.run('DELETE FROM telemetry_staging');
      await writer.run('COMMIT');
    } catch (error) {
      await writer.run('ROLLBACK').catch(() => undefined);
      await writer.run('DELETE FROM telemetry_staging').catch(() => undefined);
      throw error;
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

  async range(query: RangeQuery): Promise<RawPoint[] | WindowAggregate[]> {
    const reader = this.required(this.reader);
    const params = [query.device.deviceId, query.metric, BigInt(query.from), BigInt(query.to)];
    if (query.everyMs) {
      const result = await reader.runAndReadAll(
        `SELECT (ts // $5) * $5 AS bucket, avg(value) AS mean, min(value) AS min, max(value) AS max, count(*) AS count
         FROM telemetry WHERE device = $1 AND metric = $2 AND ts >= $3 AND ts < $4
         GROUP BY bucket ORDER BY bucket`,
        [...params, BigInt(query.everyMs)],
      );
      return result.getRowObjectsJS().map((row) => ({
        ts: Number(row.bucket),
        mean: row.mean as number,
        min: row.min as number,
        max: row.max as number,
        count: Number(row.count),
      }));
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

function fromStored(metric: MetricName, value: number): number | boolean {
  return metricDefinition(metric)?.type === 'boolean' ? value !== 0 : value;
}

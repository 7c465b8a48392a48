import { metricDefinition, metricsOfKind, type DeviceTags, type PointBatch } from '@jct/contract';
import type * as Store from '../telemetry-store';
import { RetentionUnsupportedError, ROLLUP_MS } from '../telemetry-store';
import { mergeWindows, rollUpAndDelete, rollupWindows } from './influx-rollups';
import { errorText, InfluxHttp, serverInfo, type InfluxServerInfo } from './influx-http';
import { msLiteral, numberAt, quoteIdent, quoteString, rowsOf } from './influxql';
import { toLines } from './line-protocol';
import { V1LineWriter, V2LineWriter, type LineWriter } from './line-writers';

export interface InfluxTelemetryStoreOptions {
  /** Base URL, e.g. http://127.0.0.1:8086. */
  url: string;
  /** Sent as `Authorization: Token <token>` (2.x/3.x tokens; "user:password" on 1.8+). */
  token?: string;
  /** Required by 2.x writes; ignored by 1.x and 3.x. */
  org?: string;
  /** The bucket (2.x) or database (1.x, 3.x). */
  bucket: string;
  /** Default 'telemetry'. */
  measurement?: string;
  /** Per HTTP request; default 10 s. */
  timeoutMs?: number;
}

/** Lines per HTTP request; InfluxDB's guidance is batches of about 5,000 lines. */
const CHUNK_LINES = 5_000;
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The InfluxDB store, for 1.x, 2.x and 3.x. Schema: one measurement; the bounded tags device,
 * kind, asset and site; each metric a field (float or boolean). InfluxDB itself makes writing
 * idempotent: the same series and timestamp is one point, and a second write replaces it.
 */
export class InfluxTelemetryStore implements Store.TelemetryStore {
  private readonly http: InfluxHttp;
  private readonly measurement: string;
  private readonly timeoutMs: number;
  private server?: InfluxServerInfo;
  private writer?: LineWriter;
  private connecting?: Promise<LineWriter>;
  private closed = false;

  constructor(private readonly options: InfluxTelemetryStoreOptions) {
    this.measurement = options.measurement ?? 'telemetry';
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.http = new InfluxHttp(options.url, options.token, this.timeoutMs);
  }

  get description(): string {
    return this.server ? `influxdb ${this.server.version}` : 'influxdb';
  }

  /** Rejects when InfluxDB is unreachable; the store still works once it is (see connect()). */
  async init(): Promise<void> {
    await this.connect();
  }

  async write(batches: PointBatch[]): Promise<void> {
    // Built before anything is sent, so an unrepresentable point fails the batch as a whole.
    const lines = toLines(batches, this.measurement);
    if (lines.length === 0) return;
    const writer = await this.connect();
    // Chunks go one after another; if a later one fails, the caller retries the whole batch,
    // which rewrites the earlier chunks harmlessly.
    for (let i = 0; i < lines.length; i += CHUNK_LINES) {
      await writer.write(lines.slice(i, i + CHUNK_LINES));
    }
  }

  async latest(device: DeviceTags): Promise<Store.LatestValue[]> {
    const metrics = metricsOfKind(device.kind);
    if (metrics.length === 0) return [];
    const where = `WHERE ${quoteIdent('device')} = ${quoteString(device.deviceId)}`;
    // last() is a selector: it returns the newest point's own timestamp, not a window's.
    const query = metrics
      .map((metric) => `SELECT last(${quoteIdent(metric)}) FROM ${quoteIdent(this.measurement)} ${where}`)
      .join('; ');
    const results = await this.query(query);
    const latest: Store.LatestValue[] = [];
    metrics.forEach((metric, i) => {
      const [row] = rowsOf(results[i]);
      if (row) latest.push({ metric, ts: numberAt(row, 'time'), value: fieldOf(row, 'last') });
    });
    return latest;
  }

  async range(query: Store.RangeQuery): Promise<Store.RawPoint[] | Store.WindowAggregate[]> {
    const field = quoteIdent(query.metric);
    const where =
      `FROM ${quoteIdent(this.measurement)} WHERE ${quoteIdent('device')} = ${quoteString(query.device.deviceId)}` +
      ` AND time >= ${msLiteral(query.from, 'from')} AND time < ${msLiteral(query.to, 'to')}`;
    if (query.everyMs === undefined) {
      // InfluxQL reads LIMIT 0 as "no limit".
      if (query.limit !== undefined && query.limit <= 0) return [];
      const limit = query.limit === undefined ? '' : ` LIMIT ${Math.floor(query.limit)}`;
      const [result] = await this.query(`SELECT ${field} ${where} ORDER BY time ASC${limit}`);
      return rowsOf(result).map((row) => ({ ts: numberAt(row, 'time'), value: fieldOf(row, query.metric) }));
    }
    if (!Number.isSafeInteger(query.everyMs) || query.everyMs <= 0) {
      throw new Error(`everyMs must be a positive whole number of milliseconds, got ${query.everyMs}`);
    }
    // GROUP BY time() windows start at multiples of the interval since the epoch, whatever `from` is.
    const group = `GROUP BY time(${query.everyMs}ms) fill(none)`;
    if (metricDefinition(query.metric)?.type !== 'boolean') {
      const [result] = await this.query(
        `SELECT mean(${field}), min(${field}), max(${field}), count(${field}) ${where} ${group}`,
      );
      const raw = rowsOf(result).map((row) => ({
        ts: numberAt(row, 'time'),
        mean: numberAt(row, 'mean'),
        min: numberAt(row, 'min'),
        max: numberAt(row, 'max'),
        count: numberAt(row, 'count'),
      }));
      // Whole hours on 1.x: add the hourly rollups of points past the retention window.
      if (query.everyMs % ROLLUP_MS !== 0 || this.server?.generation !== 1) return raw;
      const { bucket } = this.options;
      const rollups = await rollupWindows(
        this.http,
        bucket,
        this.measurement,
        query.device.deviceId,
        query.metric,
        query.from,
        query.to,
        query.everyMs,
      );
      return mergeWindows(raw, rollups);
    }
    // InfluxQL has no mean/min/max of booleans, but it counts them and filters on them: the true
    // count over the total count is the mean (true = 1), without pulling raw points over the wire.
    const [all, trues] = await this.query(
      `SELECT count(${field}) ${where} ${group}; SELECT count(${field}) ${where} AND ${field} = true ${group}`,
    );
    const trueCounts = new Map(rowsOf(trues).map((row) => [numberAt(row, 'time'), numberAt(row, 'count')]));
    return rowsOf(all).map((row) => {
      const ts = numberAt(row, 'time');
      const count = numberAt(row, 'count');
      const ones = trueCounts.get(ts) ?? 0;
      return { ts, mean: ones / count, min: ones === count ? 1 : 0, max: ones > 0 ? 1 : 0, count };
    });
  }

  /** InfluxDB 1.x only; on 2.x/3.x bucket retention and a downsampling task do this. */
  async enforceRetention(cutoff: number): Promise<Store.RetentionResult> {
    const writer = await this.connect();
    if (this.server?.generation !== 1) {
      throw new RetentionUnsupportedError(
        `rollups are written for InfluxDB 1.x; on ${this.description} give the bucket a retention period instead`,
      );
    }
    return rollUpAndDelete(
      this.http,
      this.options.bucket,
      writer,
      this.measurement,
      Math.floor(cutoff / ROLLUP_MS) * ROLLUP_MS,
    );
  }

  async ping(): Promise<void> {
    this.assertOpen();
    const answer = await this.http.send('GET', '/ping', {});
    // 1.x and 2.x answer 204; 3.x answers 200 with a JSON body.
    if (answer.status < 200 || answer.status > 299) {
      throw new Error(`InfluxDB GET /ping answered HTTP ${answer.status}: ${errorText(answer)}`);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.http.close();
    this.writer?.close();
  }

  /**
   * Detects the server once. A failure is not remembered, so a store whose init() met an outage
   * connects on its next call instead of needing a restart of the service.
   */
  private connect(): Promise<LineWriter> {
    this.assertOpen();
    if (this.writer) return Promise.resolve(this.writer);
    this.connecting ??= this.detect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async detect(): Promise<LineWriter> {
    const info = serverInfo(await this.http.send('GET', '/ping', {}));
    const { url, token, org, bucket } = this.options;
    let writer: LineWriter;
    if (info.generation === 1) {
      // Idempotent on 1.x. 2.x buckets need an org id and rights to create, and 3.x creates the
      // database on first write, so only 1.x gets this.
      await this.http.query(bucket, `CREATE DATABASE ${quoteIdent(bucket)}`, 'POST');
      writer = new V1LineWriter(this.http, bucket);
    } else {
      if (info.generation === 2 && !org) {
        throw new Error(`InfluxDB ${info.version} needs the org option to write to bucket ${bucket}`);
      }
      writer = new V2LineWriter({ url, token, org, bucket, timeoutMs: this.timeoutMs });
    }
    this.server = info;
    this.writer = writer;
    return writer;
  }

  private query(query: string) {
    this.assertOpen();
    // InfluxQL on every generation: Flux is missing on 1.x before 1.8 and on 3.x.
    return this.http.query(this.options.bucket, query);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('InfluxTelemetryStore is closed');
  }
}

function fieldOf(row: Record<string, unknown>, column: string): number | boolean {
  const value = row[column];
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  throw new Error(`InfluxDB returned ${column}=${JSON.stringify(value)}, expected a number or boolean`);
}

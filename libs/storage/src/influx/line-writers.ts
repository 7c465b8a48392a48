import { HttpError, InfluxDB } from '@influxdata/influxdb-client';
import { errorText, writeFailure, type InfluxHttp } from './influx-http';

/** Sends one chunk of line protocol; rejects with PermanentWriteError or a transient Error. */
export interface LineWriter {
  write(lines: string[]): Promise<void>;
  /** Ends what is in flight. */
  close(): void;
}

/** 1.x: POST /write. 1.x has no /api/v2/write before 1.8. */
export class V1LineWriter implements LineWriter {
  constructor(
    private readonly http: InfluxHttp,
    private readonly database: string,
  ) {}

  async write(lines: string[]): Promise<void> {
    // precision=ms: our timestamps are epoch ms; without it 1.x reads them as nanoseconds.
    const params = { db: this.database, precision: 'ms' };
    const answer = await this.http.send(
      'POST',
      '/write',
      params,
      lines.join('\n'),
      'text/plain; charset=utf-8',
    );
    if (answer.status !== 204) throw writeFailure(answer.status, errorText(answer));
  }

  close(): void {
    // InfluxHttp is closed by its owner.
  }
}

export interface V2LineWriterOptions {
  url: string;
  token?: string;
  org?: string;
  bucket: string;
  timeoutMs: number;
}

/**
 * 2.x/3.x through the client library's WriteApi (/api/v2/write). Its retry buffer lives in memory
 * and gives up after minutes (influxdb-client-js #425), so it is off: the
 * on-disk spool retries. One WriteApi per chunk, flushed only by close(): batch and byte limits
 * are set so that it never flushes on its own, where the library swallows the error.
 */
export class V2LineWriter implements LineWriter {
  private readonly client: InfluxDB;

  constructor(private readonly options: V2LineWriterOptions) {
    this.client = new InfluxDB({ url: options.url, token: options.token, timeout: options.timeoutMs });
  }

  async write(lines: string[]): Promise<void> {
    // 'ms' matches our timestamps; the library's default is 'ns'.
    const api = this.client.getWriteApi(this.options.org ?? '', this.options.bucket, 'ms', {
      batchSize: lines.length + 1,
      maxBatchBytes: Number.MAX_SAFE_INTEGER,
      flushInterval: 0,
      maxRetries: 0,
      // A returned promise becomes the flush result, replacing the library's retry and its logging.
      writeFailed: (error: Error) => Promise.reject(fromLibraryError(error)),
    });
    api.writeRecords(lines);
    await api.close();
  }

  close(): void {
    // Nothing to release: with no flush interval and no retries the WriteApi holds no timers, and
    // a request already sent ends by its own timeout.
  }
}

/** HttpError carries the status; anything else (refused, reset, timed out) is transient. */
function fromLibraryError(error: Error): Error {
  if (error instanceof HttpError) {
    // 2.x puts its reason in JSON `message` (already the error's message), 3.x in `error`.
    const reason: unknown = error.json?.error;
    return writeFailure(error.statusCode, typeof reason === 'string' ? reason : error.message);
  }
  return new Error(`InfluxDB write failed: ${error.message}`, { cause: error });
}

import { PermanentWriteError } from '../telemetry-store';
import { statementResults, type InfluxStatementResult } from './influxql';

export type InfluxGeneration = 1 | 2 | 3;

export interface InfluxServerInfo {
  /** As the server reports it, without a leading "v" (e.g. "1.6.7~rc0", "2.7.11", "3.0.1"). */
  version: string;
  generation: InfluxGeneration;
}

const FORM = 'application/x-www-form-urlencoded';

export interface InfluxAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * Plain HTTP to the endpoints every generation shares (/ping, /query, and /write on 1.x). Any
 * failure to get an answer (refused, reset, timed out) becomes a plain Error: the spool treats
 * that as transient and retries.
 */
export class InfluxHttp {
  private readonly closing = new AbortController();
  private readonly base: string;

  constructor(
    url: string,
    private readonly token: string | undefined,
    private readonly timeoutMs: number,
  ) {
    this.base = url.replace(/\/+$/, '');
  }

  async send(
    method: 'GET' | 'POST',
    path: string,
    params: Record<string, string>,
    body?: string,
    contentType?: string,
  ): Promise<InfluxAnswer> {
    const query = new URLSearchParams(params).toString();
    const headers: Record<string, string> = {};
    // "Token" is what 2.x and 3.x expect; 1.8+ also takes "Token user:password" for v1 auth.
    if (this.token) headers.authorization = `Token ${this.token}`;
    if (contentType) headers['content-type'] = contentType;
    try {
      const res = await fetch(`${this.base}${path}${query ? `?${query}` : ''}`, {
        method,
        headers,
        body,
        signal: AbortSignal.any([this.closing.signal, AbortSignal.timeout(this.timeoutMs)]),
      });
      return { status: res.status, headers: res.headers, text: await res.text() };
    } catch (err) {
      throw new Error(`InfluxDB ${method} ${this.base}${path} failed: ${this.reason(err)}`, { cause: err });
    }
  }

  /**
   * InfluxQL over /query with epoch=ms, so times come back as epoch-ms numbers rather than
   * RFC 3339 strings. POST for statements that change something: 1.x refuses them over GET.
   */
  async query(
    database: string,
    query: string,
    method: 'GET' | 'POST' = 'GET',
  ): Promise<InfluxStatementResult[]> {
    const params = { db: database, epoch: 'ms' };
    const answer =
      method === 'GET'
        ? await this.send('GET', '/query', { ...params, q: query })
        : await this.send('POST', '/query', params, new URLSearchParams({ q: query }).toString(), FORM);
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      throw new Error(
        `InfluxDB /query answered HTTP ${answer.status} without JSON: ${answer.text.slice(0, 500)}`,
      );
    }
    if (answer.status !== 200 && !(body as { error?: unknown } | null)?.error) {
      throw new Error(`InfluxDB /query answered HTTP ${answer.status}: ${errorText(answer)}`);
    }
    return statementResults(body, query);
  }

  close(): void {
    this.closing.abort();
  }

  private reason(err: unknown): string {
    // Duck-typed: fetch's errors come from Node's own realm, where `instanceof Error` of another
    // realm (Jest's sandbox, for one) is false.
    const error = err as { name?: unknown; message?: unknown; cause?: { message?: unknown } } | undefined;
    if (error?.name === 'TimeoutError') return `no answer within ${this.timeoutMs} ms`;
    if (this.closing.signal.aborted) return 'the store was closed';
    // Node's fetch says only "fetch failed"; the useful part (connect ECONNREFUSED ...) is the cause.
    return [error?.message ?? String(err), error?.cause?.message]
      .filter((part) => typeof part === 'string')
      .join(': ');
  }
}

/**
 * The generation from GET /ping. All of 1.x, 2.x and 3.x send `X-Influxdb-Version` there (2.x
 * with a leading "v"); 3.x also answers a JSON body with `version`, used if a proxy drops headers.
 */
export function serverInfo(answer: InfluxAnswer): InfluxServerInfo {
  let reported = answer.headers.get('x-influxdb-version') ?? undefined;
  if (!reported) {
    try {
      const version: unknown = (JSON.parse(answer.text) as { version?: unknown }).version;
      if (typeof version === 'string') reported = version;
    } catch {
      // not JSON: no version in the body either
    }
  }
  const version = reported?.trim().replace(/^v/i, '');
  const major = Number(/^(\d+)\./.exec(version ?? '')?.[1]);
  if (!version || (major !== 1 && major !== 2 && major !== 3)) {
    throw new Error(
      `cannot tell the InfluxDB version from GET /ping (status ${answer.status}, X-Influxdb-Version ${JSON.stringify(reported ?? null)})`,
    );
  }
  return { version, generation: major };
}

/** InfluxDB's own words for a failed request: JSON `error` (1.x, 3.x) or `message` (2.x). */
export function errorText(answer: InfluxAnswer): string {
  try {
    const body = JSON.parse(answer.text) as { error?: unknown; message?: unknown };
    const text = body.error ?? body.message;
    if (typeof text === 'string' && text) return text;
  } catch {
    // not JSON
  }
  return answer.headers.get('x-influxdb-error') || answer.text.slice(0, 500) || `HTTP ${answer.status}`;
}

/**
 * 400 (unparseable line, field type conflict, points outside the retention policy, partial write)
 * and 422 (2.x/3.x: points rejected by schema or retention) cannot succeed on retry. Everything
 * else may: 5xx and 429 pass, and 401/403/404 are configuration (token, bucket) that an operator
 * can fix while the spool keeps the data.
 */
export function writeFailure(status: number, message: string): Error {
  const text = `InfluxDB refused the write with HTTP ${status}: ${message}`;
  return status === 400 || status === 422 ? new PermanentWriteError(text) : new Error(text);
}

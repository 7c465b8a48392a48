import type { DeviceTags, MetricName } from '@jct/contract';
import type { RawPoint, TelemetryStore } from '@jct/storage';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Points read from the store per page: memory holds one page and one chunk, not the export. */
export const CSV_PAGE_POINTS = 5_000;
/** Lines sent in one write. */
const CHUNK_BYTES = 64 * 1024;

/** The HTTP response as the export needs it (Express's, without depending on its types). */
export type CsvResponse = Writable & { setHeader(name: string, value: string): unknown };

/** Whether the caller asked for CSV: `?format=csv`, or `Accept: text/csv` (before any JSON). */
export function wantsCsv(format: string | undefined, accept: string | undefined): boolean {
  if (format !== undefined) return format.toLowerCase() === 'csv';
  const types = (accept ?? '').split(',').map((part) => part.split(';')[0]!.trim().toLowerCase());
  const csv = types.indexOf('text/csv');
  const json = types.findIndex((type) => type === 'application/json' || type === '*/*');
  return csv >= 0 && (json < 0 || csv < json);
}

/** One field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string | number | boolean | undefined): string {
  const text = value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (fields: (string | number | boolean | undefined)[]) =>
  `${fields.map(csvField).join(',')}\r\n`;

/** Raw points of one metric, from..to, page by page in time order (each page after the last point). */
export async function* storedPoints(
  store: TelemetryStore,
  device: DeviceTags,
  metric: MetricName,
  from: number,
  to: number,
): AsyncGenerator<RawPoint> {
  let start = from;
  for (;;) {
    const page = (await store.range({
      device,
      metric,
      from: start,
      to,
      limit: CSV_PAGE_POINTS,
    })) as RawPoint[];
    yield* page;
    if (page.length < CSV_PAGE_POINTS) return;
    start = page[page.length - 1]!.ts + 1;
  }
}

/** Raw points of one metric as CSV lines, from..to, in time order. */
export async function* telemetryCsv(
  store: TelemetryStore,
  device: DeviceTags,
  metric: MetricName,
  from: number,
  to: number,
  unit: string,
): AsyncGenerator<string> {
  yield csvLine(['ts', 'deviceId', 'metric', 'value', 'unit']);
  for await (const point of storedPoints(store, device, metric, from, to))
    yield csvLine([new Date(point.ts).toISOString(), device.deviceId, metric, point.value, unit]);
}

/**
 * Writes the lines to the response in chunks, waiting for 'drain' when the client reads slower
 * than the store pages (backpressure), and stops reading the store when the client goes away.
 */
export async function streamCsv(
  response: CsvResponse,
  filename: string,
  lines: AsyncIterable<string>,
): Promise<void> {
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  response.setHeader('Content-Disposition', `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`);
  let chunk = '';
  const flush = async () => {
    if (chunk === '' || response.destroyed) return;
    const ok = response.write(chunk);
    chunk = '';
    if (!ok) await Promise.race([once(response, 'drain'), once(response, 'close')]);
  };
  for await (const line of lines) {
    if (response.destroyed) return;
    chunk += line;
    if (chunk.length >= CHUNK_BYTES) await flush();
  }
  await flush();
  response.end();
}

/** Alerts as CSV rows, one per alert, with the reason in the reader's language. */
export async function* alertsCsv(
  alerts: Iterable<{
    id: string;
    ruleId: string;
    subjectId: string;
    severity: string;
    state: string;
    silenced?: boolean;
    firedAt: string;
    resolvedAt?: string;
    reason: string;
  }>,
): AsyncGenerator<string> {
  yield csvLine([
    'id',
    'ruleId',
    'subjectId',
    'severity',
    'state',
    'silenced',
    'firedAt',
    'resolvedAt',
    'reason',
  ]);
  for (const a of alerts)
    yield csvLine([
      a.id,
      a.ruleId,
      a.subjectId,
      a.severity,
      a.state,
      a.silenced,
      a.firedAt,
      a.resolvedAt,
      a.reason,
    ]);
}

import { METRICS, metricDefinition, type MetricName } from '@jct/contract';
import { ROLLUP_MS, type RetentionResult, type WindowAggregate } from '../telemetry-store';
import type { InfluxHttp } from './influx-http';
import { escapeKey, escapeMeasurement } from './line-protocol';
import { msLiteral, numberAt, quoteIdent, quoteString, rowsOf } from './influxql';
import type { LineWriter } from './line-writers';

// Retention on InfluxDB 1.x by the service's own rollup writes (1.x has SELECT … INTO, but it
// writes at the hour's start, so a second pass over late points would overwrite the first).
// Each pass rolls up the raw points older than the cutoff, writes them to `<measurement>_hourly`
// (sum, min, max, count per numeric metric, tags kept) at hour start + a per-pass offset, then
// deletes them; queries add the rollups of an hour together, so every raw point counts once.

const NUMERIC = (Object.keys(METRICS) as MetricName[]).filter((m) => metricDefinition(m)?.type === 'number');
const TAGS = ['asset', 'device', 'kind', 'site'];

export const hourlyMeasurement = (measurement: string) => `${measurement}_hourly`;

export async function rollUpAndDelete(
  http: InfluxHttp,
  database: string,
  writer: LineWriter,
  measurement: string,
  cutoff: number,
): Promise<RetentionResult> {
  const before = `time < ${msLiteral(cutoff, 'cutoff')}`;
  const from = quoteIdent(measurement);
  const counted = await http.query(database, `SELECT count(*) FROM ${from} WHERE ${before}`);
  const [countRow] = rowsOf(counted[0]);
  const rolledUp = countRow
    ? Object.entries(countRow).reduce(
        (sum, [column, value]) => (column === 'time' ? sum : sum + Number(value)),
        0,
      )
    : 0;
  if (rolledUp === 0) return { rolledUp };
  const aggregates = NUMERIC.flatMap((m) => [
    `sum(${quoteIdent(m)}) AS ${quoteIdent(`${m}_sum`)}`,
    `min(${quoteIdent(m)}) AS ${quoteIdent(`${m}_min`)}`,
    `max(${quoteIdent(m)}) AS ${quoteIdent(`${m}_max`)}`,
    `count(${quoteIdent(m)}) AS ${quoteIdent(`${m}_count`)}`,
  ]).join(', ');
  const [result] = await http.query(
    database,
    `SELECT ${aggregates} FROM ${from} WHERE ${before} GROUP BY time(1h), ${TAGS.map(quoteIdent).join(', ')} fill(none)`,
  );
  // Distinct per pass: the pass's own millisecond within the hour, so two passes (a restart, a
  // late point rolled up later) do not overwrite each other's rollup of an hour.
  const offset = Date.now() % ROLLUP_MS;
  const lines: string[] = [];
  for (const series of result?.series ?? []) {
    const tags = Object.entries((series as { tags?: Record<string, string> }).tags ?? {})
      .filter(([, value]) => value !== '')
      .map(([key, value]) => `${escapeKey(key)}=${escapeKey(value)}`)
      .join(',');
    for (const values of series.values ?? []) {
      const row = Object.fromEntries(series.columns.map((column, i) => [column, values[i]]));
      const fields = NUMERIC.filter(
        (m) => typeof row[`${m}_count`] === 'number' && (row[`${m}_count`] as number) > 0,
      )
        .flatMap((m) => [
          `${escapeKey(`${m}_sum`)}=${row[`${m}_sum`] as number}`,
          `${escapeKey(`${m}_min`)}=${row[`${m}_min`] as number}`,
          `${escapeKey(`${m}_max`)}=${row[`${m}_max`] as number}`,
          `${escapeKey(`${m}_count`)}=${row[`${m}_count`] as number}i`,
        ])
        .join(',');
      if (fields === '') continue;
      lines.push(
        `${escapeMeasurement(hourlyMeasurement(measurement))}${tags ? `,${tags}` : ''} ${fields} ${numberAt(row, 'time') + offset}`,
      );
    }
  }
  for (let i = 0; i < lines.length; i += 5_000) await writer.write(lines.slice(i, i + 5_000));
  // Only after the rollups are written: a failure before this leaves the raw points for the next pass.
  await http.query(database, `DELETE FROM ${from} WHERE ${before}`, 'POST');
  return { rolledUp };
}

/** Whole-hour windows of a numeric metric from the rollups (one row per window). */
export async function rollupWindows(
  http: InfluxHttp,
  database: string,
  measurement: string,
  device: string,
  metric: MetricName,
  from: number,
  to: number,
  everyMs: number,
): Promise<{ ts: number; sum: number; min: number; max: number; count: number }[]> {
  const field = (suffix: string) => quoteIdent(`${metric}_${suffix}`);
  const [result] = await http.query(
    database,
    `SELECT sum(${field('sum')}) AS "sum", min(${field('min')}) AS "min", max(${field('max')}) AS "max", sum(${field('count')}) AS "count"` +
      ` FROM ${quoteIdent(hourlyMeasurement(measurement))} WHERE ${quoteIdent('device')} = ${quoteString(device)}` +
      ` AND time >= ${msLiteral(from, 'from')} AND time < ${msLiteral(to, 'to')} GROUP BY time(${everyMs}ms) fill(none)`,
  );
  return rowsOf(result).map((row) => ({
    ts: numberAt(row, 'time'),
    sum: numberAt(row, 'sum'),
    min: numberAt(row, 'min'),
    max: numberAt(row, 'max'),
    count: numberAt(row, 'count'),
  }));
}

/** Raw windows and rollup windows of the same grid, added together. */
export function mergeWindows(
  raw: WindowAggregate[],
  rollups: { ts: number; sum: number; min: number; max: number; count: number }[],
): WindowAggregate[] {
  const byTs = new Map(rollups.map((r) => [r.ts, { ...r }]));
  for (const w of raw) {
    const r = byTs.get(w.ts);
    if (!r) byTs.set(w.ts, { ts: w.ts, sum: w.mean * w.count, min: w.min, max: w.max, count: w.count });
    else
      byTs.set(w.ts, {
        ts: w.ts,
        sum: r.sum + w.mean * w.count,
        min: Math.min(r.min, w.min),
        max: Math.max(r.max, w.max),
        count: r.count + w.count,
      });
  }
  return [...byTs.values()]
    .sort((a, b) => a.ts - b.ts)
    .map(({ ts, sum, min, max, count }) => ({ ts, mean: sum / count, min, max, count }));
}

import { metricDefinition, type DeviceTags, type PointBatch } from '@jct/contract';
import { PermanentWriteError } from '../telemetry-store';

// Line protocol reference: https://docs.influxdata.com/influxdb/v1.6/write_protocols/line_protocol_reference/

/** Measurement names: commas and spaces would end the name. */
export function escapeMeasurement(name: string): string {
  return name.replace(/[, ]/g, (c) => `\\${c}`);
}

/** Tag keys, tag values and field keys: commas, equals signs and spaces are syntax. */
export function escapeKey(value: string): string {
  return value.replace(/[,= ]/g, (c) => `\\${c}`);
}

/**
 * A tag value that line protocol can carry unchanged. It has no escape for line breaks (a line
 * ends there), and a trailing backslash would escape the separator that follows it, so those are
 * refused rather than stored as something else.
 */
function tagValue(key: string, value: string, device: string): string {
  if (/[\r\n]/.test(value) || value.endsWith('\\')) {
    throw new PermanentWriteError(
      `tag ${key}=${JSON.stringify(value)} of device ${device} cannot be written as InfluxDB line protocol`,
    );
  }
  return escapeKey(value);
}

/**
 * The bounded tag set of a device, keys in lexical order (the order InfluxDB sorts them into,
 * which saves it the work). An empty asset or site is left out: InfluxDB has no empty tag values,
 * and InfluxQL treats a missing tag as ''.
 */
export function tagSet(device: DeviceTags): string {
  if (!device.deviceId) throw new PermanentWriteError('a point without a device id cannot be written');
  const tags: [string, string][] = [
    ['asset', device.assetId],
    ['device', device.deviceId],
    ['kind', device.kind],
    ['site', device.siteId],
  ];
  return tags
    .filter(([, value]) => value !== '')
    .map(([key, value]) => `${key}=${tagValue(key, value, device.deviceId)}`)
    .join(',');
}

/**
 * A field value. A bare number is a float in line protocol (integers need an `i` suffix), so `80`
 * becomes a float field and never an integer one that would later conflict with 80.5.
 * JavaScript's shortest round-trip form (e.g. `1e-7`, `1e+21`) is valid line protocol.
 */
export function fieldValue(metric: string, value: number | boolean, device: string): string {
  const type = metricDefinition(metric)?.type;
  if (typeof value === 'boolean' && type !== 'number') return value ? 'true' : 'false';
  if (typeof value === 'number' && type !== 'boolean' && Number.isFinite(value)) return String(value);
  throw new PermanentWriteError(
    `${metric}=${String(value)} of device ${device} is not a ${type ?? 'known metric'} value InfluxDB can store`,
  );
}

/**
 * One line per device tag set and timestamp, with each metric a field. Two values for the same
 * device, metric and timestamp collapse to the later one here, and InfluxDB replaces the fields of
 * an existing series and timestamp, so a replayed batch is a no-op.
 */
export function toLines(batches: PointBatch[], measurement: string): string[] {
  const prefix = escapeMeasurement(measurement);
  const rows = new Map<string, { head: string; ts: number; fields: Map<string, string> }>();
  for (const { device, points } of batches) {
    const head = `${prefix},${tagSet(device)}`;
    for (const point of points) {
      if (!Number.isSafeInteger(point.ts)) {
        throw new PermanentWriteError(
          `timestamp ${point.ts} of device ${device.deviceId} is not whole milliseconds`,
        );
      }
      const key = `${head}\u0000${point.ts}`;
      let row = rows.get(key);
      if (!row) {
        row = { head, ts: point.ts, fields: new Map() };
        rows.set(key, row);
      }
      row.fields.set(escapeKey(point.metric), fieldValue(point.metric, point.value, device.deviceId));
    }
  }
  return [...rows.values()].map(({ head, ts, fields }) => {
    const set = [...fields].map(([key, value]) => `${key}=${value}`).join(',');
    return `${head} ${set} ${ts}`;
  });
}

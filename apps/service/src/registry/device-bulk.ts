import type { SiteConfig } from '@jct/site-config';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { parseNewDevice, type NewDevice } from './device-input';

/** The columns of a device CSV, in order; latitude and longitude may be empty. */
export const DEVICE_CSV_COLUMNS = ['id', 'kind', 'asset', 'latitude', 'longitude'] as const;

/**
 * Devices to import, from CSV (the header above, comma-separated, no quoting: ids, kinds and
 * assets have no commas) or the site configuration's YAML shape (`devices: [{id, kind, asset,
 * location?}]`). Every row is checked before anything changes; each error names its row (the CSV
 * line, or the YAML list index) and field. Ids given twice in one file are an error too.
 */
export function parseDeviceImport(
  format: unknown,
  content: unknown,
  site: Pick<SiteConfig, 'crossings' | 'assets'>,
): { devices: NewDevice[] } | { errors: string[] } {
  if (typeof content !== 'string' || content.trim() === '') return { errors: ['content: the file, as text'] };
  let rows: { where: string; body: unknown }[];
  if (format === 'csv') {
    const parsed = csvRows(content);
    if ('errors' in parsed) return parsed;
    rows = parsed.rows;
  } else if (format === 'yaml') {
    const parsed = yamlRows(content);
    if ('errors' in parsed) return parsed;
    rows = parsed.rows;
  } else return { errors: ['format: csv or yaml'] };
  const errors: string[] = [];
  const devices: NewDevice[] = [];
  const seen = new Map<string, string>();
  for (const { where, body } of rows) {
    const result = parseNewDevice(body, site);
    if ('errors' in result) {
      errors.push(...result.errors.map((error) => `${where}: ${error}`));
      continue;
    }
    const first = seen.get(result.device.id);
    if (first) errors.push(`${where}: id: "${result.device.id}" is also on ${first}`);
    else seen.set(result.device.id, where);
    devices.push(result.device);
  }
  return errors.length > 0 ? { errors } : { devices };
}

function csvRows(content: string): { rows: { where: string; body: unknown }[] } | { errors: string[] } {
  const lines = content.split(/\r?\n/);
  const header = lines[0].split(',').map((cell) => cell.trim());
  if (header.join(',') !== DEVICE_CSV_COLUMNS.join(','))
    return { errors: [`line 1: the header must be ${DEVICE_CSV_COLUMNS.join(',')}`] };
  const rows: { where: string; body: unknown }[] = [];
  const errors: string[] = [];
  lines.slice(1).forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `line ${index + 2}`;
    const cells = line.split(',').map((cell) => cell.trim());
    if (line.includes('"')) return errors.push(`${where}: quoted fields are not supported`);
    if (cells.length !== DEVICE_CSV_COLUMNS.length)
      return errors.push(`${where}: ${DEVICE_CSV_COLUMNS.length} fields, not ${cells.length}`);
    const [id, kind, asset, latitude, longitude] = cells;
    const body: Record<string, unknown> = { id, kind, asset };
    if (latitude !== '' || longitude !== '') body.location = [Number(latitude), Number(longitude)];
    rows.push({ where, body });
  });
  if (errors.length > 0) return { errors };
  if (rows.length === 0) return { errors: ['content: no device rows under the header'] };
  return { rows };
}

function yamlRows(content: string): { rows: { where: string; body: unknown }[] } | { errors: string[] } {
  let document: unknown;
  try {
    document = parseYaml(content);
  } catch (error) {
    return { errors: [`content: not YAML: ${(error as Error).message.split('\n')[0]}`] };
  }
  const devices = (document as { devices?: unknown } | null)?.devices;
  if (!Array.isArray(devices) || devices.length === 0)
    return { errors: ['devices: a list of {id, kind, asset, location?}'] };
  return { rows: devices.map((body, index) => ({ where: `devices[${index}]`, body })) };
}

/** Devices as CSV with the import's columns, so an export can be edited and imported again. */
export function devicesCsv(
  devices: readonly Pick<NewDevice, 'id' | 'kind' | 'asset' | 'location'>[],
): string {
  const lines = devices.map((d) =>
    [d.id, d.kind, d.asset, d.location?.[0] ?? '', d.location?.[1] ?? ''].join(','),
  );
  return `${[DEVICE_CSV_COLUMNS.join(','), ...lines].join('\n')}\n`;
}

/** Devices in the site configuration's YAML shape (without secrets or their hashes). */
export function devicesYaml(
  devices: readonly Pick<NewDevice, 'id' | 'kind' | 'asset' | 'location'>[],
): string {
  return stringifyYaml({
    devices: devices.map(({ id, kind, asset, location }) => ({
      id,
      kind,
      asset,
      ...(location ? { location } : {}),
    })),
  });
}

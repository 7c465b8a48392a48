import type { LegMode, Shipment } from '@jct/rules';
import { parse, stringify } from 'yaml';
import { csvLine, parseCsv } from './csv';
import { shipmentView } from './shipment-view';

/**
 * Shipments as files, for bulk registration from a spreadsheet or a script: one CSV row per
 * shipment, or the YAML shape `shipments: [ … ]` whose entries are the `POST /api/shipments` body.
 * In CSV, trackers are separated by `;`, and legs by `;` with their five parts by `|`:
 * `rail|Blagoveshchensk|Skovorodino|2026-12-01T06:00:00+09:00|2026-12-02T02:00:00+09:00`.
 */
export const CSV_COLUMNS = [
  'containerNumber',
  'owner',
  'cargoProfile',
  'trackers',
  'tempMinC',
  'tempMaxC',
  'humidityMinPct',
  'humidityMaxPct',
  'shockMaxG',
  'excursionMinutes',
  'legs',
  'description',
] as const;

/** One entry of a file, named as its problems will be (`row 3`, `shipments[2]`), and its body. */
export interface FileEntry {
  where: string;
  body: unknown;
}

export type FileFormat = 'csv' | 'yaml';

/** The entries of a file; a file that cannot be read at all is one problem. */
export function readShipmentFile(
  format: FileFormat,
  text: string,
): { entries: FileEntry[] } | { problem: string } {
  try {
    return { entries: format === 'csv' ? csvEntries(text) : yamlEntries(text) };
  } catch (error) {
    return { problem: (error as Error).message };
  }
}

function yamlEntries(text: string): FileEntry[] {
  const document = parse(text) as { shipments?: unknown } | null;
  if (!document || !Array.isArray(document.shipments))
    throw new Error('expected a document with a list `shipments`');
  return document.shipments.map((body, i) => ({ where: `shipments[${i}]`, body }));
}

function csvEntries(text: string): FileEntry[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new Error('empty file: expected a header row');
  const unknown = header.filter((name) => !(CSV_COLUMNS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new Error(`unknown columns ${unknown.join(', ')}; the columns are ${CSV_COLUMNS.join(', ')}`);
  }
  // Row numbers as a spreadsheet shows them: the header is row 1.
  return rows.map((cells, i) => {
    const row = Object.fromEntries(header.map((name, j) => [name, cells[j] ?? '']));
    return { where: `row ${i + 2}`, body: bodyOfRow(row) };
  });
}

const present = (value: string | undefined) =>
  value === undefined || value.trim() === '' ? undefined : value.trim();
/** A number column: a string that is not a number stays a string, so validation names it. */
const numeric = (value: string | undefined) => {
  const text = present(value);
  return text === undefined ? undefined : Number.isFinite(Number(text)) ? Number(text) : text;
};
const list = (value: string | undefined) =>
  present(value)
    ?.split(';')
    .map((part) => part.trim()) ?? [];
const range = (min: unknown, max: unknown) =>
  min === undefined && max === undefined
    ? undefined
    : { ...(min !== undefined && { min }), ...(max !== undefined && { max }) };

function bodyOfRow(row: Record<string, string>) {
  const overrides = {
    tempC: range(numeric(row.tempMinC), numeric(row.tempMaxC)),
    humidityPct: range(numeric(row.humidityMinPct), numeric(row.humidityMaxPct)),
    shockMaxG: numeric(row.shockMaxG),
    excursionMinutes: numeric(row.excursionMinutes),
  };
  return withoutUndefined({
    containerNumber: present(row.containerNumber),
    owner: present(row.owner),
    cargoProfile: present(row.cargoProfile),
    trackers: list(row.trackers),
    overrides: withoutUndefined(overrides),
    legs: list(row.legs).map((leg) => {
      const [mode, from, to, departAt, arriveAt] = leg.split('|').map((part) => part.trim());
      return { mode, from, to, departAt, arriveAt };
    }),
    description: present(row.description),
  });
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Shipments as a CSV file with the columns of `CSV_COLUMNS`; read back by `readShipmentFile`. */
export function shipmentsCsv(shipments: Shipment[]): string {
  const lines = shipments.map((s) => {
    const legs = shipmentView(s).legs.map((l) =>
      [l.mode as LegMode, l.from, l.to, l.departAt, l.arriveAt].join('|'),
    );
    const cell = (n: number | undefined) => (n === undefined ? '' : String(n));
    return csvLine([
      s.containerNumber,
      s.owner,
      s.cargoProfile,
      s.trackers.join(';'),
      cell(s.overrides.tempC?.min),
      cell(s.overrides.tempC?.max),
      cell(s.overrides.humidityPct?.min),
      cell(s.overrides.humidityPct?.max),
      cell(s.overrides.shockMaxG),
      cell(s.overrides.excursionMinutes),
      legs.join(';'),
      s.description ?? '',
    ]);
  });
  return [csvLine(CSV_COLUMNS), ...lines].join('\r\n') + '\r\n';
}

/** Shipments in the YAML shape: each entry a `POST /api/shipments` body. */
export function shipmentsYaml(shipments: Shipment[]): string {
  return stringify({
    shipments: shipments.map((s) => {
      const view = shipmentView(s);
      return withoutUndefined({
        containerNumber: s.containerNumber,
        owner: s.owner,
        cargoProfile: s.cargoProfile,
        overrides: s.overrides,
        trackers: s.trackers,
        legs: view.legs,
        description: s.description,
      });
    }),
  });
}

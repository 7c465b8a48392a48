import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { METRICS, type MetricName } from './metrics';
import { displayUnit, UNIT_CODES } from './unit-codes';
import { acceptedUnits } from './units';

/** The README's metric table: metric names → [unit code cell, shown-as cell]. */
function readmeMetricTable(): Map<string, { code: string; shownAs: string }> {
  const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
  const rows = new Map<string, { code: string; shownAs: string }>();
  for (const line of readme.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells.length !== 7 || !cells[1].startsWith('`')) continue;
    const metrics = [...cells[1].matchAll(/`(\w+)`/g)].map((m) => m[1]);
    const codes = [...cells[2].matchAll(/`([^`]*)`/g)].map((m) => m[1].replace(/^""$/, ''));
    metrics.forEach((metric, i) =>
      rows.set(metric, { code: codes[i] ?? codes[0], shownAs: cells[3].replace(/ \(.*\)$/, '') }),
    );
  }
  return rows;
}

describe('unit vocabulary', () => {
  const table = readmeMetricTable();

  it.each(Object.keys(METRICS) as MetricName[])(
    '%s: the README names the API unit code and the form people read',
    (metric) => {
      const { unit } = METRICS[metric];
      const row = table.get(metric);
      expect(row?.code).toBe(unit);
      expect(row?.shownAs).toBe(unit === '' ? 'true / false' : displayUnit(unit));
    },
  );

  it.each(
    (Object.keys(METRICS) as MetricName[]).filter((m) => METRICS[m].type === 'number' && m !== 'shockG'),
  )('%s: a device may send SenML in the unit code the API reports', (metric) => {
    expect(acceptedUnits(metric)).toContain(METRICS[metric].unit);
  });

  it('Cel is shown as °C, %EL as %, [g] as g', () => {
    expect([displayUnit('Cel'), displayUnit('%EL'), displayUnit('[g]')]).toEqual(['°C', '%', 'g']);
  });

  it('every code has a display form', () => {
    for (const code of UNIT_CODES) expect(typeof displayUnit(code)).toBe('string');
  });
});

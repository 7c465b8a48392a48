import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coversDay, ReportCoverage, type Coverage } from './report-coverage';

const at = (iso: string) => Date.parse(iso);
// Days in Asia/Shanghai (UTC+8): 2026-01-20 runs from 2026-01-19T16:00Z to 2026-01-20T16:00Z.
const END_OF_JAN_20 = at('2026-01-20T16:00:00Z');

describe('coversDay', () => {
  const coverage = (serviceSince: string, containerSince?: string): Coverage => ({
    serviceSince: at(serviceSince),
    containers: containerSince ? { 'CONT-03': at(containerSince) } : {},
  });

  it.each([
    [
      'first start on Jan 21, report for Jan 20 → none',
      '2026-01-20T23:30:00Z',
      '2026-01-20T23:30:00Z',
      false,
    ],
    [
      'service and shipment since Jan 19 → Jan 20 is reported',
      '2026-01-19T01:00:00Z',
      '2026-01-19T01:00:00Z',
      true,
    ],
    [
      'service started late on Jan 20 → Jan 20 is reported',
      '2026-01-20T15:00:00Z',
      '2026-01-20T15:00:00Z',
      true,
    ],
    [
      'service since Jan 19, shipment added on Jan 21 → none',
      '2026-01-19T01:00:00Z',
      '2026-01-20T16:00:00Z',
      false,
    ],
    ['started exactly at the end of the day → none', '2026-01-20T16:00:00Z', '2026-01-20T16:00:00Z', false],
  ])('%s', (_case, serviceSince, containerSince, expected) => {
    expect(coversDay(coverage(serviceSince, containerSince), 'CONT-03', END_OF_JAN_20)).toBe(expected);
  });

  it('a container the service never knew → none', () => {
    expect(coversDay(coverage('2026-01-01T00:00:00Z'), 'CONT-03', END_OF_JAN_20)).toBe(false);
  });
});

describe('ReportCoverage', () => {
  const file = () => join(mkdtempSync(join(tmpdir(), 'jct-coverage-')), 'reports', 'coverage.json');

  it('keeps the first start and each container’s first sighting across restarts', () => {
    const path = file();
    new ReportCoverage(path, ['CONT-01'], at('2026-01-18T00:00:00Z'));
    const later = new ReportCoverage(path, ['CONT-01', 'CONT-02'], at('2026-01-21T00:00:00Z'));
    expect(later.coverage).toEqual({
      serviceSince: at('2026-01-18T00:00:00Z'),
      containers: { 'CONT-01': at('2026-01-18T00:00:00Z'), 'CONT-02': at('2026-01-21T00:00:00Z') },
    });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(later.coverage);
  });

  it('a torn file counts as a first start: no report for earlier days', () => {
    const path = file();
    new ReportCoverage(path, ['CONT-01'], at('2026-01-10T00:00:00Z'));
    writeFileSync(path, '{"serviceSince": 17');
    const restarted = new ReportCoverage(path, ['CONT-01'], at('2026-01-21T00:00:00Z'));
    expect(restarted.covers('CONT-01', END_OF_JAN_20)).toBe(false);
    expect(restarted.covers('CONT-01', at('2026-01-21T16:00:00Z'))).toBe(true);
  });
});

import { renderStatusReason } from '../reasons';
import { evaluateFerryCrossing, type FerryCrossingInput } from './ferry-status';

const HOUR = 3_600_000;
// 2026-07-01 12:00 in Jalinda (UTC+9): inside a 05-15 – 10-15 season.
const SUMMER = Date.parse('2026-07-01T03:00:00Z');
const base: FerryCrossingInput = {
  crossingId: 'jalinda-mohe-ferry',
  season: { opens: '05-15', closes: '10-15' },
  timeZone: 'Asia/Yakutsk',
  minWaterLevelCm: 150,
  waterLevel: { value: 212, ts: SUMMER - HOUR },
  staleAfterMs: 6 * HOUR,
  ratedTonnes: 40,
  now: SUMMER,
};

describe('ferry crossing status', () => {
  it.each([
    ['in season with enough fresh water → open for the rated load', {}, 'open', 40, 'open'],
    [
      'out of season → closed, whatever the water',
      { now: Date.parse('2026-11-23T03:00:00Z') },
      'closed',
      0,
      'out_of_season',
    ],
    [
      'on the closing day, local date → still open',
      {
        now: Date.parse('2026-10-15T14:00:00Z'),
        waterLevel: { value: 212, ts: Date.parse('2026-10-15T13:00:00Z') },
      },
      'open',
      40,
      'open',
    ],
    [
      'the day after closing in Jalinda (already 16 Oct at 15:00 UTC) → closed',
      { now: Date.parse('2026-10-15T15:00:00Z') },
      'closed',
      0,
      'out_of_season',
    ],
    [
      'water below the minimum → closed',
      { waterLevel: { value: 149.9, ts: SUMMER - HOUR } },
      'closed',
      0,
      'low_water',
    ],
    [
      'water exactly at the minimum → open',
      { waterLevel: { value: 150, ts: SUMMER - HOUR } },
      'open',
      40,
      'open',
    ],
    ['no water level ever → unknown, not open', { waterLevel: undefined }, 'unknown', 0, 'no_water_level'],
    [
      'a level older than 6 h → unknown, not open',
      { waterLevel: { value: 212, ts: SUMMER - 6 * HOUR - 1 } },
      'unknown',
      0,
      'stale_water_level',
    ],
    [
      'no minimum configured → open without a level',
      { minWaterLevelCm: undefined, waterLevel: undefined },
      'open',
      40,
      'open',
    ],
  ] as const)('%s', (_, change, status, tonnes, code) => {
    const verdict = evaluateFerryCrossing({ ...base, ...change });
    expect(verdict.status).toBe(status);
    expect(verdict.maxGrossTonnes).toBe(tonnes);
    expect(verdict.reasons[0].code).toBe(code);
    expect(verdict.reasons[0].source).not.toMatch(/\.md\b|§/);
  });

  it('says what it saw: the level and what the ferry needs, as text and as numbers', () => {
    const [reason] = evaluateFerryCrossing({ ...base, waterLevel: { value: 120, ts: SUMMER } }).reasons;
    expect(reason.text).toBe('closed: water level 120 cm, below the 150 cm the ferry needs');
    expect(reason.params).toEqual({ levelCm: 120, minimumCm: 150 });
    expect(renderStatusReason(reason, 'ru')).toBe('закрыта: уровень воды 120 см, ниже 150 см, нужных парому');
  });
});

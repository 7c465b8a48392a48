// The query of GET /api/devices/{id}/telemetry: defaults, times, windows and limits, all errors at once.
import { parseDuration, parseTelemetryQuery, type TelemetryQuery } from './telemetry-query';

// Fixed clock: 2026-01-20 03:00:00 UTC.
const NOW = Date.UTC(2026, 0, 20, 3, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function queryOf(...args: Parameters<typeof parseTelemetryQuery>): TelemetryQuery {
  const result = parseTelemetryQuery(...args);
  if ('errors' in result) throw new Error(`expected a query, got errors: ${result.errors.join('; ')}`);
  return result.query;
}
function errorsOf(...args: Parameters<typeof parseTelemetryQuery>): string[] {
  const result = parseTelemetryQuery(...args);
  if ('query' in result) throw new Error(`expected errors, got the query ${JSON.stringify(result.query)}`);
  return result.errors;
}

describe('parseTelemetryQuery: defaults', () => {
  it('only a metric → the last 24 h up to now, raw points, limit 10000', () => {
    expect(queryOf({ metric: 'iceThicknessCm' }, 'ice-station', NOW)).toEqual({
      metric: 'iceThicknessCm',
      from: NOW - DAY,
      to: NOW,
      everyMs: undefined,
      limit: 10_000,
    });
  });

  it('only "to" → the 24 h before "to"', () => {
    const to = NOW - 7 * DAY;
    expect(queryOf({ metric: 'tempC', to: String(to) }, 'container', NOW)).toMatchObject({
      from: to - DAY,
      to,
    });
  });

  it('only "from" → from then up to now', () => {
    expect(queryOf({ metric: 'lat', from: '2026-01-19T00:00:00Z' }, 'vehicle', NOW)).toMatchObject({
      from: Date.UTC(2026, 0, 19),
      to: NOW,
    });
  });
});

describe('parseTelemetryQuery: times', () => {
  const notATime = (name: string) =>
    `${name}: not a time; give ISO 8601 with a zone (2026-01-20T03:00:00Z) or epoch milliseconds`;
  const noZone = (name: string) =>
    `${name}: no time zone; add Z or an offset such as +09:00, or give epoch milliseconds`;
  const [FROM_NOT_A_TIME, TO_NOT_A_TIME, FROM_NO_ZONE, TO_NO_ZONE] = [
    notATime('from'),
    notATime('to'),
    noZone('from'),
    noZone('to'),
  ];
  const cases: { name: string; text: string; ms: number }[] = [
    { name: 'epoch milliseconds', text: String(NOW - HOUR), ms: NOW - HOUR },
    { name: 'epoch 0', text: '0', ms: 0 },
    { name: 'ISO in UTC', text: '2026-01-20T01:00:00Z', ms: NOW - 2 * HOUR },
    { name: 'ISO with milliseconds', text: '2026-01-20T01:00:00.500Z', ms: NOW - 2 * HOUR + 500 },
    { name: 'ISO without seconds', text: '2026-01-20T01:00Z', ms: NOW - 2 * HOUR },
    { name: 'ISO in Jalinda time +09:00', text: '2026-01-20T10:00:00+09:00', ms: NOW - 2 * HOUR },
    { name: 'ISO in Mohe time +08:00', text: '2026-01-20T09:00:00+08:00', ms: NOW - 2 * HOUR },
    { name: 'a date alone (UTC midnight)', text: '2026-01-20', ms: Date.UTC(2026, 0, 20) },
  ];
  it.each(cases)('from as $name → $ms', ({ text, ms }) => {
    expect(queryOf({ metric: 'iceThicknessCm', from: text }, 'ice-station', NOW).from).toBe(ms);
  });

  it('from without a zone (ambiguous between UTC+8 and UTC+9) → a "from: no time zone" error', () => {
    expect(errorsOf({ metric: 'iceThicknessCm', from: '2026-01-20T01:00:00' }, 'ice-station', NOW)).toEqual([
      FROM_NO_ZONE,
    ]);
  });

  const bad: string[] = [
    '2026-01-20T01:00:00+0900',
    'yesterday',
    '',
    '-1',
    '1e12',
    '1768870800000.5',
    '1234567890123456', // 16 digits
    '2026-13-01',
  ];
  it.each(bad)('from "%s" → a "from: not a time" error', (text) => {
    expect(errorsOf({ metric: 'iceThicknessCm', from: text }, 'ice-station', NOW)).toEqual([FROM_NOT_A_TIME]);
  });

  it('a bad "to" with a good "from" → a "to: not a time" error', () => {
    expect(errorsOf({ metric: 'iceThicknessCm', from: '0', to: 'now' }, 'ice-station', NOW)).toEqual([
      TO_NOT_A_TIME,
    ]);
  });

  // A bad "to" also makes the default "from" (to minus 24 h) unknowable: only "to" is blamed.
  it.each([
    { name: '"now"', to: 'now', error: TO_NOT_A_TIME },
    { name: 'ISO without a zone', to: '2026-01-20T03:00:00', error: TO_NO_ZONE },
    { name: 'an empty string', to: '', error: TO_NOT_A_TIME },
  ])('a bad "to" ($name) without "from" → exactly one error, about to', ({ to, error }) => {
    expect(errorsOf({ metric: 'iceThicknessCm', to }, 'ice-station', NOW)).toEqual([error]);
  });

  it('a bad "to" without "from" and with a window → still only the "to" error', () => {
    expect(errorsOf({ metric: 'iceThicknessCm', to: 'now', every: '1ms' }, 'ice-station', NOW)).toEqual([
      TO_NOT_A_TIME,
    ]);
  });

  it('a bad "to" and a bad "from" → one error for each', () => {
    expect(errorsOf({ metric: 'iceThicknessCm', from: 'yesterday', to: 'now' }, 'ice-station', NOW)).toEqual([
      TO_NOT_A_TIME,
      FROM_NOT_A_TIME,
    ]);
  });

  it.each([
    { name: 'from equal to to', from: String(NOW), to: String(NOW) },
    { name: 'from 1 ms after to', from: String(NOW + 1), to: String(NOW) },
    { name: 'from a day after now, to defaulting to now', from: String(NOW + DAY), to: undefined },
  ])('$name → "from: must be before to"', ({ from, to }) => {
    expect(errorsOf({ metric: 'iceThicknessCm', from, to }, 'ice-station', NOW)).toEqual([
      'from: must be before to',
    ]);
  });

  it('from 1 ms before to → accepted', () => {
    expect(
      queryOf({ metric: 'iceThicknessCm', from: String(NOW - 1), to: String(NOW) }, 'ice-station', NOW),
    ).toMatchObject({ from: NOW - 1, to: NOW });
  });
});

describe('parseTelemetryQuery: metric', () => {
  const cases: {
    name: string;
    metric?: string;
    kind: Parameters<typeof parseTelemetryQuery>[1];
    error: string;
  }[] = [
    {
      name: 'missing',
      metric: undefined,
      kind: 'ice-station',
      error: 'metric: required, e.g. metric=iceThicknessCm',
    },
    { name: 'empty', metric: '', kind: 'ice-station', error: 'metric: required, e.g. metric=iceThicknessCm' },
    {
      name: 'tempC of an ice station (a container metric)',
      metric: 'tempC',
      kind: 'ice-station',
      error: 'metric: "tempC" is not a metric of an ice-station',
    },
    {
      name: 'iceThicknessCm of a vehicle',
      metric: 'iceThicknessCm',
      kind: 'vehicle',
      error: 'metric: "iceThicknessCm" is not a metric of a vehicle',
    },
    {
      name: 'a misspelling',
      metric: 'icethicknesscm',
      kind: 'ice-station',
      error: 'metric: "icethicknesscm" is not a metric of an ice-station',
    },
    {
      name: 'an Object.prototype name',
      metric: 'constructor',
      kind: 'ferry',
      error: 'metric: "constructor" is not a metric of a ferry',
    },
  ];
  it.each(cases)('$name → "$error"', ({ metric, kind, error }) => {
    expect(errorsOf({ metric }, kind, NOW)).toEqual([error]);
  });

  it.each([
    { metric: 'batteryPct', kind: 'ice-station' as const },
    { metric: 'speedKmh', kind: 'ferry' as const },
    { metric: 'doorOpen', kind: 'container' as const },
    { metric: 'grossMassKg', kind: 'vehicle' as const },
  ])('$metric of a $kind → accepted', ({ metric, kind }) => {
    expect(queryOf({ metric }, kind, NOW).metric).toBe(metric);
  });
});

describe('parseTelemetryQuery: every (aggregation window)', () => {
  it("every '5m' → everyMs 300000", () => {
    expect(queryOf({ metric: 'iceThicknessCm', every: '5m' }, 'ice-station', NOW).everyMs).toBe(300_000);
  });

  // The default range is 24 h = 86 400 000 ms; at most 10 000 windows fit in it.
  it.each([
    { every: '8640ms', ok: true }, // exactly 10 000 windows
    { every: '8639ms', ok: false }, // 10 001.2 windows
    { every: '9s', ok: true }, // 9 600 windows
    { every: '8s', ok: false }, // 10 800 windows
    { every: '1s', ok: false },
  ])('every $every over 24 h → accepted: $ok', ({ every, ok }) => {
    const result = parseTelemetryQuery({ metric: 'iceThicknessCm', every }, 'ice-station', NOW);
    if (ok) expect(result).toHaveProperty('query.everyMs', parseDuration(every));
    else
      expect(result).toEqual({
        errors: [`every: ${every} gives more than 10000 windows over this range; use a longer window`],
      });
  });

  it('the window count follows the range: every 1s over 2 h is fine', () => {
    expect(
      queryOf({ metric: 'iceThicknessCm', every: '1s', from: String(NOW - 2 * HOUR) }, 'ice-station', NOW)
        .everyMs,
    ).toBe(1000);
  });

  it.each(['5', 'm', '5M', '1.5h', '-5m', '5 m', '0m', '0ms', '1w', ''])(
    'every "%s" → not a duration',
    (every) => {
      expect(errorsOf({ metric: 'iceThicknessCm', every }, 'ice-station', NOW)).toEqual([
        'every: not a duration; give e.g. 30s, 5m, 1h or 1d',
      ]);
    },
  );
});

describe('parseDuration', () => {
  const cases: { text: string; ms: number | undefined }[] = [
    { text: '250ms', ms: 250 },
    { text: '30s', ms: 30_000 },
    { text: '5m', ms: 300_000 },
    { text: '1h', ms: 3_600_000 },
    { text: '2d', ms: 172_800_000 },
    { text: '0s', ms: undefined },
    { text: '5', ms: undefined },
    { text: '5min', ms: undefined },
    { text: 'PT5M', ms: undefined },
    { text: ' 5m', ms: undefined },
    { text: '5m ', ms: undefined },
    { text: '1e3s', ms: undefined },
  ];
  it.each(cases)("'$text' → $ms", ({ text, ms }) => {
    expect(parseDuration(text)).toBe(ms);
  });
});

describe('parseTelemetryQuery: limit', () => {
  it.each([
    { limit: '1', value: 1 },
    { limit: '500', value: 500 },
    { limit: '10000', value: 10_000 },
  ])('limit $limit → $value', ({ limit, value }) => {
    expect(queryOf({ metric: 'iceThicknessCm', limit }, 'ice-station', NOW).limit).toBe(value);
  });

  it.each(['0', '10001', '-1', '1.5', '1e3', 'ten', '', ' 5'])('limit "%s" → rejected', (limit) => {
    expect(errorsOf({ metric: 'iceThicknessCm', limit }, 'ice-station', NOW)).toEqual([
      'limit: a whole number from 1 to 10000',
    ]);
  });
});

describe('parseTelemetryQuery: all errors together', () => {
  it('a bad metric, a bad time, a bad window and a bad limit → four errors, one per parameter', () => {
    const errors = errorsOf(
      { metric: 'tempC', from: '2026-01-20T00:00:00', every: '5 minutes', limit: '0' },
      'ice-station',
      NOW,
    );
    expect(errors).toEqual([
      'metric: "tempC" is not a metric of an ice-station',
      'from: no time zone; add Z or an offset such as +09:00, or give epoch milliseconds',
      'every: not a duration; give e.g. 30s, 5m, 1h or 1d',
      'limit: a whole number from 1 to 10000',
    ]);
  });

  it('a missing metric, too many windows and a bad limit are reported together', () => {
    expect(errorsOf({ every: '1ms', limit: '99999' }, 'ice-station', NOW)).toEqual([
      'metric: required, e.g. metric=iceThicknessCm',
      'every: 1ms gives more than 10000 windows over this range; use a longer window',
      'limit: a whole number from 1 to 10000',
    ]);
  });

  it('from after to and a missing metric are reported together (no window count for a reversed range)', () => {
    expect(errorsOf({ from: String(NOW), to: String(NOW - DAY), every: '1ms' }, 'ice-station', NOW)).toEqual([
      'metric: required, e.g. metric=iceThicknessCm',
      'from: must be before to',
    ]);
  });
});

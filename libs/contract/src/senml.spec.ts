// SenML JSON (RFC 8428) through parseTelemetry: names, base fields, times, units and values.
import type { DeviceKind } from './device-kinds';
import { parseTelemetry } from './parse-telemetry';
import type { RejectionCode } from './rejection';
import { isSenml } from './senml';
import type { IngestLimits, ParseResult } from './telemetry';

// Fixed clock: 2026-01-20 03:00:00 UTC.
const RECEIVED_AT = Date.UTC(2026, 0, 20, 3, 0, 0);
const RECEIVED_AT_S = RECEIVED_AT / 1000;
const MINUTE = 60_000;
const DAY = 86_400_000;
const LIMITS: IngestLimits = {
  maxPayloadBytes: 64 * 1024,
  maxReadingsPerMessage: 4,
  maxFutureMs: 5 * MINUTE,
  maxAgeMs: 30 * DAY,
};
// RFC 8428 §4.5.3: a resolved time below 2**28 s is relative to "now".
const RELATIVE_LIMIT_S = 2 ** 28;

function parseText(text: string, kind: DeviceKind = 'ice-station', limits = LIMITS): ParseResult {
  return parseTelemetry(Buffer.from(text, 'utf8'), { kind, receivedAt: RECEIVED_AT, limits });
}
function parsePack(pack: unknown, kind: DeviceKind = 'ice-station', limits = LIMITS): ParseResult {
  return parseText(JSON.stringify(pack), kind, limits);
}
const codes = (result: ParseResult): RejectionCode[] => result.rejections.map((r) => r.code);

describe('SenML: names', () => {
  const cases: { name: string; pack: object[]; metric: string; value: number }[] = [
    {
      name: 'bn "ICE-1/" + n "iceThicknessCm"',
      pack: [{ bn: 'ICE-1/', n: 'iceThicknessCm', v: 80 }],
      metric: 'iceThicknessCm',
      value: 80,
    },
    {
      name: 'an RFC 8428 URN bn "urn:dev:ow:10e2073a01080063:" + n',
      pack: [{ bn: 'urn:dev:ow:10e2073a01080063:', n: 'iceThicknessCm', v: 81 }],
      metric: 'iceThicknessCm',
      value: 81,
    },
    {
      name: 'the full name "ICE-1/iceThicknessCm" in n alone',
      pack: [{ n: 'ICE-1/iceThicknessCm', v: 82 }],
      metric: 'iceThicknessCm',
      value: 82,
    },
    {
      name: 'the full URN name in bn with no n',
      pack: [{ bn: 'urn:dev:ow:10e2073a01080063:snowDepthCm', v: 14 }],
      metric: 'snowDepthCm',
      value: 14,
    },
    {
      name: 'the bare metric name in n',
      pack: [{ n: 'whiteIceCm', v: 20 }],
      metric: 'whiteIceCm',
      value: 20,
    },
  ];
  it.each(cases)('$name → $metric', ({ pack, metric, value }) => {
    expect(parsePack(pack)).toEqual({ points: [{ metric, ts: RECEIVED_AT, value }], rejections: [] });
  });

  it('bn applies to every later record until a new bn replaces it', () => {
    const result = parsePack([
      { bn: 'ICE-1/', n: 'iceThicknessCm', v: 80 },
      { n: 'snowDepthCm', v: 12 },
      { bn: 'urn:dev:ow:10e2073a01080063:', n: 'whiteIceCm', v: 20 },
    ]);
    expect(result.rejections).toEqual([]);
    expect(result.points.map((p) => [p.metric, p.value])).toEqual([
      ['iceThicknessCm', 80],
      ['snowDepthCm', 12],
      ['whiteIceCm', 20],
    ]);
  });

  const unknown: { name: string; pack: object[]; kind?: DeviceKind; metric: string }[] = [
    {
      name: 'a name that is no metric',
      pack: [{ bn: 'ICE-1/', n: 'thickness', v: 80 }],
      metric: 'thickness',
    },
    { name: 'a bn ending in "/" and no n', pack: [{ bn: 'ICE-1/', v: 80 }], metric: '' },
    { name: 'tempC (a container metric) from an ice station', pack: [{ n: 'tempC', v: 4 }], metric: 'tempC' },
    {
      name: 'iceThicknessCm from a container',
      kind: 'container',
      pack: [{ n: 'iceThicknessCm', v: 80 }],
      metric: 'iceThicknessCm',
    },
    // The kind is checked first: a unit, value or time of the record does not change the answer.
    {
      name: 'tempC from an ice station with its own unit Cel',
      pack: [{ n: 'tempC', u: 'Cel', v: 4 }],
      metric: 'tempC',
    },
    {
      name: 'tempC from an ice station with a unit that does not fit tempC (not bad_unit)',
      pack: [{ n: 'tempC', u: 'm', v: 4 }],
      metric: 'tempC',
    },
    {
      name: 'tempC from an ice station with a bu inherited from an earlier record',
      pack: [{ bu: 'K' }, { n: 'tempC', v: 277.15 }],
      metric: 'tempC',
    },
    {
      name: 'tempC from an ice station with a string t (not bad_timestamp)',
      pack: [{ n: 'tempC', v: 4, t: 'now' }],
      metric: 'tempC',
    },
    {
      name: 'tempC from an ice station as a string vs (not wrong_type)',
      pack: [{ n: 'tempC', vs: '4' }],
      metric: 'tempC',
    },
    {
      name: 'shockG from a vehicle with unit g',
      kind: 'vehicle',
      pack: [{ n: 'shockG', u: 'g', v: 2 }],
      metric: 'shockG',
    },
  ];
  it.each(unknown)('$name → unknown_metric', ({ pack, kind, metric }) => {
    const result = parsePack(pack, kind);
    expect(result.points).toEqual([]);
    expect(result.rejections).toEqual([
      expect.objectContaining({ index: pack.length - 1, code: 'unknown_metric', metric }),
    ]);
  });
});

describe('SenML: times', () => {
  const cases: { name: string; pack: object[]; ts?: number; code?: RejectionCode }[] = [
    { name: 'no t and no bt → the arrival time', pack: [{ n: 'iceThicknessCm', v: 80 }], ts: RECEIVED_AT },
    {
      name: 'absolute bt + negative t in seconds',
      pack: [{ bt: RECEIVED_AT_S, n: 'iceThicknessCm', v: 80, t: -60 }],
      ts: RECEIVED_AT - MINUTE,
    },
    {
      name: 'absolute bt + fractional t (0.25 s → 250 ms)',
      pack: [{ bt: RECEIVED_AT_S - 1, n: 'iceThicknessCm', v: 80, t: 0.25 }],
      ts: RECEIVED_AT - 750,
    },
    {
      name: 'absolute t alone',
      pack: [{ n: 'iceThicknessCm', v: 80, t: RECEIVED_AT_S - 120 }],
      ts: RECEIVED_AT - 2 * MINUTE,
    },
    {
      name: 'relative t = -120 s → 2 minutes before arrival',
      pack: [{ n: 'iceThicknessCm', v: 80, t: -120 }],
      ts: RECEIVED_AT - 2 * MINUTE,
    },
    {
      name: 'relative bt = -3600 s + t = 0 → an hour before arrival',
      pack: [{ bt: -3600, n: 'iceThicknessCm', v: 80, t: 0 }],
      ts: RECEIVED_AT - 60 * MINUTE,
    },
    {
      name: 'relative t exactly at the future limit (+300 s) → accepted',
      pack: [{ n: 'iceThicknessCm', v: 80, t: 300 }],
      ts: RECEIVED_AT + 5 * MINUTE,
    },
    {
      name: 'relative t 1 ms past the future limit → timestamp_in_future',
      pack: [{ n: 'iceThicknessCm', v: 80, t: 300.001 }],
      code: 'timestamp_in_future',
    },
    {
      name: 'absolute time exactly maxAgeMs old → accepted',
      pack: [{ bt: (RECEIVED_AT - LIMITS.maxAgeMs) / 1000, n: 'iceThicknessCm', v: 80 }],
      ts: RECEIVED_AT - LIMITS.maxAgeMs,
    },
    {
      name: 'absolute time 1 ms older than maxAgeMs → timestamp_too_old',
      pack: [{ bt: (RECEIVED_AT - LIMITS.maxAgeMs - 1) / 1000, n: 'iceThicknessCm', v: 80 }],
      code: 'timestamp_too_old',
    },
    {
      name: 'resolved time 2**28 - 1 s is still relative (≈ 8.5 years ahead) → timestamp_in_future',
      pack: [{ n: 'iceThicknessCm', v: 80, t: RELATIVE_LIMIT_S - 1 }],
      code: 'timestamp_in_future',
    },
    {
      name: 'resolved time 2**28 s is absolute (1978) → timestamp_too_old',
      pack: [{ n: 'iceThicknessCm', v: 80, t: RELATIVE_LIMIT_S }],
      code: 'timestamp_too_old',
    },
    {
      name: 'bt absolute in milliseconds by mistake → timestamp_in_future',
      pack: [{ bt: RECEIVED_AT, n: 'iceThicknessCm', v: 80 }],
      code: 'timestamp_in_future',
    },
    {
      name: 't as a string → bad_timestamp',
      pack: [{ n: 'iceThicknessCm', v: 80, t: '2026-01-20T03:00:00Z' }],
      code: 'bad_timestamp',
    },
    {
      name: 't as null → bad_timestamp',
      pack: [{ n: 'iceThicknessCm', v: 80, t: null }],
      code: 'bad_timestamp',
    },
  ];
  it.each(cases)('$name', ({ pack, ts, code }) => {
    const result = parsePack(pack);
    if (code === undefined) {
      expect(result.rejections).toEqual([]);
      expect(result.points).toEqual([{ metric: 'iceThicknessCm', ts, value: 80 }]);
    } else {
      expect(result.points).toEqual([]);
      expect(result.rejections).toEqual([
        expect.objectContaining({ index: 0, code, metric: 'iceThicknessCm' }),
      ]);
    }
  });

  it('bt applies to later records: a series of readings a minute apart', () => {
    const result = parsePack([
      { bn: 'ICE-1/', bt: RECEIVED_AT_S - 180, n: 'iceThicknessCm', v: 80, t: 0 },
      { n: 'iceThicknessCm', v: 79.5, t: 60 },
      { n: 'iceThicknessCm', v: 79, t: 120 },
    ]);
    expect(result.rejections).toEqual([]);
    expect(result.points.map((p) => p.ts)).toEqual([
      RECEIVED_AT - 3 * MINUTE,
      RECEIVED_AT - 2 * MINUTE,
      RECEIVED_AT - MINUTE,
    ]);
  });
});

describe('SenML: units', () => {
  const converted: { name: string; kind: DeviceKind; pack: object[]; metric: string; value: number }[] = [
    {
      name: 'm → cm (×100)',
      kind: 'ice-station',
      pack: [{ n: 'iceThicknessCm', u: 'm', v: 0.82 }],
      metric: 'iceThicknessCm',
      value: 82,
    },
    {
      name: 'mm → cm (÷10)',
      kind: 'ice-station',
      pack: [{ n: 'snowDepthCm', u: 'mm', v: 125 }],
      metric: 'snowDepthCm',
      value: 12.5,
    },
    {
      name: 'm → mm for crack width (×1000)',
      kind: 'ice-station',
      pack: [{ n: 'crackWidthMm', u: 'm', v: 0.004 }],
      metric: 'crackWidthMm',
      value: 4,
    },
    {
      name: 'K → °C (−273.15)',
      kind: 'ice-station',
      pack: [{ n: 'airTempC', u: 'K', v: 253.15 }],
      metric: 'airTempC',
      value: -20,
    },
    {
      name: 'Cel → °C unchanged',
      kind: 'container',
      pack: [{ n: 'tempC', u: 'Cel', v: 4.5 }],
      metric: 'tempC',
      value: 4.5,
    },
    {
      name: 'm/s → km/h (×3.6)',
      kind: 'vehicle',
      pack: [{ n: 'speedKmh', u: 'm/s', v: 5 }],
      metric: 'speedKmh',
      value: 18,
    },
    {
      name: 'm/s2 → g (÷9.80665, standard gravity)',
      kind: 'container',
      pack: [{ n: 'shockG', u: 'm/s2', v: 19.6133 }],
      metric: 'shockG',
      value: 2,
    },
    {
      name: 'm/s2 → g: one standard gravity 9.80665 m/s2 → 1',
      kind: 'container',
      pack: [{ n: 'shockG', u: 'm/s2', v: 9.80665 }],
      metric: 'shockG',
      value: 1,
    },
    {
      name: 'bu m/s2 applies to shockG',
      kind: 'container',
      pack: [{ bu: 'm/s2' }, { n: 'shockG', v: 49.03325 }],
      metric: 'shockG',
      value: 5,
    },
    {
      name: 'shockG with no unit → taken in g (standard gravity), unchanged',
      kind: 'container',
      pack: [{ n: 'shockG', v: 3 }],
      metric: 'shockG',
      value: 3,
    },
    {
      name: 'g → kg for a gross mass (÷1000: SenML "g" is the gram)',
      kind: 'vehicle',
      pack: [{ n: 'grossMassKg', u: 'g', v: 20_000_000 }],
      metric: 'grossMassKg',
      value: 20_000,
    },
    {
      name: 'rad → deg',
      kind: 'ferry',
      pack: [{ n: 'headingDeg', u: 'rad', v: Math.PI / 2 }],
      metric: 'headingDeg',
      value: 90,
    },
    {
      name: '%RH unchanged',
      kind: 'container',
      pack: [{ n: 'humidityPct', u: '%RH', v: 75 }],
      metric: 'humidityPct',
      value: 75,
    },
    {
      name: 'bu applies when the record has no u',
      kind: 'ice-station',
      pack: [{ bu: 'm', n: 'iceThicknessCm', v: 0.9 }],
      metric: 'iceThicknessCm',
      value: 90,
    },
    {
      name: 'the record u overrides bu',
      kind: 'ice-station',
      pack: [{ bu: 'm', n: 'iceThicknessCm', u: 'cm', v: 90 }],
      metric: 'iceThicknessCm',
      value: 90,
    },
    {
      name: 'no unit at all → taken in the metric unit',
      kind: 'ice-station',
      pack: [{ n: 'iceThicknessCm', v: 90 }],
      metric: 'iceThicknessCm',
      value: 90,
    },
  ];
  it.each(converted)('$name', ({ kind, pack, metric, value }) => {
    const result = parsePack(pack, kind);
    expect(result.rejections).toEqual([]);
    expect(result.points).toHaveLength(1);
    expect(result.points[0].metric).toBe(metric);
    expect(result.points[0].value).toBeCloseTo(value, 9);
  });

  it('bu applies to every later record', () => {
    const result = parsePack([
      { bn: 'ICE-1/', bu: 'm', n: 'iceThicknessCm', v: 0.8 },
      { n: 'whiteIceCm', v: 0.2 },
      { n: 'snowDepthCm', u: 'cm', v: 15 },
    ]);
    expect(result.rejections).toEqual([]);
    expect(result.points.map((p) => Math.round((p.value as number) * 1e6) / 1e6)).toEqual([80, 20, 15]);
  });

  it('the range is checked after conversion: 4.01 m of ice → out_of_range', () => {
    expect(parsePack([{ n: 'iceThicknessCm', u: 'm', v: 4.01 }]).rejections).toEqual([
      expect.objectContaining({ code: 'out_of_range', metric: 'iceThicknessCm' }),
    ]);
  });

  const badUnits: { name: string; kind: DeviceKind; pack: object[]; metric: string; accepted: string }[] = [
    {
      name: 'Cel for a thickness',
      kind: 'ice-station',
      pack: [{ n: 'iceThicknessCm', u: 'Cel', v: 80 }],
      metric: 'iceThicknessCm',
      accepted: 'cm, m, mm',
    },
    {
      name: '"degC" (not a SenML unit) for a temperature',
      kind: 'ice-station',
      pack: [{ n: 'airTempC', u: 'degC', v: -20 }],
      metric: 'airTempC',
      accepted: 'Cel, K',
    },
    {
      name: 'mph for a speed',
      kind: 'vehicle',
      pack: [{ n: 'speedKmh', u: 'mph', v: 10 }],
      metric: 'speedKmh',
      accepted: 'km/h, m/s',
    },
    {
      name: '"g" for shock (SenML "g" is the gram, not standard gravity)',
      kind: 'container',
      pack: [{ n: 'shockG', u: 'g', v: 2 }],
      metric: 'shockG',
      accepted: 'm/s2',
    },
    {
      name: 'a bu "g" inherited by shockG',
      kind: 'container',
      pack: [{ bu: 'g' }, { n: 'shockG', v: 2 }],
      metric: 'shockG',
      accepted: 'm/s2',
    },
    {
      name: 'a bad bu inherited by a later record',
      kind: 'ice-station',
      pack: [{ bu: 'ft' }, { n: 'iceThicknessCm', v: 3 }],
      metric: 'iceThicknessCm',
      accepted: 'cm, m, mm',
    },
  ];
  it.each(badUnits)('$name → bad_unit listing the accepted units', ({ kind, pack, metric, accepted }) => {
    const result = parsePack(pack, kind);
    expect(result.points).toEqual([]);
    expect(result.rejections).toHaveLength(1);
    expect(result.rejections[0]).toMatchObject({ code: 'bad_unit', metric });
    expect(result.rejections[0].reason).toContain(`use one of ${accepted}`);
  });
});

describe('SenML: base value and value fields', () => {
  it('bv is added to v: bv 100 + v -20 → 80', () => {
    expect(parsePack([{ bv: 100, n: 'iceThicknessCm', v: -20 }]).points).toEqual([
      { metric: 'iceThicknessCm', ts: RECEIVED_AT, value: 80 },
    ]);
  });

  it('bv is added before the unit conversion: bv 1 m + v -0.2 m → 80 cm', () => {
    const [point] = parsePack([{ bu: 'm', bv: 1, n: 'iceThicknessCm', v: -0.2 }]).points;
    expect(point.value).toBeCloseTo(80, 9);
  });

  it('bv applies to every later record', () => {
    const result = parsePack([
      { bv: 80 },
      { n: 'iceThicknessCm', v: 1 },
      { n: 'iceThicknessCm', v: 2, t: -1 },
    ]);
    expect(result.points.map((p) => p.value)).toEqual([81, 82]);
  });

  const values: {
    name: string;
    kind?: DeviceKind;
    pack?: object[];
    text?: string;
    value?: boolean | number;
    code?: RejectionCode;
  }[] = [
    { name: 'vb true for overflow → true', pack: [{ n: 'overflow', vb: true }], value: true },
    { name: 'vb false for overflow → false', pack: [{ n: 'overflow', vb: false }], value: false },
    { name: 'vb for a container door', kind: 'container', pack: [{ n: 'doorOpen', vb: true }], value: true },
    {
      name: 'vb "false" (a string) → wrong_type',
      pack: [{ n: 'overflow', vb: 'false' }],
      code: 'wrong_type',
    },
    { name: 'v 1 for a boolean metric → wrong_type', pack: [{ n: 'overflow', v: 1 }], code: 'wrong_type' },
    {
      name: 'vs "true" for a boolean metric → wrong_type',
      pack: [{ n: 'overflow', vs: 'true' }],
      code: 'wrong_type',
    },
    {
      name: 'vs "80" for a numeric metric → wrong_type',
      pack: [{ n: 'iceThicknessCm', vs: '80' }],
      code: 'wrong_type',
    },
    { name: 'v "80" (a string) → wrong_type', pack: [{ n: 'iceThicknessCm', v: '80' }], code: 'wrong_type' },
    {
      name: 'vb true for a numeric metric → wrong_type',
      pack: [{ n: 'iceThicknessCm', vb: true }],
      code: 'wrong_type',
    },
    {
      name: 'vd (binary data) for a numeric metric → wrong_type',
      pack: [{ n: 'iceThicknessCm', vd: 'AAEC' }],
      code: 'wrong_type',
    },
    {
      name: 's (a sum) for a numeric metric → wrong_type, not stored as a reading',
      pack: [{ n: 'iceThicknessCm', s: 80 }],
      code: 'wrong_type',
    },
    {
      name: 's with a unit that fits → wrong_type, not converted and stored',
      pack: [{ n: 'iceThicknessCm', u: 'm', s: 0.8 }],
      code: 'wrong_type',
    },
    {
      name: 'vs "80" with the metric unit → wrong_type',
      pack: [{ n: 'iceThicknessCm', u: 'cm', vs: '80' }],
      code: 'wrong_type',
    },
    {
      name: 'vd with a unit → wrong_type',
      pack: [{ n: 'iceThicknessCm', u: 'cm', vd: 'AAEC' }],
      code: 'wrong_type',
    },
    {
      name: 'vs holding a number (not a string) → wrong_type',
      pack: [{ n: 'iceThicknessCm', vs: 80 }],
      code: 'wrong_type',
    },
    {
      name: 's for a container shock → wrong_type',
      kind: 'container',
      pack: [{ n: 'shockG', u: 'm/s2', s: 19.6 }],
      code: 'wrong_type',
    },
    {
      name: 'v "80" (a string) with a unit → wrong_type, not bad_unit',
      pack: [{ n: 'iceThicknessCm', u: 'cm', v: '80' }],
      code: 'wrong_type',
    },
    {
      name: 'v "0.8" (a string) with a unit that would convert → wrong_type',
      pack: [{ n: 'iceThicknessCm', u: 'm', v: '0.8' }],
      code: 'wrong_type',
    },
    { name: 'v null → wrong_type', pack: [{ n: 'iceThicknessCm', v: null }], code: 'wrong_type' },
    { name: 'v true → wrong_type', pack: [{ n: 'iceThicknessCm', v: true }], code: 'wrong_type' },
    { name: 'v an object → wrong_type', pack: [{ n: 'iceThicknessCm', v: { cm: 80 } }], code: 'wrong_type' },
    {
      name: 'v 1e999 in the JSON text → not_finite',
      text: '[{"n": "iceThicknessCm", "v": 1e999}]',
      code: 'not_finite',
    },
    { name: 'v outside the range → out_of_range', pack: [{ n: 'iceTempC', v: 6 }], code: 'out_of_range' },
  ];
  it.each(values)('$name', ({ kind = 'ice-station', pack, text, value, code }) => {
    const result = text === undefined ? parsePack(pack, kind) : parseText(text, kind);
    if (code === undefined) {
      expect(result.rejections).toEqual([]);
      expect(result.points.map((p) => p.value)).toEqual([value]);
    } else {
      expect(result.points).toEqual([]);
      expect(codes(result)).toEqual([code]);
      expect(result.rejections[0].index).toBe(0);
    }
  });
});

describe('SenML: records and packs', () => {
  it('records of base fields only are skipped, but still count in the index', () => {
    const result = parsePack([
      { bn: 'ICE-1/', bt: RECEIVED_AT_S, bu: 'cm' },
      { n: 'iceThicknessCm', v: 80 },
      { n: 'tempC', u: 'Cel', v: 1 },
    ]);
    expect(result.points).toEqual([{ metric: 'iceThicknessCm', ts: RECEIVED_AT, value: 80 }]);
    expect(result.rejections).toEqual([expect.objectContaining({ index: 2, code: 'unknown_metric' })]);
  });

  it('one bad record does not drop the good records of the pack', () => {
    const result = parsePack([
      { bn: 'ICE-1/', n: 'iceThicknessCm', v: 80 },
      { n: 'overflow', vb: 'no' },
      { n: 'snowDepthCm', u: 'Cel', v: 3 },
      { n: 'airTempC', v: -31 },
    ]);
    expect(result.points.map((p) => p.metric)).toEqual(['iceThicknessCm', 'airTempC']);
    expect(result.rejections.map(({ index, code }) => ({ index, code }))).toEqual([
      { index: 1, code: 'wrong_type' },
      { index: 2, code: 'bad_unit' },
    ]);
  });

  it('one record more than maxReadingsPerMessage → too_many_readings for the whole pack', () => {
    const pack = Array.from({ length: LIMITS.maxReadingsPerMessage + 1 }, (_, i) => ({
      n: 'iceThicknessCm',
      v: 80,
      t: -i,
    }));
    const result = parsePack(pack);
    expect(result.points).toEqual([]);
    expect(codes(result)).toEqual(['too_many_readings']);
  });

  it('exactly maxReadingsPerMessage records are accepted', () => {
    const pack = Array.from({ length: LIMITS.maxReadingsPerMessage }, (_, i) => ({
      n: 'iceThicknessCm',
      v: 80,
      t: -i,
    }));
    expect(parsePack(pack).points).toHaveLength(LIMITS.maxReadingsPerMessage);
  });

  const detection: { name: string; body: unknown; senml: boolean }[] = [
    { name: 'an array of n/v records', body: [{ n: 'iceThicknessCm', v: 80 }], senml: true },
    { name: 'an array of base-only records', body: [{ bn: 'ICE-1/' }], senml: true },
    { name: 'an empty array', body: [], senml: false },
    { name: 'a single record object (SenML is always an array)', body: { n: 'x', v: 1 }, senml: false },
    { name: 'an array of our {ts, values} readings', body: [{ ts: 1, values: { a: 1 } }], senml: false },
    {
      name: 'a mix of a SenML record and a {values} reading',
      body: [
        { n: 'iceThicknessCm', v: 80 },
        { ts: 1, values: {} },
      ],
      senml: false,
    },
    { name: 'an array of objects with no SenML key', body: [{ foo: 1 }], senml: false },
    { name: 'an array containing null', body: [{ n: 'x', v: 1 }, null], senml: false },
    { name: 'an array of arrays', body: [['n', 'v']], senml: false },
  ];
  it.each(detection)('isSenml: $name → $senml', ({ body, senml }) => {
    expect(isSenml(body)).toBe(senml);
  });

  const baseOnly: { name: string; pack: object[] }[] = [
    { name: 'a lone bn', pack: [{ bn: 'ICE-1/' }] },
    { name: 'bn, bt and bu in one record', pack: [{ bn: 'ICE-1/', bt: RECEIVED_AT_S, bu: 'cm' }] },
    { name: 'three records of base fields', pack: [{ bn: 'ICE-1/' }, { bt: RECEIVED_AT_S }, { bv: 10 }] },
    { name: 'names and units but no value', pack: [{ n: 'iceThicknessCm', u: 'cm' }, { n: 'snowDepthCm' }] },
  ];
  it.each(baseOnly)('a pack with no value at all ($name) → one bad_shape for the pack', ({ pack }) => {
    const result = parsePack(pack);
    expect(result.points).toEqual([]);
    expect(codes(result)).toEqual(['bad_shape']);
    expect(result.rejections[0]).not.toHaveProperty('index');
    expect(result.rejections[0].reason.length).toBeGreaterThan(0);
  });

  it('a pack with base records and one value → no bad_shape', () => {
    const result = parsePack([{ bn: 'ICE-1/' }, { bu: 'cm' }, { n: 'iceThicknessCm', v: 80 }]);
    expect(result).toEqual({
      points: [{ metric: 'iceThicknessCm', ts: RECEIVED_AT, value: 80 }],
      rejections: [],
    });
  });

  it('a pack whose only value is rejected → that rejection, not also bad_shape', () => {
    expect(codes(parsePack([{ bn: 'ICE-1/' }, { n: 'iceThicknessCm', vs: '80' }]))).toEqual(['wrong_type']);
  });

  it('a single SenML record sent as an object (not an array) → bad_shape, not silently stored', () => {
    const result = parsePack({ n: 'iceThicknessCm', v: 80 });
    expect(result.points).toEqual([]);
    expect(codes(result)).toEqual(['bad_shape']);
  });
});

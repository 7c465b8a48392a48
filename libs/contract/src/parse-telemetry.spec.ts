// parseTelemetry on the plain {"ts", "values"} shape: what becomes a point, what becomes which
// rejection, and at what granularity (message / reading / value). SenML lives in senml.spec.ts.
import type { DeviceKind } from './device-kinds';
import { METRICS, type MetricName } from './metrics';
import { parseTelemetry } from './parse-telemetry';
import type { Rejection, RejectionCode } from './rejection';
import type { IngestLimits, ParseResult, TelemetryPoint } from './telemetry';

// Fixed clock: 2026-01-20 03:00:00 UTC = noon in Jalinda (UTC+9), 11:00 in Mohe (UTC+8).
const RECEIVED_AT = Date.UTC(2026, 0, 20, 3, 0, 0);
const MINUTE = 60_000;
const DAY = 86_400_000;
const LIMITS: IngestLimits = {
  maxPayloadBytes: 1024,
  maxReadingsPerMessage: 3,
  maxFutureMs: 5 * MINUTE,
  maxAgeMs: 30 * DAY,
};

function parseBytes(payload: Uint8Array, kind: DeviceKind = 'ice-station', limits = LIMITS): ParseResult {
  return parseTelemetry(payload, { kind, receivedAt: RECEIVED_AT, limits });
}
function parseText(text: string, kind: DeviceKind = 'ice-station', limits = LIMITS): ParseResult {
  return parseBytes(Buffer.from(text, 'utf8'), kind, limits);
}
function parseBody(body: unknown, kind: DeviceKind = 'ice-station', limits = LIMITS): ParseResult {
  return parseText(JSON.stringify(body), kind, limits);
}
const codes = (result: ParseResult): RejectionCode[] => result.rejections.map((r) => r.code);
const reading = (values: Record<string, unknown>, ts: unknown = RECEIVED_AT) => ({ ts, values });
/** Pads JSON text with trailing whitespace (still valid JSON) to exactly `bytes` UTF-8 bytes. */
const padTo = (text: string, bytes: number) => text + ' '.repeat(bytes - Buffer.byteLength(text, 'utf8'));

describe('parseTelemetry: a single reading object', () => {
  it('a well-formed ice-station reading → one point per value at the device time, no rejections', () => {
    const result = parseBody(reading({ iceThicknessCm: 82.5, overflow: false, airTempC: -31 }));
    expect(result).toEqual({
      points: [
        { metric: 'iceThicknessCm', ts: RECEIVED_AT, value: 82.5 },
        { metric: 'overflow', ts: RECEIVED_AT, value: false },
        { metric: 'airTempC', ts: RECEIVED_AT, value: -31 },
      ],
      rejections: [],
    });
  });

  it('a rejection of a single (non-batch) reading carries no index', () => {
    const result = parseBody(reading({ tempC: 4 }));
    expect(result.rejections).toHaveLength(1);
    expect(result.rejections[0]).not.toHaveProperty('index');
  });

  it('the device time is used, not the arrival time', () => {
    const deviceTime = RECEIVED_AT - 90 * MINUTE;
    expect(parseBody(reading({ iceThicknessCm: 80 }, deviceTime)).points).toEqual([
      { metric: 'iceThicknessCm', ts: deviceTime, value: 80 },
    ]);
  });
});

describe('parseTelemetry: a batch array', () => {
  it('good readings are kept when others are bad; rejections name the reading index', () => {
    const result = parseBody([
      reading({ iceThicknessCm: 80 }, RECEIVED_AT - 2 * MINUTE),
      reading({ iceThicknessCm: 81 }, '2026-01-20T03:00:00'), // no zone
      'not a reading',
    ]);
    expect(result.points).toEqual([{ metric: 'iceThicknessCm', ts: RECEIVED_AT - 2 * MINUTE, value: 80 }]);
    expect(result.rejections.map(({ index, code }) => ({ index, code }))).toEqual([
      { index: 1, code: 'bad_timestamp' },
      { index: 2, code: 'bad_shape' },
    ]);
  });

  it('a bad value in reading 2 keeps the good values of readings 0, 1 and 2', () => {
    const result = parseBody([
      reading({ iceThicknessCm: 80 }, RECEIVED_AT - 2 * MINUTE),
      reading({ iceThicknessCm: 79 }, RECEIVED_AT - MINUTE),
      reading({ iceThicknessCm: 78, overflow: 'false' }, RECEIVED_AT),
    ]);
    expect(result.points.map((p) => p.value)).toEqual([80, 79, 78]);
    expect(result.rejections).toEqual([
      expect.objectContaining({ index: 2, code: 'wrong_type', metric: 'overflow' }),
    ]);
  });

  it('a batch of one reading still reports index 0', () => {
    expect(parseBody([reading({ tempC: 1 })]).rejections[0]).toMatchObject({
      index: 0,
      code: 'unknown_metric',
    });
  });
});

describe('parseTelemetry: message-level rejections reject the whole message', () => {
  const limitsOf2 = { ...LIMITS, maxReadingsPerMessage: 2 };
  const cases: { name: string; payload: Uint8Array; limits?: IngestLimits; code: RejectionCode }[] = [
    {
      name: 'a payload 1 byte over maxPayloadBytes → payload_too_large',
      payload: Buffer.from(
        padTo(JSON.stringify(reading({ iceThicknessCm: 80 })), LIMITS.maxPayloadBytes + 1),
      ),
      code: 'payload_too_large',
    },
    {
      // 'я' is 2 bytes in UTF-8: 600 characters are 1200 bytes, over a 1024-byte limit.
      name: 'the size limit counts UTF-8 bytes, not characters → payload_too_large',
      payload: Buffer.from(JSON.stringify({ ts: RECEIVED_AT, values: { ['я'.repeat(600)]: 1 } })),
      code: 'payload_too_large',
    },
    { name: 'an empty payload → not_json', payload: new Uint8Array(0), code: 'not_json' },
    {
      name: 'truncated JSON → not_json',
      payload: Buffer.from('{"ts": 1768878000000, "val'),
      code: 'not_json',
    },
    { name: 'single-quoted pseudo-JSON → not_json', payload: Buffer.from("{'ts': 1}"), code: 'not_json' },
    { name: 'a bare NaN → not_json', payload: Buffer.from('NaN'), code: 'not_json' },
    {
      name: 'invalid UTF-8 bytes → not_json',
      payload: new Uint8Array([0xff, 0xfe, 0x7b, 0xc3, 0x28]),
      code: 'not_json',
    },
    { name: 'an empty array → bad_shape', payload: Buffer.from('[]'), code: 'bad_shape' },
    {
      name: 'one reading more than maxReadingsPerMessage → too_many_readings',
      payload: Buffer.from(JSON.stringify([1, 2, 3].map((i) => reading({ iceThicknessCm: 80 + i })))),
      limits: limitsOf2,
      code: 'too_many_readings',
    },
  ];

  it.each(cases)('$name', ({ payload, limits, code }) => {
    const result = parseBytes(payload, 'ice-station', limits ?? LIMITS);
    expect(result.points).toEqual([]);
    expect(result.rejections).toHaveLength(1);
    expect(result.rejections[0].code).toBe(code);
    expect(result.rejections[0]).not.toHaveProperty('index');
    expect(result.rejections[0].reason.length).toBeGreaterThan(0);
  });

  it('a payload of exactly maxPayloadBytes is accepted', () => {
    const text = padTo(JSON.stringify(reading({ iceThicknessCm: 80 })), LIMITS.maxPayloadBytes);
    expect(Buffer.byteLength(text)).toBe(LIMITS.maxPayloadBytes);
    expect(parseText(text).points).toHaveLength(1);
  });

  it('payload_too_large says the size and the limit', () => {
    const text = padTo('{}', 2000);
    expect(parseText(text).rejections[0].reason).toBe('payload is 2000 bytes; the limit is 1024');
  });

  it('exactly maxReadingsPerMessage readings are accepted', () => {
    const result = parseBody(
      [1, 2].map((i) => reading({ iceThicknessCm: 80 + i })),
      'ice-station',
      limitsOf2,
    );
    expect(result.points).toHaveLength(2);
    expect(result.rejections).toEqual([]);
  });

  it('only the bytes of the Uint8Array view are read (byteOffset into a larger buffer)', () => {
    const json = JSON.stringify(reading({ iceThicknessCm: 80 }));
    const whole = Buffer.from(`garbage${json}garbage`);
    const view = new Uint8Array(whole.buffer, whole.byteOffset + 'garbage'.length, Buffer.byteLength(json));
    expect(parseBytes(view).points).toEqual([{ metric: 'iceThicknessCm', ts: RECEIVED_AT, value: 80 }]);
  });
});

describe('parseTelemetry: bad_shape of a reading', () => {
  const cases: { name: string; body: unknown }[] = [
    { name: 'null', body: null },
    { name: 'a number', body: 42 },
    { name: 'a string', body: 'text' },
    { name: 'a boolean', body: true },
    { name: 'an object without "values"', body: { ts: RECEIVED_AT, iceThicknessCm: 80 } },
    { name: '"values" is an array', body: { ts: RECEIVED_AT, values: [80] } },
    { name: '"values" is a string', body: { ts: RECEIVED_AT, values: 'iceThicknessCm=80' } },
    { name: '"values" is null', body: { ts: RECEIVED_AT, values: null } },
    { name: '"values" is a number', body: { ts: RECEIVED_AT, values: 80 } },
    { name: '"values" is an empty object', body: { ts: RECEIVED_AT, values: {} } },
  ];

  it.each(cases)('a single reading that is $name → bad_shape', ({ body }) => {
    const result = parseBody(body);
    expect(result.points).toEqual([]);
    expect(codes(result)).toEqual(['bad_shape']);
  });

  it('a batch of a nested array [[1]] → bad_shape at index 0', () => {
    expect(parseText('[[1]]').rejections).toEqual([expect.objectContaining({ index: 0, code: 'bad_shape' })]);
  });

  it('bad shape is checked before the timestamp: no values and no ts → bad_shape, not bad_timestamp', () => {
    expect(codes(parseBody({}))).toEqual(['bad_shape']);
  });
});

describe('parseTelemetry: timestamps', () => {
  const accepted: { name: string; ts: unknown; epochMs: number }[] = [
    { name: 'epoch ms equal to the arrival time', ts: RECEIVED_AT, epochMs: RECEIVED_AT },
    { name: 'epoch ms a day before the arrival', ts: RECEIVED_AT - DAY, epochMs: RECEIVED_AT - DAY },
    { name: 'ISO in UTC with Z', ts: '2026-01-20T03:00:00Z', epochMs: RECEIVED_AT },
    { name: 'ISO with milliseconds', ts: '2026-01-20T02:59:59.250Z', epochMs: RECEIVED_AT - 750 },
    { name: 'ISO without seconds', ts: '2026-01-20T02:58Z', epochMs: RECEIVED_AT - 2 * MINUTE },
    { name: 'Jalinda local time +09:00 (noon)', ts: '2026-01-20T12:00:00+09:00', epochMs: RECEIVED_AT },
    { name: 'Mohe local time +08:00 (11:00)', ts: '2026-01-20T11:00:00+08:00', epochMs: RECEIVED_AT },
    {
      name: '+09:00 across midnight (local 01:30 on the 20th is 16:30 UTC on the 19th)',
      ts: '2026-01-20T01:30:00+09:00',
      epochMs: Date.UTC(2026, 0, 19, 16, 30),
    },
    { name: 'a negative offset -05:00', ts: '2026-01-19T22:00:00-05:00', epochMs: RECEIVED_AT },
    { name: 'offset +00:00', ts: '2026-01-20T03:00:00+00:00', epochMs: RECEIVED_AT },
  ];

  it.each(accepted)('$name → accepted at the right epoch ms', ({ ts, epochMs }) => {
    const result = parseBody(reading({ iceThicknessCm: 80 }, ts));
    expect(result.rejections).toEqual([]);
    expect(result.points).toEqual([{ metric: 'iceThicknessCm', ts: epochMs, value: 80 }]);
  });

  const bad: { name: string; ts?: unknown; text?: string }[] = [
    { name: 'ISO without a zone (ambiguous between UTC+8 and UTC+9)', ts: '2026-01-20T03:00:00' },
    { name: 'a date without a time', ts: '2026-01-20' },
    { name: 'an offset without a colon', ts: '2026-01-20T12:00:00+0900' },
    { name: 'a space instead of T', ts: '2026-01-20 03:00:00Z' },
    { name: 'free text', ts: 'yesterday' },
    { name: 'an impossible month', ts: '2026-13-01T00:00:00Z' },
    // Date.parse rolls these over into the next month instead of refusing them.
    { name: '30 February', ts: '2026-02-30T00:00:00Z' },
    { name: '31 April', ts: '2026-04-31T00:00:00Z' },
    { name: '29 February of a common year (2025)', ts: '2025-02-29T00:00:00Z' },
    { name: 'epoch ms as a numeric string (no coercion)', ts: String(RECEIVED_AT) },
    { name: 'a negative number', ts: -1 },
    { name: 'fractional milliseconds', ts: RECEIVED_AT + 0.5 },
    { name: 'null', ts: null },
    { name: 'a boolean', ts: true },
    { name: 'an object', ts: { seconds: RECEIVED_AT / 1000 } },
    { name: 'missing', ts: undefined },
    { name: '1e999 in the JSON text (Infinity)', text: '{"ts": 1e999, "values": {"iceThicknessCm": 80}}' },
  ];

  it.each(bad)('ts $name → bad_timestamp, the reading is dropped', ({ ts, text }) => {
    const result =
      text === undefined
        ? parseBody(
            ts === undefined ? { values: { iceThicknessCm: 80 } } : reading({ iceThicknessCm: 80 }, ts),
          )
        : parseText(text);
    expect(result.points).toEqual([]);
    expect(codes(result)).toEqual(['bad_timestamp']);
  });

  // Each date would be within the window if it rolled over into the next month, so only the
  // calendar check can refuse it: receivedAt is set near the date of each case.
  const calendar: { name: string; ts: string; receivedAt: number; epochMs?: number }[] = [
    {
      name: '2026-02-30 (would become 2 March)',
      ts: '2026-02-30T00:00:00Z',
      receivedAt: Date.UTC(2026, 2, 2, 0, 1),
    },
    {
      name: '2026-04-31 (would become 1 May)',
      ts: '2026-04-31T00:00:00Z',
      receivedAt: Date.UTC(2026, 4, 1, 0, 1),
    },
    {
      name: '2025-02-29, a common year (would become 1 March)',
      ts: '2025-02-29T00:00:00Z',
      receivedAt: Date.UTC(2025, 2, 1, 0, 1),
    },
    {
      name: '2026-02-29 in Jalinda time +09:00 (the date part is what must exist)',
      ts: '2026-02-29T08:00:00+09:00',
      receivedAt: Date.UTC(2026, 2, 1),
    },
    {
      name: '2100-02-29, a century that is not a leap year',
      ts: '2100-02-29T00:00:00Z',
      receivedAt: Date.UTC(2100, 2, 1, 0, 1),
    },
    {
      name: '2026-06-31 (would become 1 July)',
      ts: '2026-06-31T12:00:00Z',
      receivedAt: Date.UTC(2026, 6, 1, 12, 1),
    },
    {
      name: '2028-02-29, a leap year → accepted',
      ts: '2028-02-29T00:00:00Z',
      receivedAt: Date.UTC(2028, 1, 29, 0, 1),
      epochMs: Date.UTC(2028, 1, 29),
    },
    {
      name: '2000-02-29, a leap century → accepted',
      ts: '2000-02-29T12:00:00Z',
      receivedAt: Date.UTC(2000, 1, 29, 12, 1),
      epochMs: Date.UTC(2000, 1, 29, 12),
    },
    {
      name: '2026-02-28T23:59:59Z, the last second of February → accepted',
      ts: '2026-02-28T23:59:59Z',
      receivedAt: Date.UTC(2026, 2, 1),
      epochMs: Date.UTC(2026, 1, 28, 23, 59, 59),
    },
    {
      name: '2026-04-30 in Mohe time +08:00 → accepted',
      ts: '2026-04-30T23:00:00+08:00',
      receivedAt: Date.UTC(2026, 3, 30, 15, 1),
      epochMs: Date.UTC(2026, 3, 30, 15),
    },
  ];
  it.each(calendar)('ts $name → accepted only if the day exists', ({ ts, receivedAt, epochMs }) => {
    const result = parseTelemetry(Buffer.from(JSON.stringify(reading({ iceThicknessCm: 80 }, ts))), {
      kind: 'ice-station',
      receivedAt,
      limits: LIMITS,
    });
    if (epochMs === undefined) {
      expect(result.points).toEqual([]);
      expect(result.rejections).toEqual([
        { code: 'bad_timestamp', reason: `ts "${ts}" is not a valid date` },
      ]);
    } else {
      expect(result.rejections).toEqual([]);
      expect(result.points).toEqual([{ metric: 'iceThicknessCm', ts: epochMs, value: 80 }]);
    }
  });

  it('a missing ts says it is missing', () => {
    expect(parseBody({ values: { iceThicknessCm: 80 } }).rejections[0].reason).toMatch(/missing/);
  });

  const window: { name: string; ts: unknown; code?: RejectionCode }[] = [
    { name: 'exactly maxFutureMs ahead → accepted', ts: RECEIVED_AT + LIMITS.maxFutureMs },
    {
      name: '1 ms past the future limit → timestamp_in_future',
      ts: RECEIVED_AT + LIMITS.maxFutureMs + 1,
      code: 'timestamp_in_future',
    },
    {
      name: 'ISO 1 s past the future limit, in +09:00 → timestamp_in_future',
      ts: '2026-01-20T12:05:01+09:00',
      code: 'timestamp_in_future',
    },
    { name: 'ISO exactly at the future limit, in +08:00 → accepted', ts: '2026-01-20T11:05:00+08:00' },
    { name: 'next year → timestamp_in_future', ts: '2027-01-20T03:00:00Z', code: 'timestamp_in_future' },
    { name: 'exactly maxAgeMs old → accepted', ts: RECEIVED_AT - LIMITS.maxAgeMs },
    {
      name: '1 ms older than maxAgeMs → timestamp_too_old',
      ts: RECEIVED_AT - LIMITS.maxAgeMs - 1,
      code: 'timestamp_too_old',
    },
    { name: 'epoch 0 (1970) → timestamp_too_old', ts: 0, code: 'timestamp_too_old' },
    {
      name: 'epoch seconds instead of ms (1970) → timestamp_too_old',
      ts: RECEIVED_AT / 1000,
      code: 'timestamp_too_old',
    },
  ];

  it.each(window)('a reading $name', ({ ts, code }) => {
    const result = parseBody(reading({ iceThicknessCm: 80 }, ts));
    if (code === undefined) {
      expect(result.rejections).toEqual([]);
      expect(result.points).toHaveLength(1);
    } else {
      expect(result.points).toEqual([]);
      expect(codes(result)).toEqual([code]);
    }
  });

  it('timestamp_in_future names the limit so the engineer can check the device clock', () => {
    const [rejection] = parseBody(reading({ iceThicknessCm: 80 }, RECEIVED_AT + 10 * MINUTE)).rejections;
    expect(rejection.reason).toMatch(/600 s ahead/);
    expect(rejection.reason).toMatch(/limit 300 s/);
  });

  it('a bad timestamp rejects the reading once, not once per value', () => {
    const result = parseBody(reading({ iceThicknessCm: 80, snowDepthCm: 12, overflow: true }, 'soon'));
    expect(codes(result)).toEqual(['bad_timestamp']);
  });
});

describe('parseTelemetry: values', () => {
  type Case = {
    name: string;
    kind?: DeviceKind;
    values?: Record<string, unknown>;
    text?: string;
    points?: Omit<TelemetryPoint, 'ts'>[];
    rejected?: Pick<Rejection, 'code' | 'metric'>[];
  };
  const cases: Case[] = [
    {
      name: 'tempC (a container metric) from an ice station → unknown_metric',
      values: { tempC: -18 },
      rejected: [{ code: 'unknown_metric', metric: 'tempC' }],
    },
    {
      name: 'iceThicknessCm from a vehicle → unknown_metric',
      kind: 'vehicle',
      values: { iceThicknessCm: 80 },
      rejected: [{ code: 'unknown_metric', metric: 'iceThicknessCm' }],
    },
    {
      name: 'grossMassKg from a container → unknown_metric',
      kind: 'container',
      values: { grossMassKg: 20000 },
      rejected: [{ code: 'unknown_metric', metric: 'grossMassKg' }],
    },
    {
      name: 'a misspelt metric → unknown_metric',
      values: { iceThickness: 80 },
      rejected: [{ code: 'unknown_metric', metric: 'iceThickness' }],
    },
    {
      name: 'a metric name of another case → unknown_metric',
      values: { IceThicknessCm: 80 },
      rejected: [{ code: 'unknown_metric', metric: 'IceThicknessCm' }],
    },
    {
      name: 'Object.prototype names ("constructor", "toString") → unknown_metric',
      values: { constructor: 1, toString: 2 },
      rejected: [
        { code: 'unknown_metric', metric: 'constructor' },
        { code: 'unknown_metric', metric: 'toString' },
      ],
    },
    {
      name: 'a "__proto__" key in the JSON → unknown_metric',
      text: `{"ts": ${RECEIVED_AT}, "values": {"__proto__": 1}}`,
      rejected: [{ code: 'unknown_metric', metric: '__proto__' }],
    },
    {
      name: 'the string "false" for a boolean → wrong_type (not coerced to true)',
      values: { overflow: 'false' },
      rejected: [{ code: 'wrong_type', metric: 'overflow' }],
    },
    {
      name: 'the string "true" for a boolean → wrong_type',
      kind: 'container',
      values: { doorOpen: 'true' },
      rejected: [{ code: 'wrong_type', metric: 'doorOpen' }],
    },
    {
      name: '0 for a boolean → wrong_type',
      values: { overflow: 0 },
      rejected: [{ code: 'wrong_type', metric: 'overflow' }],
    },
    {
      name: 'null for a boolean → wrong_type',
      values: { overflow: null },
      rejected: [{ code: 'wrong_type', metric: 'overflow' }],
    },
    {
      name: 'the string "12" for a number → wrong_type (no coercion)',
      values: { iceThicknessCm: '12' },
      rejected: [{ code: 'wrong_type', metric: 'iceThicknessCm' }],
    },
    {
      name: 'true for a number → wrong_type',
      values: { iceThicknessCm: true },
      rejected: [{ code: 'wrong_type', metric: 'iceThicknessCm' }],
    },
    {
      name: 'null for a number → wrong_type',
      values: { iceThicknessCm: null },
      rejected: [{ code: 'wrong_type', metric: 'iceThicknessCm' }],
    },
    {
      name: 'an array (a thermistor profile) for a number → wrong_type',
      values: { iceTempC: [-10, -8, -5] },
      rejected: [{ code: 'wrong_type', metric: 'iceTempC' }],
    },
    {
      name: '1e999 in the JSON text → not_finite',
      text: `{"ts": ${RECEIVED_AT}, "values": {"iceThicknessCm": 1e999}}`,
      rejected: [{ code: 'not_finite', metric: 'iceThicknessCm' }],
    },
    {
      name: '-1e999 in the JSON text → not_finite',
      text: `{"ts": ${RECEIVED_AT}, "values": {"airTempC": -1e999}}`,
      rejected: [{ code: 'not_finite', metric: 'airTempC' }],
    },
    {
      name: 'true and false for booleans → accepted as is',
      kind: 'container',
      values: { doorOpen: true },
      points: [{ metric: 'doorOpen', value: true }],
    },
    {
      name: 'batteryPct from every kind → accepted (ferry)',
      kind: 'ferry',
      values: { batteryPct: 55 },
      points: [{ metric: 'batteryPct', value: 55 }],
    },
  ];

  it.each(cases)('$name', ({ kind = 'ice-station', values, text, points = [], rejected = [] }) => {
    const result = text === undefined ? parseBody(reading(values ?? {}), kind) : parseText(text, kind);
    expect(result.points).toEqual(points.map((p) => ({ ...p, ts: RECEIVED_AT })));
    expect(result.rejections.map(({ code, metric }) => ({ code, metric }))).toEqual(rejected);
  });

  it('wrong_type says what was received', () => {
    const [rejection] = parseBody(reading({ overflow: 'false' })).rejections;
    expect(rejection.reason).toBe('overflow must be true or false, got the string "false"');
  });

  it('one bad value does not drop the good values of the same reading', () => {
    const result = parseBody(
      reading({ iceThicknessCm: 80, tempC: 3, overflow: 'false', airTempC: -30, crackWidthMm: -1 }),
    );
    expect(result.points).toEqual([
      { metric: 'iceThicknessCm', ts: RECEIVED_AT, value: 80 },
      { metric: 'airTempC', ts: RECEIVED_AT, value: -30 },
    ]);
    expect(result.rejections.map(({ code, metric }) => ({ code, metric }))).toEqual([
      { code: 'unknown_metric', metric: 'tempC' },
      { code: 'wrong_type', metric: 'overflow' },
      { code: 'out_of_range', metric: 'crackWidthMm' },
    ]);
  });
});

describe('parseTelemetry: physically possible ranges (inclusive)', () => {
  // Domain figures pinned explicitly (docs/domain.md §1, §2, §5), so a silent change to METRICS fails here.
  const pinned: { kind: DeviceKind; metric: MetricName; value: number; ok: boolean }[] = [
    { kind: 'ice-station', metric: 'iceThicknessCm', value: 0, ok: true },
    { kind: 'ice-station', metric: 'iceThicknessCm', value: 400, ok: true },
    { kind: 'ice-station', metric: 'iceThicknessCm', value: -0.1, ok: false },
    { kind: 'ice-station', metric: 'iceThicknessCm', value: 400.1, ok: false },
    { kind: 'ice-station', metric: 'iceTempC', value: -60, ok: true },
    { kind: 'ice-station', metric: 'iceTempC', value: 5.01, ok: false },
    { kind: 'ice-station', metric: 'airTempC', value: -53, ok: true },
    { kind: 'ice-station', metric: 'airTempC', value: -70.5, ok: false },
    { kind: 'ferry', metric: 'waterLevelCm', value: -1000, ok: true },
    { kind: 'ferry', metric: 'waterLevelCm', value: -1001, ok: false },
    { kind: 'vehicle', metric: 'lat', value: 90, ok: true },
    { kind: 'vehicle', metric: 'lat', value: 90.000001, ok: false },
    { kind: 'vehicle', metric: 'lon', value: -180, ok: true },
    { kind: 'vehicle', metric: 'lon', value: 180.5, ok: false },
    { kind: 'vehicle', metric: 'headingDeg', value: 360, ok: true },
    { kind: 'vehicle', metric: 'speedKmh', value: -1, ok: false },
    { kind: 'vehicle', metric: 'grossMassKg', value: 150_001, ok: false },
    { kind: 'container', metric: 'humidityPct', value: 100, ok: true },
    { kind: 'container', metric: 'humidityPct', value: 100.01, ok: false },
    { kind: 'container', metric: 'shockG', value: 500, ok: true },
    { kind: 'container', metric: 'tempC', value: -70, ok: true },
    { kind: 'container', metric: 'tempC', value: 90.1, ok: false },
  ];
  it.each(pinned)('$kind $metric = $value → accepted: $ok', ({ kind, metric, value, ok }) => {
    const result = parseBody(reading({ [metric]: value }), kind);
    if (ok) {
      expect(result.points).toEqual([{ metric, ts: RECEIVED_AT, value }]);
      expect(result.rejections).toEqual([]);
    } else {
      expect(result.points).toEqual([]);
      expect(result.rejections).toEqual([expect.objectContaining({ code: 'out_of_range', metric })]);
    }
  });

  // Every numeric metric of the vocabulary: the bounds are inclusive, just outside is rejected.
  const numeric = (Object.keys(METRICS) as MetricName[]).flatMap((metric) => {
    const definition = METRICS[metric] as {
      type: string;
      min?: number;
      max?: number;
      kinds: readonly DeviceKind[];
    };
    if (definition.type !== 'number') return [];
    const kind = definition.kinds[0];
    const { min, max } = definition as { min: number; max: number };
    const step = Math.max(Math.abs(min), Math.abs(max)) * 1e-9 || 1e-9;
    return [
      { name: `${metric} at its min ${min}`, kind, metric, value: min, ok: true },
      { name: `${metric} at its max ${max}`, kind, metric, value: max, ok: true },
      { name: `${metric} just below its min`, kind, metric, value: min - step, ok: false },
      { name: `${metric} just above its max`, kind, metric, value: max + step, ok: false },
    ];
  });
  it.each(numeric)('$name → accepted: $ok', ({ kind, metric, value, ok }) => {
    const result = parseBody(reading({ [metric]: value }), kind);
    expect(codes(result)).toEqual(ok ? [] : ['out_of_range']);
    expect(result.points).toHaveLength(ok ? 1 : 0);
  });

  it('out_of_range names the value, the unit and the range', () => {
    expect(parseBody(reading({ iceThicknessCm: 401 })).rejections[0].reason).toBe(
      'iceThicknessCm = 401 cm is outside the possible range 0…400 cm',
    );
  });
});

describe('parseTelemetry never throws on garbage', () => {
  const garbage: { name: string; payload: Uint8Array }[] = [
    { name: 'null', payload: Buffer.from('null') },
    { name: '42', payload: Buffer.from('42') },
    { name: '"text"', payload: Buffer.from('"text"') },
    { name: '[[1]]', payload: Buffer.from('[[1]]') },
    { name: '[null]', payload: Buffer.from('[null]') },
    { name: '[{}]', payload: Buffer.from('[{}]') },
    { name: 'deeply nested arrays', payload: Buffer.from('['.repeat(200) + ']'.repeat(200)) },
    { name: 'invalid UTF-8', payload: new Uint8Array([0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xff]) },
    { name: 'a NUL byte', payload: new Uint8Array([0]) },
    { name: 'a lone UTF-8 BOM', payload: new Uint8Array([0xef, 0xbb, 0xbf]) },
    {
      name: 'ts and values of every wrong type',
      payload: Buffer.from('{"ts": {"a": [1]}, "values": {"__proto__": {"x": 1}}}'),
    },
    { name: 'a huge number', payload: Buffer.from('1' + '0'.repeat(400)) },
  ];
  it.each(garbage)('$name → rejections, no points, no exception', ({ payload }) => {
    let result: ParseResult | undefined;
    expect(() => {
      result = parseBytes(payload);
    }).not.toThrow();
    expect(result!.points).toEqual([]);
    expect(result!.rejections.length).toBeGreaterThan(0);
  });

  it('invalid UTF-8 inside a metric name → unknown_metric for that value, the rest kept', () => {
    const head = Buffer.from(`{"ts": ${RECEIVED_AT}, "values": {"iceThicknessCm": 80, "snow`);
    const tail = Buffer.from('": 1}}');
    const result = parseBytes(Buffer.concat([head, Buffer.from([0xff]), tail]));
    expect(result.points).toEqual([{ metric: 'iceThicknessCm', ts: RECEIVED_AT, value: 80 }]);
    expect(codes(result)).toEqual(['unknown_metric']);
  });
});

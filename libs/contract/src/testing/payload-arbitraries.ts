// fast-check arbitraries for hostile and near-valid telemetry payloads: the contract's property
// test and the live MQTT fuzz suite draw from the same generators.
import fc from 'fast-check';
import { METRICS } from '../metrics';

const METRIC_NAMES = Object.keys(METRICS);
// Names that exist on Object.prototype, or look like SenML/JSON machinery.
const TRICKY_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'values', 'ts'];
const UNITS = [
  'cm',
  'm',
  'mm',
  'Cel',
  'K',
  'km/h',
  'm/s',
  'deg',
  'rad',
  'kg',
  'g',
  '%RH',
  '%EL',
  '%',
  'm/s2',
];

/** Numbers a firmware can send: ordinary, huge, tiny, negative zero, past the date range. */
export const hostileNumber = (): fc.Arbitrary<number> =>
  fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.constantFrom(1e308, -1e308, 8.64e15 + 1, -8.64e15 - 1, 1.7e18, 2 ** 53, -0, 5e-324, 2 ** 28),
  );

/** A timestamp near `now`, in the wrong unit (seconds, microseconds, nanoseconds), or absurd. */
export const deviceTimestamp = (now: number): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.integer({ min: now - 3_600_000, max: now + 60_000 }),
    fc.constantFrom(Math.floor(now / 1000), now * 1000, now * 1_000_000, 0, -1),
    hostileNumber(),
    fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
    fc.string(),
  );

const metricName = fc.oneof(fc.constantFrom(...METRIC_NAMES, ...TRICKY_NAMES), fc.string());
const value = fc.oneof(hostileNumber(), fc.boolean(), fc.string(), fc.constant(null), fc.jsonValue());

/** {"ts", "values"} readings, one or a batch, close enough to valid to reach every check. */
export const nearValidReadings = (now: number): fc.Arbitrary<unknown> => {
  const reading = fc.record(
    { ts: deviceTimestamp(now), values: fc.dictionary(metricName, value, { maxKeys: 6 }) },
    { requiredKeys: [] },
  );
  return fc.oneof(reading, fc.array(reading, { maxLength: 5 }));
};

/** SenML packs (RFC 8428) with odd units, base fields at the edges of the number range. */
export const senmlPack = (now: number): fc.Arbitrary<unknown> => {
  const record = fc.record(
    {
      bn: fc.oneof(fc.constantFrom('ICE-1/', 'urn:dev:ICE-1:'), fc.string()),
      bt: fc.oneof(fc.constant(now / 1000), hostileNumber()),
      bu: fc.oneof(fc.constantFrom(...UNITS, ...TRICKY_NAMES), fc.string()),
      bv: hostileNumber(),
      n: metricName,
      u: fc.oneof(fc.constantFrom(...UNITS, ...TRICKY_NAMES), fc.string()),
      v: fc.oneof(hostileNumber(), fc.string()),
      vb: fc.boolean(),
      t: fc.oneof(hostileNumber(), fc.string()),
    },
    { requiredKeys: [] },
  );
  return fc.array(record, { minLength: 1, maxLength: 5 });
};

/** A valid ice-station reading: the fuzz stream is not all rejections. */
export const validIceReading = (now: number): fc.Arbitrary<unknown> =>
  fc.record({
    ts: fc.integer({ min: now - 3_600_000, max: now }),
    values: fc.record(
      {
        iceThicknessCm: fc.double({ min: 0, max: 300, noNaN: true }),
        airTempC: fc.integer({ min: -50, max: 10 }),
      },
      { requiredKeys: ['iceThicknessCm'] },
    ),
  });

/** Any payload: random JSON, near-valid readings, SenML, or bytes that are not JSON at all. */
export const telemetryPayload = (now: number): fc.Arbitrary<Uint8Array> =>
  fc.oneof(
    fc.jsonValue().map((json) => Buffer.from(JSON.stringify(json) ?? 'null')),
    nearValidReadings(now).map((body) => Buffer.from(JSON.stringify(body))),
    validIceReading(now).map((body) => Buffer.from(JSON.stringify(body))),
    senmlPack(now).map((body) => Buffer.from(JSON.stringify(body))),
    fc.uint8Array({ maxLength: 200 }),
    // JSON text V8 parses to Infinity, which JSON.stringify never writes.
    fc
      .constantFrom(
        '{"ts":1e400,"values":{"iceThicknessCm":1}}',
        '[{"bn":"ICE-1/","bt":1e400,"t":-1e400,"n":"iceThicknessCm","v":1}]',
        '{"ts":1,"values":{"iceThicknessCm":1e400}}',
      )
      .map((text) => Buffer.from(text)),
  );

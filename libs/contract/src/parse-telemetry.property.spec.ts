// parseTelemetry promises never to throw: a property test over hostile payloads (fast-check).
// Every payload becomes points and/or rejections, each rejection has a code and a reason, and every
// point is a finite, in-window reading of the sender's vocabulary.
import fc from 'fast-check';
import type { DeviceKind } from './device-kinds';
import { metricDefinition } from './metrics';
import { parseTelemetry } from './parse-telemetry';
import { DEFAULT_INGEST_LIMITS } from './telemetry';
import { describeTime } from './timestamps';
import { telemetryPayload } from './testing/payload-arbitraries';
import { convertToMetricUnit } from './units';

const RECEIVED_AT = Date.UTC(2026, 0, 20, 3, 0, 0);
const KINDS: DeviceKind[] = ['ice-station', 'vehicle', 'container', 'ferry'];

describe('parseTelemetry on any input', () => {
  it('never throws; every outcome is a valid point or a coded rejection', () => {
    fc.assert(
      fc.property(telemetryPayload(RECEIVED_AT), fc.constantFrom(...KINDS), (payload, kind) => {
        const result = parseTelemetry(payload, {
          kind,
          receivedAt: RECEIVED_AT,
          limits: DEFAULT_INGEST_LIMITS,
        });
        expect(result.points.length + result.rejections.length).toBeGreaterThan(0);
        for (const rejection of result.rejections) {
          expect(typeof rejection.code).toBe('string');
          expect(typeof rejection.reason).toBe('string');
        }
        for (const point of result.points) {
          expect(Number.isFinite(point.ts)).toBe(true);
          expect(point.ts).toBeLessThanOrEqual(RECEIVED_AT + DEFAULT_INGEST_LIMITS.maxFutureMs);
          expect(point.ts).toBeGreaterThanOrEqual(RECEIVED_AT - DEFAULT_INGEST_LIMITS.maxAgeMs);
          expect(metricDefinition(point.metric)?.kinds).toContain(kind);
          if (typeof point.value === 'number') expect(Number.isFinite(point.value)).toBe(true);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    [
      'epoch nanoseconds',
      `{"ts":${RECEIVED_AT * 1_000_000},"values":{"iceThicknessCm":80}}`,
      'timestamp_in_future',
    ],
    ['a negative time past the date range', '{"ts":-9e15,"values":{"iceThicknessCm":80}}', 'bad_timestamp'],
    ['SenML bt 1e308', '[{"bn":"ICE-1/","bt":1e308,"n":"iceThicknessCm","v":80}]', 'bad_timestamp'],
    [
      'SenML bt 1e300 (past the date range)',
      '[{"bt":1e300,"n":"iceThicknessCm","v":80}]',
      'timestamp_in_future',
    ],
    [
      'SenML time Infinity − Infinity',
      '[{"bt":1e400,"t":-1e400,"n":"iceThicknessCm","v":80}]',
      'bad_timestamp',
    ],
    ['SenML unit "__proto__"', '[{"n":"iceThicknessCm","u":"__proto__","v":80}]', 'bad_unit'],
    ['SenML unit "hasOwnProperty"', '[{"n":"iceThicknessCm","u":"hasOwnProperty","v":80}]', 'bad_unit'],
    ['SenML unit "toString"', '[{"n":"iceThicknessCm","u":"toString","v":80}]', 'bad_unit'],
    ['SenML base unit "constructor"', '[{"bu":"constructor","n":"iceThicknessCm","v":80}]', 'bad_unit'],
  ])('%s → one rejection %s, no throw', (_case, text, code) => {
    const result = parseTelemetry(Buffer.from(text), {
      kind: 'ice-station',
      receivedAt: RECEIVED_AT,
      limits: DEFAULT_INGEST_LIMITS,
    });
    expect(result.points).toEqual([]);
    expect(result.rejections.map((r) => r.code)).toEqual([code]);
  });

  it('units are looked up on own keys only', () => {
    expect(convertToMetricUnit('iceThicknessCm', 'toString', 1)).toBeUndefined();
    expect(convertToMetricUnit('iceThicknessCm', '__proto__', 1)).toBeUndefined();
    expect(convertToMetricUnit('iceThicknessCm', 'm', 1)).toBe(100);
  });

  it('a time past the date range is described as a number, not thrown on', () => {
    expect(describeTime(1.7e18)).toBe('1700000000000000000 ms');
    expect(describeTime(0)).toBe('1970-01-01T00:00:00.000Z');
  });
});

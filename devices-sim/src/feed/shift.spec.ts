import { payloadTimestamps, shiftPayload } from './shift';

const HOUR = 3_600_000;

describe('shiftPayload', () => {
  it('moves an epoch-ms ts', () => {
    expect(JSON.parse(shiftPayload('{"ts":1000,"values":{"tempC":1}}', HOUR))).toEqual({
      ts: 1000 + HOUR,
      values: { tempC: 1 },
    });
  });

  it('moves an ISO ts, keeping it ISO', () => {
    expect(JSON.parse(shiftPayload('{"ts":"2026-01-20T03:15:00+09:00","values":{}}', HOUR)).ts).toBe(
      '2026-01-19T19:15:00.000Z',
    );
  });

  it('moves every reading of a batch', () => {
    const shifted = JSON.parse(shiftPayload('[{"ts":1,"values":{}},{"ts":2,"values":{}}]', 10)) as {
      ts: number;
    }[];
    expect(shifted.map((r) => r.ts)).toEqual([11, 12]);
  });

  it('moves SenML base time (seconds) and leaves relative times alone', () => {
    const bt = 1_768_867_200;
    const shifted = JSON.parse(
      shiftPayload(
        `[{"bn":"ICE-2/","bt":${bt},"n":"iceThicknessCm","u":"m","v":0.88},{"n":"iceTempC","t":60,"v":-7}]`,
        HOUR,
      ),
    ) as { bt?: number; t?: number }[];
    expect(shifted[0].bt).toBe(bt + 3600);
    expect(shifted[1].t).toBe(60);
  });

  it('leaves a payload that is not JSON, or has no timestamp, unchanged', () => {
    expect(shiftPayload('{"ts": 1, "values": {', HOUR)).toBe('{"ts": 1, "values": {');
    expect(shiftPayload('{"values":{"a":1}}', HOUR)).toBe('{"values":{"a":1}}');
  });

  it('finds the timestamps of a payload', () => {
    expect(payloadTimestamps('[{"ts":5,"values":{}},{"ts":"1970-01-01T00:00:01Z","values":{}}]')).toEqual([
      5, 1000,
    ]);
    expect(payloadTimestamps('nonsense')).toEqual([]);
  });
});

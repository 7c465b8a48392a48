/**
 * Shifting the device timestamps inside payloads, for replaying a recorded feed at another time.
 * Understands the contract's shapes (README, device contract): `{"ts", "values"}`, an array of
 * those, and SenML records (absolute `bt`/`t` in seconds; relative times are left alone, RFC 8428
 * §4.5.3). A payload that is not JSON is replayed unchanged.
 */
const SENML_RELATIVE_BELOW_S = 2 ** 28;

type Json = Record<string, unknown>;

/** Every device timestamp (epoch ms) a payload carries. */
export function payloadTimestamps(payload: string): number[] {
  const found: number[] = [];
  visit(payload, (ms) => {
    found.push(ms);
    return ms;
  });
  return found;
}

/** The payload with every device timestamp moved by `deltaMs`; the same text when there is none. */
export function shiftPayload(payload: string, deltaMs: number): string {
  if (deltaMs === 0) return payload;
  return visit(payload, (ms) => ms + deltaMs) ?? payload;
}

function visit(payload: string, change: (ms: number) => number): string | undefined {
  let document: unknown;
  try {
    document = JSON.parse(payload);
  } catch {
    return undefined;
  }
  let touched = false;
  const records = Array.isArray(document) ? document : [document];
  for (const record of records) {
    if (typeof record !== 'object' || record === null) continue;
    const r = record as Json;
    if ('ts' in r) {
      if (typeof r.ts === 'number') {
        r.ts = change(r.ts);
        touched = true;
      } else if (typeof r.ts === 'string' && !Number.isNaN(Date.parse(r.ts))) {
        r.ts = new Date(change(Date.parse(r.ts))).toISOString();
        touched = true;
      }
    }
    for (const key of ['bt', 't'] as const) {
      const seconds = r[key];
      if (typeof seconds === 'number' && seconds >= SENML_RELATIVE_BELOW_S) {
        r[key] = change(seconds * 1000) / 1000;
        touched = true;
      }
    }
  }
  return touched ? JSON.stringify(document) : undefined;
}

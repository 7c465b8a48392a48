import type { Rejection } from './rejection';

export interface TimestampWindow {
  /** How far ahead of the service's clock a device clock may run (clock drift). */
  maxFutureMs: number;
  /** How old a reading may be: a device flushing what it buffered offline. */
  maxAgeMs: number;
}

// ISO 8601 with an explicit zone: "Z" or ±hh:mm. A time without a zone is ambiguous on a route that
// spans UTC+8 and UTC+9 (docs/domain.md §0), so it is refused rather than guessed.
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses a device timestamp (epoch milliseconds or ISO 8601 with a zone) into epoch milliseconds. */
export function parseDeviceTimestamp(raw: unknown): number | Rejection {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || !Number.isInteger(raw) || raw < 0) {
      return { code: 'bad_timestamp', reason: `ts ${raw} is not a whole number of epoch milliseconds` };
    }
    return raw;
  }
  if (typeof raw === 'string') {
    if (!ISO_WITH_ZONE.test(raw)) {
      return {
        code: 'bad_timestamp',
        reason: `ts "${truncate(raw)}" is not ISO 8601 with a zone (e.g. 2026-01-20T03:15:00Z)`,
      };
    }
    const ms = Date.parse(raw);
    // Date.parse rolls 2026-02-30 over to 2 March: a reading would be stored at a wrong time.
    if (Number.isNaN(ms) || !isCalendarDate(raw)) {
      return { code: 'bad_timestamp', reason: `ts "${truncate(raw)}" is not a valid date` };
    }
    return ms;
  }
  return {
    code: 'bad_timestamp',
    reason: 'ts is missing: give epoch milliseconds or an ISO 8601 UTC string',
  };
}

/** Checks that a timestamp is plausible relative to when the message arrived. */
export function checkTimestampWindow(
  ts: number,
  receivedAt: number,
  window: TimestampWindow,
): Rejection | undefined {
  // NaN passes both comparisons below: a time built from Infinity (JSON 1e400) must not.
  if (!Number.isFinite(ts)) {
    return { code: 'bad_timestamp', reason: `ts ${ts} is not a finite number of epoch milliseconds` };
  }
  if (ts > receivedAt + window.maxFutureMs) {
    return {
      code: 'timestamp_in_future',
      reason: `ts ${describeTime(ts)} is ${Math.round((ts - receivedAt) / 1000)} s ahead of the service clock (limit ${window.maxFutureMs / 1000} s): check the device clock`,
    };
  }
  if (ts < receivedAt - window.maxAgeMs) {
    return {
      code: 'timestamp_too_old',
      reason: `ts ${describeTime(ts)} is older than the ${Math.round(window.maxAgeMs / 3_600_000)} h the service accepts`,
    };
  }
  return undefined;
}

// ECMAScript dates end at ±8.64e15 ms (±100,000,000 days, ECMA-262 §21.4.1.1); toISOString throws
// beyond. Epoch nanoseconds, a common firmware mistake, are far past it.
const MAX_DATE_MS = 8.64e15;

/** A device time for a message: ISO 8601 when it is a date at all, else the raw number. */
export function describeTime(ts: number): string {
  return Math.abs(ts) <= MAX_DATE_MS ? new Date(ts).toISOString() : `${ts} ms`;
}

/** True when the YYYY-MM-DD at the start of an ISO string is a real day (no 30 February). */
export function isCalendarDate(iso: string): boolean {
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function truncate(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

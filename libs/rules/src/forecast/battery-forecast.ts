/**
 * When a tracker's battery runs out (docs/domain.md §7, §9): the drain is fitted from its own
 * recent readings, and counted faster when the air ahead is colder than while it was measured.
 */

import { leastSquaresSlope } from './stefan';

const HOUR_MS = 3_600_000;
/** The drain doubles every 20 °C of frost, as lithium cells lose capacity in the cold [design, §9]. */
export const BATTERY_COLD_DOUBLING_C = 20;
/** The readings the drain is fitted from [design]. */
export const BATTERY_FIT_WINDOW_MS = 12 * HOUR_MS;
/** Less history than this, or a smaller fall, gives no estimate: the gauge reads in steps [design]. */
const MIN_SPAN_MS = 2 * HOUR_MS;
const MIN_FALL_PCT = 1;

export interface BatterySample {
  ts: number;
  pct: number;
  /** The air around the tracker, if known. */
  tempC?: number;
}

/** The drain at `tempC` relative to 0 °C. */
export function coldDrainFactor(tempC: number): number {
  return 2 ** (Math.max(0, -tempC) / BATTERY_COLD_DOUBLING_C);
}

/**
 * Hours until the battery is empty: the least-squares drain of the samples, scaled from the mean
 * temperature they were taken at to `aheadTempC`. Undefined when the samples do not show a drain.
 */
export function batteryHoursLeft(samples: readonly BatterySample[], aheadTempC?: number): number | undefined {
  const sorted = [...samples].sort((a, b) => a.ts - b.ts);
  if (sorted.length < 3) return undefined;
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (last.ts - first.ts < MIN_SPAN_MS || first.pct - last.pct < MIN_FALL_PCT) return undefined;
  const drainPerHour = -leastSquaresSlope(sorted.map((s) => [(s.ts - first.ts) / HOUR_MS, s.pct] as const));
  if (!(drainPerHour > 0)) return undefined;
  const temps = sorted.flatMap((s) => (s.tempC === undefined ? [] : [s.tempC]));
  const measuredAt = temps.length > 0 ? temps.reduce((a, b) => a + b, 0) / temps.length : undefined;
  const scale =
    measuredAt !== undefined && aheadTempC !== undefined
      ? coldDrainFactor(aheadTempC) / coldDrainFactor(measuredAt)
      : 1;
  return last.pct / (drainPerHour * scale);
}

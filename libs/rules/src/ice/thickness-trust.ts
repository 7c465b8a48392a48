import type { Sample, StationSnapshot } from './crossing-status';

/**
 * Which ice-thickness readings the crossing may believe (docs/domain.md §8). Pure: it takes a
 * station's stored readings, in any order, and answers the same for the same set of points, so a
 * status derived reading by reading equals one recomputed from the store.
 *
 *   - A fall is believed at once (fail safe).
 *   - A rise of the clear ice (total − white) is believed only if Stefan's law allows it since the
 *     last believed reading, plus the gauge's noise; otherwise it is held as unconfirmed and the
 *     last believed value stands. White ice is not bound by Stefan's law (flooded snow freezes
 *     within hours, docs/domain.md §7) and counts half in the capacity anyway.
 *   - A held rise is confirmed by the station itself, once its readings are plausible again
 *     against the last believed value (sustained over time), or by an operator's manual
 *     measurement, which is believed whatever it says.
 *   - A gauge that reads the same to within its resolution over a whole window while the air
 *     temperature swings is stuck: its data counts as silent.
 */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface ThicknessPoint {
  ts: number;
  /** Total thickness, clear and white, cm. */
  value: number;
  /** White ice within it, cm, as last reported at or before `ts`; none → 0. */
  whiteCm?: number;
  /** Set on an operator's manual measurement: the person who entered it. */
  manualBy?: string;
}

export interface ThicknessTrustRules {
  /** Largest Stefan coefficient α, cm/√(°C·day); default 2.7, windy lake without snow (§7) [S]. */
  maxAlpha: number;
  /** Coldest air the growth bound assumes, °C; default −50 (§8) [D]. */
  coldestAirC: number;
  /** Gauge noise a rise may add on top of growth, cm; default 2 (§4, §8: ±1–2 cm) [S]. */
  noiseCm: number;
  /** A gauge that does not vary over this window is stuck; default 24 h (§8) [design]. */
  stuckWindowMs: number;
  /** "Does not vary": max − min at most this, cm; default 0 (the same to the last digit, §8). */
  stuckResolutionCm: number;
  /** …while the air temperature varied at least this much, °C; default 10 [design]. */
  stuckAirSwingC: number;
}

export const DEFAULT_THICKNESS_TRUST: ThicknessTrustRules = Object.freeze({
  maxAlpha: 2.7,
  coldestAirC: -50,
  noiseCm: 2,
  stuckWindowMs: 24 * HOUR_MS,
  stuckResolutionCm: 0,
  stuckAirSwingC: 10,
});

/** Below this the growth bound would run away (1/h); new ice this thin carries nothing anyway. */
const MIN_BOUND_THICKNESS_CM = 10;

/**
 * The fastest ice of `thicknessCm` can grow, cm/day: from h = α·√F (Stefan, docs/domain.md §7),
 * dh/dt = α²·ΔT / (2h) with ΔT the degrees of frost of the air. At α = 2.7 and −50 °C: 6.1 cm/day
 * at 30 cm, 3.0 cm/day at 60 cm.
 */
export function maxGrowthCmPerDay(thicknessCm: number, rules: ThicknessTrustRules): number {
  const frost = Math.max(0, -rules.coldestAirC);
  return (rules.maxAlpha ** 2 * frost) / (2 * Math.max(MIN_BOUND_THICKNESS_CM, thicknessCm));
}

/** Whether `to` can follow `from` by growth of its clear ice plus gauge noise. A fall always can. */
export function plausibleRise(from: ThicknessPoint, to: ThicknessPoint, rules: ThicknessTrustRules): boolean {
  const days = Math.max(0, to.ts - from.ts) / DAY_MS;
  const fromClear = from.value - (from.whiteCm ?? 0);
  const toClear = to.value - (to.whiteCm ?? 0);
  return (
    to.value <= from.value ||
    toClear <= fromClear + rules.noiseCm + maxGrowthCmPerDay(fromClear, rules) * days
  );
}

/** Each thickness point with the white ice last reported at or before it (a separate metric). */
export function withWhiteIce(
  points: readonly ThicknessPoint[],
  white: readonly { ts: number; value: number }[],
): ThicknessPoint[] {
  const sorted = [...white].filter((w) => Number.isFinite(w.value)).sort(byTime);
  return points.map((point) => {
    if (point.manualBy !== undefined) return point; // a drilling is judged on its own
    let whiteCm: number | undefined;
    for (const w of sorted) {
      if (w.ts > point.ts) break;
      whiteCm = w.value;
    }
    return whiteCm === undefined ? point : { ...point, whiteCm };
  });
}

export interface HeldRise {
  /** The newest reading not believed. */
  reported: Sample;
  /** The value believed instead, and when it was measured. */
  believedCm: number;
  believedTs: number;
  /** The largest rise Stefan's law allowed by the time of `reported`, cm. */
  allowedRiseCm: number;
}

export interface ManualConfirmation {
  by: string;
  ts: number;
  valueCm: number;
}

export interface ThicknessTrust {
  /**
   * What the crossing may use: the last believed value, dated by the newest reading (a station
   * holding a rise is alive, not silent). None with no finite reading.
   */
  believed?: Sample;
  /** A rise held as unconfirmed, if the newest readings are one. */
  held?: HeldRise;
  /** The operator whose manual measurement the believed value rests on: who, when, what. */
  confirmedBy?: ManualConfirmation;
}

/**
 * Walks a station's readings in time order (a same-timestamp correction is one point: the store
 * keeps the last value) and says which thickness to believe.
 */
export function trustedThickness(
  points: readonly ThicknessPoint[],
  rules: ThicknessTrustRules,
): ThicknessTrust {
  const sorted = points.filter((p) => Number.isFinite(p.value) && Number.isFinite(p.ts)).sort(byTime);
  if (sorted.length === 0) return {};
  let anchor = sorted[0];
  let held: ThicknessPoint | undefined;
  const confirmation = (p: ThicknessPoint) => ({ by: p.manualBy!, ts: p.ts, valueCm: p.value });
  let confirmedBy = anchor.manualBy ? confirmation(anchor) : undefined;
  for (const point of sorted.slice(1)) {
    if (point.manualBy !== undefined) {
      anchor = point;
      held = undefined;
      confirmedBy = confirmation(point);
    } else if (plausibleRise(anchor, point, rules)) {
      // A fall, or growth Stefan's law allows: believed; a held rise is confirmed by it or undone.
      anchor = point;
      held = undefined;
    } else {
      held = point;
    }
  }
  const newest = sorted[sorted.length - 1];
  const believed: Sample = { value: anchor.value, ts: newest.ts };
  if (!held) return { believed, confirmedBy };
  const days = Math.max(0, held.ts - anchor.ts) / DAY_MS;
  return {
    believed,
    confirmedBy,
    held: {
      reported: { value: held.value, ts: held.ts },
      believedCm: anchor.value,
      believedTs: anchor.ts,
      allowedRiseCm: rules.noiseCm + maxGrowthCmPerDay(anchor.value - (anchor.whiteCm ?? 0), rules) * days,
    },
  };
}

export interface StuckGauge {
  valueCm: number;
  sinceTs: number;
  readings: number;
  airSwingC: number;
}

/**
 * A gauge stuck over the window before `now`: at least 3 automatic readings spanning most of the
 * window, none differing by more than the resolution, while the air swung at least stuckAirSwingC.
 * Manual measurements do not count: the operator is not the gauge.
 */
export function stuckGauge(
  points: readonly ThicknessPoint[],
  airTemps: readonly { ts: number; tempC: number }[],
  now: number,
  rules: ThicknessTrustRules,
): StuckGauge | undefined {
  const from = now - rules.stuckWindowMs;
  const inWindow = points
    .filter((p) => p.manualBy === undefined && p.ts >= from && p.ts <= now && Number.isFinite(p.value))
    .sort(byTime);
  if (inWindow.length < 3) return undefined;
  // Most of the window: a gauge that started reporting an hour ago has not had time to vary.
  if (inWindow[inWindow.length - 1].ts - inWindow[0].ts < rules.stuckWindowMs * 0.75) return undefined;
  const values = inWindow.map((p) => p.value);
  if (Math.max(...values) - Math.min(...values) > rules.stuckResolutionCm) return undefined;
  const temps = airTemps
    .filter((t) => t.ts >= from && t.ts <= now && Number.isFinite(t.tempC))
    .map((t) => t.tempC);
  if (temps.length < 2) return undefined;
  const airSwingC = Math.max(...temps) - Math.min(...temps);
  if (airSwingC < rules.stuckAirSwingC) return undefined;
  return {
    valueCm: values[values.length - 1],
    sinceTs: inWindow[0].ts,
    readings: inWindow.length,
    airSwingC,
  };
}

function byTime(a: { ts: number }, b: { ts: number }): number {
  return a.ts - b.ts;
}

/**
 * The station as the crossing sees it: its thickness is the believed one, a held rise and a stuck
 * gauge are marked (crossing-status.ts turns them into reasons and an unknown status).
 */
export function trustedStation(
  station: Omit<StationSnapshot, 'iceThicknessCm' | 'heldRise' | 'stuck' | 'confirmedBy'>,
  thickness: readonly ThicknessPoint[],
  airTemps: readonly { ts: number; tempC: number }[],
  now: number,
  rules: ThicknessTrustRules,
  whiteIce: readonly { ts: number; value: number }[] = [],
): StationSnapshot {
  const trust = trustedThickness(withWhiteIce(thickness, whiteIce), rules);
  const stuck = stuckGauge(thickness, airTemps, now, rules);
  return {
    ...station,
    ...(trust.believed ? { iceThicknessCm: trust.believed } : {}),
    ...(trust.held ? { heldRise: trust.held } : {}),
    ...(trust.confirmedBy ? { confirmedBy: trust.confirmedBy } : {}),
    ...(stuck ? { stuck } : {}),
  };
}

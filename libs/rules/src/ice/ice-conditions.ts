import { reason } from '../catalogue';
import { thresholdBreached } from '../alerts/threshold';
import { verdict, type RuleVerdict } from '../alerts/rule-verdict';
import { effectiveThicknessCm } from './ice-capacity';
import type { StationSnapshot } from './crossing-status';

/**
 * The ice-safety alert conditions (docs/domain.md §2, §4), pure: a station's ice thinner than the
 * design load needs, water on the ice, a crack, fast thinning, a thaw, and a station gone silent.
 * Each takes the readings, the condition's current phase where hysteresis applies, the crossing's
 * rules and the time; the crossing status itself is crossing-status.ts.
 */

const HOUR_MS = 3_600_000;
/** Thinning faster than this raises an alert [design: daily measurement practice, docs/domain.md §4]. */
export const DEFAULT_THINNING_CM_PER_DAY = 5;
/** A thin-ice alert clears only this far above the required thickness: no flapping [design]. */
const THICKNESS_CLEAR_MARGIN_CM = 2;
/** Water on the ice cuts the design load by 50–80 % (docs/domain.md §2 [S]): the safe end. */
const OVERFLOW_LOAD_CUT_PCT = 80;
/** A rate needs at least this much history [design]. */
const MIN_THINNING_SPAN_MS = 6 * HOUR_MS;

export interface ThicknessReading {
  stationId: string;
  ts: number;
  totalCm: number;
  /** White (snow) ice, counted half; none reported counts as 0. */
  whiteCm?: number;
}

export interface ThicknessRules {
  /** What the design load needs now, after every derating (crossing-status.ts). */
  requiredCm: number;
  designLoadTonnes: number;
  goldA: number;
  /** The crossing carries less than its opening minimum: critical rather than major. */
  belowOpeningMinimum: boolean;
}

/** Effective ice below the required thickness; clears 2 cm above it. */
export function thicknessVerdict(
  reading: ThicknessReading,
  rules: ThicknessRules,
  firing: boolean,
): RuleVerdict {
  const white = reading.whiteCm ?? 0;
  const effective = effectiveThicknessCm(reading.totalCm, white);
  const { requiredCm, designLoadTonnes, goldA } = rules;
  const goldOnlyCm = Math.sqrt((1000 * designLoadTonnes) / goldA);
  return verdict({
    ruleId: 'ice.thickness-below-required',
    subjectId: reading.stationId,
    ts: reading.ts,
    breached: thresholdBreached(
      effective,
      { direction: 'below', trigger: requiredCm, clear: requiredCm + THICKNESS_CLEAR_MARGIN_CM },
      firing,
    ),
    severity: rules.belowOpeningMinimum ? 'critical' : 'major',
    value: effective,
    metric: 'iceThicknessCm',
    triggerValue: reading.totalCm,
    reason: reason('ice.effective-thickness', {
      stationId: reading.stationId,
      effectiveCm: effective,
      totalCm: reading.totalCm,
      whiteCm: white,
      designLoadTonnes,
      requiredCm,
      goldA,
      derated: requiredCm > goldOnlyCm + 0.05,
    }),
  });
}

/**
 * Thinning faster than `limitCmPerDay`, from the effective thickness about a day before; clears at
 * half the limit. None without at least 6 h of history.
 */
export function thinningVerdict(
  reading: { stationId: string; ts: number; effectiveCm: number },
  dayAgo: { ts: number; cm: number } | undefined,
  limitCmPerDay: number,
  firing: boolean,
): RuleVerdict | undefined {
  if (!dayAgo || reading.ts - dayAgo.ts < MIN_THINNING_SPAN_MS) return undefined;
  const perDay = ((dayAgo.cm - reading.effectiveCm) / (reading.ts - dayAgo.ts)) * 24 * HOUR_MS;
  return verdict({
    ruleId: 'ice.fast-thinning',
    subjectId: reading.stationId,
    ts: reading.ts,
    breached: thresholdBreached(
      perDay,
      { direction: 'above', trigger: limitCmPerDay, clear: limitCmPerDay * 0.5 },
      firing,
    ),
    value: perDay,
    metric: 'iceThicknessCm',
    triggerValue: reading.effectiveCm,
    reason: reason('ice.thinning-rate', {
      stationId: reading.stationId,
      cmPerDay: perDay,
      fromCm: dayAgo.cm,
      toCm: reading.effectiveCm,
      limitCmPerDay,
    }),
  });
}

/** Water on the ice, as the station reports it. */
export function overflowVerdict(reading: { stationId: string; ts: number; overflow: boolean }): RuleVerdict {
  return verdict({
    ruleId: 'ice.overflow',
    subjectId: reading.stationId,
    ts: reading.ts,
    breached: reading.overflow,
    metric: 'overflow',
    triggerValue: reading.overflow ? 1 : 0,
    reason: reading.overflow
      ? reason('ice.water-on-ice', { stationId: reading.stationId, loadCutPct: OVERFLOW_LOAD_CUT_PCT })
      : reason('ice.no-water-on-ice', { stationId: reading.stationId }),
  });
}

/** A crack at least `closeAtMm` wide closes the lane (docs/domain.md §2: do not drive over open cracks). */
export function crackVerdict(
  reading: { stationId: string; ts: number; widthMm: number },
  closeAtMm: number,
): RuleVerdict {
  return verdict({
    ruleId: 'ice.crack',
    subjectId: reading.stationId,
    ts: reading.ts,
    breached: reading.widthMm >= closeAtMm,
    value: reading.widthMm,
    metric: 'crackWidthMm',
    reason: reason('ice.crack-width', { stationId: reading.stationId, widthMm: reading.widthMm, closeAtMm }),
  });
}

/**
 * A 3-day mean air temperature of −5 °C or warmer derates the ice (docs/domain.md §2, diving-works
 * table; §8: "no winter-road travel at −5 °C or warmer" includes −5.0 °C); clears at −6 °C. Above 0 °C it is major. None without a mean.
 */
export function thawVerdict(
  crossingId: string,
  meanAirC: number | undefined,
  now: number,
  firing: boolean,
): RuleVerdict | undefined {
  if (meanAirC === undefined) return undefined;
  const warm = meanAirC > 0;
  return verdict({
    ruleId: 'ice.thaw',
    subjectId: crossingId,
    ts: now,
    breached: thresholdBreached(
      meanAirC,
      { direction: 'above', trigger: -5, clear: -6, inclusive: true },
      firing,
    ),
    severity: warm ? 'major' : 'warning',
    value: meanAirC,
    metric: 'airTempC',
    deviceId: undefined,
    reason: reason('ice.thaw-mean', { crossingId, meanAirC, capacityFactor: warm ? 0.44 : 0.51 }),
  });
}

/**
 * A station whose newest thickness is older than `staleAfterMs` is silent (docs/domain.md §4) — in
 * season only: out of season the calendar closes the crossing and stations are taken off the river,
 * so a silence alert would be noise all summer.
 */
export function stationSilentVerdict(
  station: { stationId: string; crossingId: string; lastThicknessTs?: number },
  rules: { staleAfterMs: number; inSeason: boolean },
  now: number,
): RuleVerdict {
  const last = station.lastThicknessTs;
  const silentMs = last === undefined ? Number.POSITIVE_INFINITY : now - last;
  const { stationId, crossingId } = station;
  return verdict({
    ruleId: 'station.silent',
    subjectId: stationId,
    ts: now,
    breached: rules.inSeason && silentMs > rules.staleAfterMs,
    metric: 'iceThicknessCm',
    reason:
      last === undefined
        ? reason('station.no-thickness', { stationId, crossingId })
        : reason('station.silent-for', { stationId, crossingId, silentMs }),
  });
}

/**
 * A rise of thickness held as unconfirmed (docs/domain.md §8): the engineers check the gauge until
 * the station's own readings or an operator's measurement confirm it. Clears when nothing is held.
 */
export function implausibleThicknessVerdict(station: StationSnapshot, now: number): RuleVerdict {
  const stationId = station.deviceId;
  const held = station.heldRise;
  return verdict({
    ruleId: 'station.implausible-thickness',
    subjectId: stationId,
    ts: held?.reported.ts ?? now,
    breached: held !== undefined,
    value: held?.reported.value,
    metric: 'iceThicknessCm',
    reason: held
      ? reason('station.thickness-unconfirmed', {
          stationId,
          reportedCm: held.reported.value,
          believedCm: held.believedCm,
          allowedRiseCm: Math.round(held.allowedRiseCm * 10) / 10,
        })
      : reason('station.thickness-plausible', { stationId }),
  });
}

/** A stuck gauge (docs/domain.md §8): the crossing counts the station as silent; engineers fix it. */
export function stuckSensorVerdict(station: StationSnapshot, now: number): RuleVerdict {
  const stationId = station.deviceId;
  const stuck = station.stuck;
  return verdict({
    ruleId: 'station.stuck-sensor',
    subjectId: stationId,
    ts: now,
    breached: stuck !== undefined,
    value: stuck?.valueCm,
    metric: 'iceThicknessCm',
    reason: stuck
      ? reason('station.stuck-gauge', {
          stationId,
          valueCm: stuck.valueCm,
          hours: Math.round((now - stuck.sinceTs) / HOUR_MS),
          airSwingC: Math.round(stuck.airSwingC * 10) / 10,
        })
      : reason('station.gauge-varies', { stationId }),
  });
}

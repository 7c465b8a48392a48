import type { Severity } from '../alerts/severity';
import { reason, type AlertReason, type RuleId } from '../catalogue';
import { verdict, type RuleVerdict } from '../alerts/rule-verdict';
import type { CargoProfile, LimitRange } from './cargo-profiles';

// The alert state machine's own type, re-exported rather than redeclared, so that the rules index
// can export both folders without two different `Severity` types.
export type { Severity };

export interface CargoReading {
  ts: number;
  tempC?: number;
  humidityPct?: number;
  shockG?: number;
  doorOpen?: boolean;
  batteryPct?: number;
  lat?: number;
  lon?: number;
}

/**
 * One rule's verdict on one reading, for the alert state machine to time: `breached` must hold for
 * `forMs` before the alert fires; `breached: false` clears it.
 */
export interface ConditionObservation {
  ruleId: RuleId;
  breached: boolean;
  severity: Severity;
  forMs: number;
  reason: AlertReason;
  value?: number;
}

export interface CargoContext {
  /**
   * Mean kinetic temperature over the profile's `mkt.windowHours` (24 h for 2–8 °C, 720 h for
   * controlled room temperature), computed by the caller from the stored samples.
   */
  mkt24hC?: number;
  /** `condensationRisk(...)` of the inside air against the coldest surface. */
  dewPointRisk?: boolean;
  /** Whether the container is inside an inspection zone (customs, terminal); unknown counts as outside. */
  insideInspectionZone?: boolean;
  /** Subject the reasons start with, e.g. "container CSQU3054383". */
  label?: string;
}

export const CARGO_RULE_IDS = {
  tempHigh: 'cargo.temp-high',
  tempLow: 'cargo.temp-low',
  humidityHigh: 'cargo.humidity-high',
  humidityLow: 'cargo.humidity-low',
  shock: 'cargo.shock',
  mkt: 'cargo.mkt',
  condensation: 'cargo.condensation',
  doorOpenOutsideZone: 'cargo.door-open-outside-zone',
  batteryLow: 'device.battery-low',
} as const;

// Below 15 % a tracker may not last the rest of a crossing and go silent [design].
export const BATTERY_LOW_PCT = 15;
// Batteries read low in deep frost and recover; hold 10 min, the default excursion time
// (docs/domain.md §5 [design]), before warning.
const BATTERY_LOW_FOR_MINUTES = 10;

// Severity [design], in the spirit of DCSA Reefer CRITICAL / ALARM / WARNING (docs/domain.md §6): a broken
// product limit (ATP, USP) or a security event is critical; damage that accumulates or a blow is
// major; a risk that has not yet done harm is a warning.
const TEMPERATURE_SEVERITY: Severity = 'critical';
const HUMIDITY_SEVERITY: Severity = 'major';
const SHOCK_SEVERITY: Severity = 'major';

const MINUTE_MS = 60_000;

/**
 * Evaluates one reading against a profile. Pure: no clock, no I/O. Only rules the profile defines
 * and metrics the reading (or context) carries produce an observation; a missing or non-finite
 * value is neither breached nor cleared.
 */
export function cargoObservations(
  profile: CargoProfile,
  reading: CargoReading,
  context: CargoContext,
): ConditionObservation[] {
  const subject = context.label;
  const observations: ConditionObservation[] = [];

  if (isNumber(reading.tempC)) {
    observations.push(...temperatureObservations(profile, reading.tempC, context, subject));
  }
  if (profile.mkt && isNumber(context.mkt24hC)) {
    observations.push(mktObservation(profile, profile.mkt, context.mkt24hC, subject));
  }
  if (isNumber(reading.humidityPct)) {
    observations.push(...humidityObservations(profile, reading.humidityPct, subject));
  }
  if (profile.shockMaxG !== undefined && isNumber(reading.shockG)) {
    const breached = reading.shockG > profile.shockMaxG;
    observations.push({
      ruleId: CARGO_RULE_IDS.shock,
      breached,
      severity: SHOCK_SEVERITY,
      forMs: 0, // a blow is done when it is measured (docs/domain.md §5)
      reason: reason('cargo.shock', {
        subject,
        shockG: reading.shockG,
        limitG: profile.shockMaxG,
        profile: profile.name,
        breached,
      }),
      value: reading.shockG,
    });
  }
  if (context.dewPointRisk !== undefined) {
    observations.push({
      ruleId: CARGO_RULE_IDS.condensation,
      breached: context.dewPointRisk,
      severity: 'warning',
      forMs: profile.excursionMinutes * MINUTE_MS,
      reason: reason(context.dewPointRisk ? 'cargo.condensation' : 'cargo.no-condensation', { subject }),
    });
  }
  if (reading.doorOpen !== undefined) {
    observations.push(doorObservation(reading, context, subject));
  }
  if (isNumber(reading.batteryPct)) {
    const breached = reading.batteryPct < BATTERY_LOW_PCT;
    observations.push({
      ruleId: CARGO_RULE_IDS.batteryLow,
      breached,
      severity: 'warning',
      forMs: BATTERY_LOW_FOR_MINUTES * MINUTE_MS,
      reason: reason('device.battery', {
        subject,
        batteryPct: reading.batteryPct,
        limitPct: BATTERY_LOW_PCT,
        breached,
      }),
      value: reading.batteryPct,
    });
  }
  return observations;
}

function temperatureObservations(
  profile: CargoProfile,
  tempC: number,
  context: CargoContext,
  subject: string | undefined,
): ConditionObservation[] {
  const limits: LimitRange = profile.tempC ?? {};
  const hard: LimitRange = profile.hardLimitsC ?? {};
  const observations: ConditionObservation[] = [];
  if (limits.max !== undefined || hard.max !== undefined) {
    observations.push(temperatureHigh(profile, tempC, limits.max, hard.max, context, subject));
  }
  if (limits.min !== undefined || hard.min !== undefined) {
    observations.push(temperatureLow(profile, tempC, limits.min, hard.min, context, subject));
  }
  return observations;
}

/** Observations of one temperature rule for one reading. */
function temperatureObserver(ruleId: RuleId, tempC: number) {
  return (breached: boolean, forMs: number, why: AlertReason): ConditionObservation => ({
    ruleId,
    breached,
    severity: TEMPERATURE_SEVERITY,
    forMs,
    reason: why,
    value: tempC,
  });
}

/** The mean kinetic temperature's terms for a reason, with the value when it is known. */
function mktTerms(mkt: NonNullable<CargoProfile['mkt']>, mktC: number | undefined) {
  return { windowHours: mkt.windowHours, mktMaxC: mkt.maxC, mktC: isNumber(mktC) ? mktC : undefined };
}

function temperatureHigh(
  profile: CargoProfile,
  tempC: number,
  max: number | undefined,
  hardMax: number | undefined,
  context: CargoContext,
  subject: string | undefined,
): ConditionObservation {
  const excursionMs = profile.excursionMinutes * MINUTE_MS;
  const observe = temperatureObserver(CARGO_RULE_IDS.tempHigh, tempC);
  const terms = { subject, tempC, profile: profile.name };

  if (hardMax !== undefined && tempC > hardMax) {
    return observe(true, 0, reason('cargo.temp-hard-limit', { ...terms, limitC: hardMax, side: 'above' }));
  }
  if (max === undefined || tempC <= max) {
    return observe(false, excursionMs, withinReason(terms, max, hardMax));
  }
  if (profile.mkt) {
    return observe(
      false,
      excursionMs,
      reason('cargo.temp-excursion-mkt', {
        ...terms,
        limitC: max,
        side: 'above',
        ...mktTerms(profile.mkt, context.mkt24hC),
      }),
    );
  }
  const riseC = tempC - max;
  if (profile.defrost && riseC <= profile.defrost.toleranceC) {
    // docs/domain.md §5 [S]: a brief rise of up to +3 °C (defrost) is tolerated in frozen transport.
    return observe(
      true,
      profile.defrost.maxMinutes * MINUTE_MS,
      reason('cargo.temp-defrost', {
        ...terms,
        limitC: max,
        riseC,
        toleranceC: profile.defrost.toleranceC,
        maxMinutes: profile.defrost.maxMinutes,
      }),
    );
  }
  const beyondDefrost = profile.defrost ? { riseC, toleranceC: profile.defrost.toleranceC } : undefined;
  return observe(
    true,
    excursionMs,
    reason('cargo.temp-outside', { ...terms, limitC: max, side: 'above', beyondDefrost }),
  );
}

function temperatureLow(
  profile: CargoProfile,
  tempC: number,
  min: number | undefined,
  hardMin: number | undefined,
  context: CargoContext,
  subject: string | undefined,
): ConditionObservation {
  const excursionMs = profile.excursionMinutes * MINUTE_MS;
  const observe = temperatureObserver(CARGO_RULE_IDS.tempLow, tempC);
  const terms = { subject, tempC, profile: profile.name };

  if (hardMin !== undefined && tempC < hardMin) {
    return observe(true, 0, reason('cargo.temp-hard-limit', { ...terms, limitC: hardMin, side: 'below' }));
  }
  if (min === undefined || tempC >= min) {
    return observe(false, excursionMs, withinReason(terms, min, hardMin));
  }
  if (profile.mkt) {
    return observe(
      false,
      excursionMs,
      reason('cargo.temp-excursion-mkt', {
        ...terms,
        limitC: min,
        side: 'below',
        ...mktTerms(profile.mkt, context.mkt24hC),
      }),
    );
  }
  return observe(true, excursionMs, reason('cargo.temp-outside', { ...terms, limitC: min, side: 'below' }));
}

/** Within the ordinary limit, or the hard one when only a hard limit is set. */
function withinReason(
  terms: { subject: string | undefined; tempC: number; profile: string },
  ordinary: number | undefined,
  hard: number | undefined,
): AlertReason {
  const limitC = ordinary ?? hard;
  return reason('cargo.temp-within', {
    ...terms,
    limitC,
    hard: ordinary === undefined && hard !== undefined,
  });
}

function mktObservation(
  profile: CargoProfile,
  mkt: NonNullable<CargoProfile['mkt']>,
  mktC: number,
  subject: string | undefined,
): ConditionObservation {
  const breached = mktC > mkt.maxC;
  const terms = { subject, windowHours: mkt.windowHours, mktC, limitC: mkt.maxC };
  return {
    ruleId: CARGO_RULE_IDS.mkt,
    breached,
    severity: TEMPERATURE_SEVERITY,
    // The MKT is already a mean over its window: once above the limit, the excursion budget is spent.
    forMs: 0,
    reason: breached
      ? reason('cargo.mkt-above', { ...terms, profile: profile.name })
      : reason('cargo.mkt-within', terms),
    value: mktC,
  };
}

function doorObservation(
  reading: CargoReading,
  context: CargoContext,
  subject: string | undefined,
): ConditionObservation {
  const located = isNumber(reading.lat) && isNumber(reading.lon);
  const where = located ? { lat: reading.lat, lon: reading.lon } : {};
  // Fail safe: a door opened where the zone is unknown is treated as opened outside one.
  const outside = context.insideInspectionZone !== true;
  const zone = context.insideInspectionZone === undefined ? 'unknown' : outside ? 'outside' : 'inside';
  const breached = reading.doorOpen === true && outside;
  return {
    ruleId: CARGO_RULE_IDS.doorOpenOutsideZone,
    breached,
    // docs/domain.md §5 [C]: a door opened outside an inspection zone is a security event (DCSA DRO).
    severity: 'critical',
    forMs: 0,
    reason: reading.doorOpen
      ? reason('cargo.door-open', { subject, ...where, zone, breached })
      : reason('cargo.door-closed', { subject, ...where }),
  };
}

function humidityObservations(
  profile: CargoProfile,
  humidityPct: number,
  subject: string | undefined,
): ConditionObservation[] {
  const { min, max } = profile.humidityPct ?? {};
  const forMs = profile.excursionMinutes * MINUTE_MS;
  const terms = { subject, humidityPct, profile: profile.name };
  const observations: ConditionObservation[] = [];
  if (max !== undefined) {
    const breached = humidityPct > max;
    observations.push({
      ruleId: CARGO_RULE_IDS.humidityHigh,
      breached,
      severity: HUMIDITY_SEVERITY,
      forMs,
      reason: reason('cargo.humidity', { ...terms, limitPct: max, side: 'above', breached }),
      value: humidityPct,
    });
  }
  if (min !== undefined) {
    const breached = humidityPct < min;
    observations.push({
      ruleId: CARGO_RULE_IDS.humidityLow,
      breached,
      severity: HUMIDITY_SEVERITY,
      forMs,
      reason: reason('cargo.humidity', { ...terms, limitPct: min, side: 'below', breached }),
      value: humidityPct,
    });
  }
  return observations;
}

/** Warming faster than this, °C per hour, warns before a limit is reached [design]. */
export const RISE_C_PER_HOUR = 3;
/** A container tracker silent this long raises an alert [design]. */
export const TRACKER_SILENT_MS = 30 * 60_000;

/**
 * Temperature-controlled cargo warming faster than RISE_C_PER_HOUR: a warning before the limit is
 * reached. `risePerHourC` is the caller's rate over the last hour.
 */
export function warmingVerdict(
  container: { deviceId: string; isoNumber: string; ts: number; tempC: number; risePerHourC: number },
  profile: CargoProfile,
  clearForMs: number,
): RuleVerdict {
  return verdict({
    ruleId: 'cargo.temp-rising',
    subjectId: container.deviceId,
    ts: container.ts,
    breached: container.risePerHourC > RISE_C_PER_HOUR,
    clearForMs,
    value: container.risePerHourC,
    reason: reason('cargo.warming', {
      container: container.isoNumber,
      risePerHourC: container.risePerHourC,
      tempC: container.tempC,
      profile: profile.name,
      maxC: profile.tempC?.max ?? Number.NaN,
    }),
  });
}

/** A container tracker last heard from more than TRACKER_SILENT_MS ago. */
export function trackerSilentVerdict(
  container: { deviceId: string; isoNumber: string; lastSeen: number },
  now: number,
): RuleVerdict {
  const silentMs = now - container.lastSeen;
  return verdict({
    ruleId: 'device.silent',
    subjectId: container.deviceId,
    ts: now,
    breached: silentMs > TRACKER_SILENT_MS,
    deviceId: container.deviceId,
    reason: reason('device.tracker-silent', { container: container.isoNumber, silentMs }),
  });
}

function isNumber(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value);
}

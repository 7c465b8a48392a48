import type { Severity } from '../alerts/severity';
import type { RuleId } from '../catalogue';
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
  reason: string;
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
  const subject = context.label ? `${context.label}: ` : '';
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
      reason: `${subject}shock ${g(reading.shockG)}, ${breached ? 'above' : 'within'} the ${profile.shockMaxG} g limit of ${profile.name}`,
      value: reading.shockG,
    });
  }
  if (context.dewPointRisk !== undefined) {
    observations.push({
      ruleId: CARGO_RULE_IDS.condensation,
      breached: context.dewPointRisk,
      severity: 'warning',
      forMs: profile.excursionMinutes * MINUTE_MS,
      reason: context.dewPointRisk
        ? `${subject}a surface is at or below the dew point of the inside air: condensation ("container rain", GDV Container Handbook)`
        : `${subject}surfaces are above the dew point of the inside air`,
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
      reason: `${subject}battery ${pct(reading.batteryPct)}, ${breached ? 'below' : 'at or above'} ${BATTERY_LOW_PCT} %`,
      value: reading.batteryPct,
    });
  }
  return observations;
}

function temperatureObservations(
  profile: CargoProfile,
  tempC: number,
  context: CargoContext,
  subject: string,
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
  return (breached: boolean, forMs: number, reason: string): ConditionObservation => ({
    ruleId,
    breached,
    severity: TEMPERATURE_SEVERITY,
    forMs,
    reason,
    value: tempC,
  });
}

function temperatureHigh(
  profile: CargoProfile,
  tempC: number,
  max: number | undefined,
  hardMax: number | undefined,
  context: CargoContext,
  subject: string,
): ConditionObservation {
  const excursionMs = profile.excursionMinutes * MINUTE_MS;
  const at = `${subject}${celsius(tempC)}`;
  const observe = temperatureObserver(CARGO_RULE_IDS.tempHigh, tempC);

  if (hardMax !== undefined && tempC > hardMax) {
    return observe(
      true,
      0,
      `${at}, above the ${limit(hardMax)} hard limit of ${profile.name}: alert at once, whatever the mean kinetic temperature`,
    );
  }
  if (max === undefined || tempC <= max) {
    return observe(false, excursionMs, `${at}, within ${boundName(max, hardMax)} of ${profile.name}`);
  }
  const above = `${at}, above the ${limit(max)} limit of ${profile.name}`;
  if (profile.mkt) {
    return observe(false, excursionMs, `${above}; ${mktVerdict(profile.mkt, context.mkt24hC)}`);
  }
  const rise = tempC - max;
  if (profile.defrost && rise <= profile.defrost.toleranceC) {
    // docs/domain.md §5 [S]: a brief rise of up to +3 °C (defrost) is tolerated in frozen transport.
    return observe(
      true,
      profile.defrost.maxMinutes * MINUTE_MS,
      `${above} by ${degrees(rise)}, within the ${degrees(profile.defrost.toleranceC)} defrost tolerance for ${profile.defrost.maxMinutes} min`,
    );
  }
  const beyondDefrost = profile.defrost
    ? ` by ${degrees(rise)}, beyond the ${degrees(profile.defrost.toleranceC)} defrost tolerance`
    : '';
  return observe(true, excursionMs, `${above}${beyondDefrost}`);
}

function temperatureLow(
  profile: CargoProfile,
  tempC: number,
  min: number | undefined,
  hardMin: number | undefined,
  context: CargoContext,
  subject: string,
): ConditionObservation {
  const excursionMs = profile.excursionMinutes * MINUTE_MS;
  const at = `${subject}${celsius(tempC)}`;
  const observe = temperatureObserver(CARGO_RULE_IDS.tempLow, tempC);

  if (hardMin !== undefined && tempC < hardMin) {
    return observe(
      true,
      0,
      `${at}, below the ${limit(hardMin)} hard limit of ${profile.name}: alert at once, whatever the mean kinetic temperature`,
    );
  }
  if (min === undefined || tempC >= min) {
    return observe(false, excursionMs, `${at}, within ${boundName(min, hardMin)} of ${profile.name}`);
  }
  const below = `${at}, below the ${limit(min)} limit of ${profile.name}`;
  if (profile.mkt) {
    return observe(false, excursionMs, `${below}; ${mktVerdict(profile.mkt, context.mkt24hC)}`);
  }
  return observe(true, excursionMs, below);
}

function mktObservation(
  profile: CargoProfile,
  mkt: NonNullable<CargoProfile['mkt']>,
  mktC: number,
  subject: string,
): ConditionObservation {
  const breached = mktC > mkt.maxC;
  return {
    ruleId: CARGO_RULE_IDS.mkt,
    breached,
    severity: TEMPERATURE_SEVERITY,
    // The MKT is already a mean over its window: once above the limit, the excursion budget is spent.
    forMs: 0,
    reason: breached
      ? `${subject}${windowName(mkt.windowHours)} mean kinetic temperature ${celsius(mktC)} is above the ${limit(mkt.maxC)} limit of ${profile.name} (USP <659>)`
      : `${subject}${mktVerdict(mkt, mktC)}`,
    value: mktC,
  };
}

/** "24-h mean kinetic temperature 6.3 °C is within 8 °C (USP <659>)". */
function mktVerdict(mkt: NonNullable<CargoProfile['mkt']>, mktC: number | undefined): string {
  const name = `${windowName(mkt.windowHours)} mean kinetic temperature`;
  if (!isNumber(mktC)) {
    return `an excursion is allowed while the ${name} stays within ${limit(mkt.maxC)} (USP <659>)`;
  }
  const verdict = mktC > mkt.maxC ? 'is above' : 'is within';
  return `${name} ${celsius(mktC)} ${verdict} ${limit(mkt.maxC)} (USP <659>)`;
}

function doorObservation(
  reading: CargoReading,
  context: CargoContext,
  subject: string,
): ConditionObservation {
  const where =
    isNumber(reading.lat) && isNumber(reading.lon)
      ? ` at ${reading.lat.toFixed(4)}, ${reading.lon.toFixed(4)}`
      : '';
  // Fail safe: a door opened where the zone is unknown is treated as opened outside one.
  const outside = context.insideInspectionZone !== true;
  const zone =
    context.insideInspectionZone === undefined
      ? 'with the inspection zone unknown'
      : outside
        ? 'outside an inspection zone'
        : 'inside an inspection zone';
  const breached = reading.doorOpen === true && outside;
  return {
    ruleId: CARGO_RULE_IDS.doorOpenOutsideZone,
    breached,
    // docs/domain.md §5 [C]: a door opened outside an inspection zone is a security event (DCSA DRO).
    severity: 'critical',
    forMs: 0,
    reason: reading.doorOpen
      ? `${subject}door open${where} ${zone}${breached ? ' (DCSA DRO "door opened")' : ''}`
      : `${subject}door closed${where}`,
  };
}

function humidityObservations(
  profile: CargoProfile,
  humidityPct: number,
  subject: string,
): ConditionObservation[] {
  const { min, max } = profile.humidityPct ?? {};
  const forMs = profile.excursionMinutes * MINUTE_MS;
  const at = `${subject}relative humidity ${pct(humidityPct)}`;
  const observations: ConditionObservation[] = [];
  if (max !== undefined) {
    const breached = humidityPct > max;
    observations.push({
      ruleId: CARGO_RULE_IDS.humidityHigh,
      breached,
      severity: HUMIDITY_SEVERITY,
      forMs,
      reason: `${at}, ${breached ? 'above' : 'within'} the ${max} % limit of ${profile.name}`,
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
      reason: `${at}, ${breached ? 'below' : 'within'} the ${min} % limit of ${profile.name}`,
      value: humidityPct,
    });
  }
  return observations;
}

function isNumber(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value);
}

/** A measured value, one decimal: "9.0 °C" (never "-0.0 °C"). */
function celsius(value: number): string {
  return `${oneDecimal(value)} °C`;
}

/** A configured limit as written: "8 °C", "-1.5 °C". */
function limit(value: number): string {
  return `${value} °C`;
}

/** "the 8 °C limit", or "the 40 °C hard limit" when only a hard limit is set. */
function boundName(ordinary: number | undefined, hard: number | undefined): string {
  if (ordinary !== undefined) return `the ${limit(ordinary)} limit`;
  return hard !== undefined ? `the ${limit(hard)} hard limit` : 'no limit';
}

/** A temperature difference. */
function degrees(value: number): string {
  return `${oneDecimal(value)} °C`;
}

function pct(value: number): string {
  return `${oneDecimal(value)} %`;
}

function g(value: number): string {
  return `${oneDecimal(value)} g`;
}

function oneDecimal(value: number): string {
  const text = value.toFixed(1);
  return text === '-0.0' ? '0.0' : text;
}

function windowName(windowHours: number): string {
  return windowHours > 24 && windowHours % 24 === 0 ? `${windowHours / 24}-day` : `${windowHours}-h`;
}

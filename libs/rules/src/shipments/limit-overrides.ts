import { mergeProfile, type CargoProfile, type LimitRange } from '../cargo/cargo-profiles';

/** The limits a shipment may set over its cargo profile. */
export interface LimitOverrides {
  tempC?: LimitRange;
  humidityPct?: LimitRange;
  shockMaxG?: number;
  excursionMinutes?: number;
}

/** A problem with one field of the input, named by its path (e.g. `overrides.tempC.max`). */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * The rule for per-shipment overrides: **an override may only narrow the profile** — raise a
 * minimum, lower a maximum, lower the shock limit, shorten the time before an excursion counts,
 * or add a limit the profile does not have. It may never widen one.
 *
 * Why: a cargo owner knows their product better than a default and may ask to be told sooner, but
 * the profile's numbers are the outer bounds of the regulation or label they come from (ATP for
 * food, the label storage range for pharmaceuticals, docs/domain.md §5); widening them would let a
 * shipment be judged "in range" when the law or the label says it is spoiled. Cargo the catalogue
 * does not cover takes the `general` profile, which has no limits, and sets its own.
 */
export function limitOverrideProblems(profile: CargoProfile, overrides: LimitOverrides): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const narrowRange = (key: 'tempC' | 'humidityPct', base: LimitRange | undefined, wanted?: LimitRange) => {
    if (!wanted) return;
    if (wanted.min !== undefined && base?.min !== undefined && wanted.min < base.min) {
      problems.push({
        field: `overrides.${key}.min`,
        message: `${wanted.min} is below the ${profile.id} profile's minimum ${base.min}; an override may only narrow a limit`,
      });
    }
    if (wanted.max !== undefined && base?.max !== undefined && wanted.max > base.max) {
      problems.push({
        field: `overrides.${key}.max`,
        message: `${wanted.max} is above the ${profile.id} profile's maximum ${base.max}; an override may only narrow a limit`,
      });
    }
  };
  narrowRange('tempC', profile.tempC, overrides.tempC);
  narrowRange('humidityPct', profile.humidityPct, overrides.humidityPct);
  if (
    overrides.shockMaxG !== undefined &&
    profile.shockMaxG !== undefined &&
    overrides.shockMaxG > profile.shockMaxG
  ) {
    problems.push({
      field: 'overrides.shockMaxG',
      message: `${overrides.shockMaxG} is above the ${profile.id} profile's ${profile.shockMaxG} g; an override may only narrow a limit`,
    });
  }
  if (overrides.excursionMinutes !== undefined && overrides.excursionMinutes > profile.excursionMinutes) {
    problems.push({
      field: 'overrides.excursionMinutes',
      message: `${overrides.excursionMinutes} is longer than the ${profile.id} profile's ${profile.excursionMinutes} minutes; an override may only narrow a limit`,
    });
  }
  if (problems.length > 0) return problems;
  for (const key of ['tempC', 'humidityPct'] as const) {
    const min = overrides[key]?.min ?? profile[key]?.min;
    const max = overrides[key]?.max ?? profile[key]?.max;
    if (min !== undefined && max !== undefined && min > max) {
      problems.push({ field: `overrides.${key}`, message: `minimum ${min} is above maximum ${max}` });
    }
  }
  return problems;
}

/** The profile a shipment is judged by: its cargo profile narrowed by its overrides. */
export function shipmentProfile(profile: CargoProfile, overrides: LimitOverrides): CargoProfile {
  return Object.keys(overrides).length > 0 ? mergeProfile(profile, overrides) : profile;
}

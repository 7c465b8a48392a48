// Magnus formula constants over water — docs/domain.md §5, "Dew point by the Magnus formula" [standard].
const MAGNUS_B = 17.62;
const MAGNUS_C_CELSIUS = 243.12;

/**
 * Dew point of air by the Magnus formula (docs/domain.md §5 [standard]):
 * γ = 17.62·T/(243.12+T) + ln(RH/100), T_d = 243.12·γ/(17.62−γ).
 * Throws RangeError unless the temperature is finite and 0 < RH ≤ 100 (at RH 0 there is no dew point).
 */
export function dewPointC(tempC: number, relativeHumidityPct: number): number {
  if (!Number.isFinite(tempC) || tempC <= -MAGNUS_C_CELSIUS) {
    throw new RangeError(`temperature must be a finite value above −243.12 °C, got ${tempC}`);
  }
  if (!Number.isFinite(relativeHumidityPct) || relativeHumidityPct <= 0 || relativeHumidityPct > 100) {
    throw new RangeError(`relative humidity must be in (0, 100] %, got ${relativeHumidityPct}`);
  }
  const gamma = (MAGNUS_B * tempC) / (MAGNUS_C_CELSIUS + tempC) + Math.log(relativeHumidityPct / 100);
  return (MAGNUS_C_CELSIUS * gamma) / (MAGNUS_B - gamma);
}

/**
 * "Container rain" (GDV Container Handbook, docs/domain.md §5 [C]): water condenses on any surface at or
 * below the dew point of the inside air — on a cold Amur night, the roof and walls of the box.
 * Air at 0 % RH holds no water and cannot condense, so that case is false rather than an error.
 */
export function condensationRisk(insideTempC: number, insideRhPct: number, coldestSurfaceC: number): boolean {
  if (!Number.isFinite(coldestSurfaceC)) {
    throw new RangeError(`surface temperature must be finite, got ${coldestSurfaceC}`);
  }
  if (insideRhPct === 0) return false;
  return coldestSurfaceC <= dewPointC(insideTempC, insideRhPct);
}

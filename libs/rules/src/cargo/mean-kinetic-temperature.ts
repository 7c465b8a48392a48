/** R in kJ/(mol·K) — docs/domain.md §5, mean kinetic temperature [C]. */
const GAS_CONSTANT_KJ_PER_MOL_K = 8.3144e-3;
/** ΔH in kJ/mol, the default activation energy of USP <1160> — docs/domain.md §5 [C]. */
export const MKT_ACTIVATION_ENERGY_KJ_PER_MOL = 83.144;
const KELVIN_AT_ZERO_C = 273.15;

/**
 * Mean kinetic temperature of equally spaced samples (docs/domain.md §5 [C], USP <1160>):
 * T_K = (ΔH/R) / −ln( Σ e^(−ΔH/(R·T_i)) / n ), T in kelvin.
 *
 * The sum is taken as a log-sum-exp (the largest term factored out) so that a large ΔH or a deep
 * Amur frost cannot underflow every e^(…) to 0 and turn the result into nonsense.
 * Throws RangeError on an empty list, a non-finite sample, a sample at or below absolute zero or
 * a non-positive activation energy.
 */
export function meanKineticTemperatureC(
  samplesC: readonly number[],
  activationEnergyKJ: number = MKT_ACTIVATION_ENERGY_KJ_PER_MOL,
): number {
  if (samplesC.length === 0) {
    throw new RangeError('mean kinetic temperature needs at least one sample');
  }
  if (!Number.isFinite(activationEnergyKJ) || activationEnergyKJ <= 0) {
    throw new RangeError(`activation energy must be a positive number of kJ/mol, got ${activationEnergyKJ}`);
  }
  const activationOverRK = activationEnergyKJ / GAS_CONSTANT_KJ_PER_MOL_K; // ΔH/R, in kelvin

  const exponents: number[] = [];
  let largest = -Infinity;
  for (const sampleC of samplesC) {
    if (!Number.isFinite(sampleC) || sampleC <= -KELVIN_AT_ZERO_C) {
      throw new RangeError(`temperature sample must be a finite value above −273.15 °C, got ${sampleC}`);
    }
    const exponent = -activationOverRK / (sampleC + KELVIN_AT_ZERO_C);
    exponents.push(exponent);
    if (exponent > largest) largest = exponent;
  }

  let scaledSum = 0;
  for (const exponent of exponents) scaledSum += Math.exp(exponent - largest);
  const lnMean = largest + Math.log(scaledSum / samplesC.length);
  return activationOverRK / -lnMean - KELVIN_AT_ZERO_C;
}

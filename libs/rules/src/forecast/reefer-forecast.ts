/**
 * A reefer whose unit has stopped drifts towards the outside air by Newton's law of cooling,
 * T(t) = Tₐ + (T₀ − Tₐ)·e^(−t/τ) (docs/domain.md §7, §9). τ is fitted from the container's own
 * recent readings; the time left is when that curve crosses the profile's limit.
 */

const HOUR_MS = 3_600_000;
/** Plausible time constants of a container box: an open steel box to a loaded insulated reefer [design]. */
const TAU_RANGE_H = Object.freeze({ min: 0.25, max: 72 });
/**
 * A working unit keeps the box within about ±0.5 °C of its setpoint as the compressor cycles; a drift
 * of more than 1 °C towards the outside air over the window is a unit that no longer holds [design].
 */
export const REEFER_DRIFT_C = 1;
/** The readings the fit looks at: the last hour [design]. */
export const REEFER_FIT_WINDOW_MS = HOUR_MS;

export interface TemperatureSample {
  ts: number;
  tempC: number;
}

export interface ReeferFit {
  tauHours: number;
  ambientC: number;
  /** Root-mean-square misfit of the readings, °C. */
  rmsC: number;
}

/**
 * Fits τ of T(t) = Tₐ + B·e^(−t/τ) with the outside temperature Tₐ known: for each τ the best B is
 * a least-squares line through the origin, and τ is searched on a log scale then refined. Undefined
 * when the readings do not drift towards the outside air by REEFER_DRIFT_C or no τ in range fits.
 */
export function fitNewtonCooling(
  samples: readonly TemperatureSample[],
  ambientC: number,
): ReeferFit | undefined {
  const sorted = [...samples].sort((a, b) => a.ts - b.ts);
  if (sorted.length < 4) return undefined;
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const towards = Math.sign(ambientC - first.tempC);
  if (towards === 0 || (last.tempC - first.tempC) * towards < REEFER_DRIFT_C) return undefined;
  const misfit = (tauHours: number) => {
    let sxy = 0;
    let sxx = 0;
    const xs = sorted.map((s) => Math.exp(-(s.ts - first.ts) / HOUR_MS / tauHours));
    sorted.forEach((s, i) => {
      sxy += xs[i] * (s.tempC - ambientC);
      sxx += xs[i] * xs[i];
    });
    const b = sxy / sxx;
    const sse = sorted.reduce((sum, s, i) => sum + (ambientC + b * xs[i] - s.tempC) ** 2, 0);
    return sse / sorted.length;
  };
  let best = TAU_RANGE_H.min;
  for (let tau = TAU_RANGE_H.min; tau <= TAU_RANGE_H.max; tau *= 1.05)
    if (misfit(tau) < misfit(best)) best = tau;
  // Golden-section refinement within one grid step either side.
  let lo = best / 1.05;
  let hi = best * 1.05;
  for (let i = 0; i < 40; i++) {
    const a = hi - (hi - lo) * 0.618;
    const b = lo + (hi - lo) * 0.618;
    if (misfit(a) < misfit(b)) hi = b;
    else lo = a;
  }
  const tauHours = (lo + hi) / 2;
  if (tauHours <= TAU_RANGE_H.min * 1.01 || tauHours >= TAU_RANGE_H.max / 1.01) return undefined;
  return { tauHours, ambientC, rmsC: Math.sqrt(misfit(tauHours)) };
}

/**
 * Milliseconds from a reading at `tempC` until the curve reaches `limitC`; 0 if already beyond it,
 * undefined if the outside air does not lie beyond the limit (the box never gets there).
 */
export function timeToLimitMs(tempC: number, limitC: number, fit: ReeferFit): number | undefined {
  const gapNow = fit.ambientC - tempC;
  const gapAtLimit = fit.ambientC - limitC;
  if (gapNow === 0 || Math.sign(gapNow) !== Math.sign(gapAtLimit)) return undefined;
  if (Math.abs(gapAtLimit) >= Math.abs(gapNow)) return 0;
  return -fit.tauHours * Math.log(gapAtLimit / gapNow) * HOUR_MS;
}

/** Which of the profile's limits lies between the box and the outside air. */
export function limitTowards(
  tempC: number,
  ambientC: number,
  limits: { min?: number; max?: number },
): { limitC: number; side: 'above' | 'below' } | undefined {
  if (ambientC > tempC && limits.max !== undefined) return { limitC: limits.max, side: 'above' };
  if (ambientC < tempC && limits.min !== undefined) return { limitC: limits.min, side: 'below' };
  return undefined;
}

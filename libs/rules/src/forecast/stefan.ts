/**
 * Ice growth and decay by degree-days (docs/domain.md §9): Stefan's law h = α·√(AFDD) while the air
 * freezes, melt in proportion to the thawing degree-days above 0 °C. Pure arithmetic on hourly air
 * temperatures; thickness is the effective thickness of docs/domain.md §2 throughout.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** An hourly mean of the air temperature at the site, starting at `ts`. */
export interface AirSample {
  ts: number;
  tempC: number;
}

/** A station's effective ice thickness at `ts`, cm. */
export interface ThicknessSample {
  ts: number;
  cm: number;
}

/**
 * α in cm/√(°C·day), bounded by the river rows of the table after Michel (USACE EM 1110-2-1612):
 * a sheltered small river 0.7–1.4, an ordinary river with snow 1.4–1.7 (docs/domain.md §7, §9).
 */
export const STEFAN_ALPHA_RANGE = Object.freeze({ min: 0.7, max: 1.7 });
/** Used until a station has history enough to fit its own: the middle of "river with snow" [design]. */
export const DEFAULT_STEFAN_ALPHA = 1.55;
/** Melt of the ice surface, cm per °C·day above 0 °C (docs/domain.md §9) [design]. */
export const DEFAULT_MELT_CM_PER_DEGREE_DAY = 0.5;
/** Fewer freezing degree-days than this between the first and last sample: too little to fit α [design]. */
const MIN_FIT_FDD = 20;

export interface StefanFit {
  /** The α the forecast uses: fitted and kept inside STEFAN_ALPHA_RANGE, or the default. */
  alpha: number;
  /** The least-squares α before bounding; undefined when there was too little history. */
  fittedAlpha?: number;
  /** The fit hit a bound of the published range, or no fit was possible. */
  bounded: boolean;
  /** Samples the fit used. */
  samples: number;
}

/** Freezing degree-days of an hour at `tempC`: °C·day of frost, 0 above 0 °C. */
export function freezingDegreeDays(tempC: number, hours = 1): number {
  return (Math.max(0, -tempC) * hours) / 24;
}

/** Thawing degree-days of an hour at `tempC`: °C·day above 0 °C. */
export function thawingDegreeDays(tempC: number, hours = 1): number {
  return (Math.max(0, tempC) * hours) / 24;
}

/**
 * One hour of ice at air temperature `tempC`: grows as Stefan's law in its incremental form,
 * h² → h² + α²·FDD (so thicker ice grows slower, as dh/dt = α²·ΔT/(2h)), or melts by
 * `meltCmPerDegreeDay`·TDD. Never below 0.
 */
export function stepIce(
  cm: number,
  tempC: number,
  alpha: number,
  meltCmPerDegreeDay: number,
  hours = 1,
): number {
  if (tempC < 0) return Math.sqrt(cm * cm + alpha * alpha * freezingDegreeDays(tempC, hours));
  return Math.max(0, cm - meltCmPerDegreeDay * thawingDegreeDays(tempC, hours));
}

/**
 * Fits α for one station from its own history: h² = h₀² + α²·F(t), with F the freezing degree-days
 * accumulated since the first sample, is a straight line in F whose slope is α². Only the samples
 * before the first thaw hour count (melt is not growth). The result is kept inside the published
 * range; without history enough (MIN_FIT_FDD) the default α is used.
 */
export function fitStefanAlpha(thickness: readonly ThicknessSample[], air: readonly AirSample[]): StefanFit {
  const samples = [...thickness].sort((a, b) => a.ts - b.ts);
  const hours = [...air].sort((a, b) => a.ts - b.ts);
  const points: { f: number; h2: number }[] = [];
  let f = 0;
  let hour = 0;
  const start = samples[0]?.ts ?? 0;
  while (hour < hours.length && hours[hour].ts + HOUR_MS <= start) hour++;
  for (const sample of samples) {
    let thawed = false;
    for (; hour < hours.length && hours[hour].ts + HOUR_MS <= sample.ts; hour++) {
      if (hours[hour].tempC > 0) thawed = true;
      f += freezingDegreeDays(hours[hour].tempC);
    }
    if (thawed) break;
    points.push({ f, h2: sample.cm * sample.cm });
  }
  const fallback = { alpha: DEFAULT_STEFAN_ALPHA, bounded: true, samples: points.length };
  if (points.length < 3 || points[points.length - 1].f - points[0].f < MIN_FIT_FDD) return fallback;
  const slope = leastSquaresSlope(points.map((p) => [p.f, p.h2]));
  if (!(slope > 0)) return fallback;
  const fittedAlpha = Math.sqrt(slope);
  const alpha = Math.min(STEFAN_ALPHA_RANGE.max, Math.max(STEFAN_ALPHA_RANGE.min, fittedAlpha));
  return { alpha, fittedAlpha, bounded: alpha !== fittedAlpha, samples: points.length };
}

/** Slope of the least-squares line through (x, y) pairs. */
export function leastSquaresSlope(pairs: readonly (readonly [number, number])[]): number {
  const n = pairs.length;
  const meanX = pairs.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = pairs.reduce((sum, [, y]) => sum + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of pairs) {
    sxy += (x - meanX) * (y - meanY);
    sxx += (x - meanX) * (x - meanX);
  }
  return sxx > 0 ? sxy / sxx : Number.NaN;
}

export const ONE_HOUR_MS = HOUR_MS;
export const ONE_DAY_MS = DAY_MS;

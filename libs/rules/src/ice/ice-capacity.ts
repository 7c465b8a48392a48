/**
 * Ice bearing capacity (docs/domain.md §2): effective thickness, Gold's formula and the thaw derating.
 * Pure arithmetic; the crossing status (crossing-status.ts) decides what the numbers mean.
 */

/**
 * Effective thickness of a cover of `totalCm`, of which `whiteIceCm` is white (snow) ice.
 * White ice counts half: h_eff = h_clear + ½·h_white.
 * Source: docs/domain.md §2, effective thickness: white ice counts half (Norwegian Labour Inspectorate;
 *   Canadian Red Cross; Amur МЧС) [C]
 * A white layer is clamped to [0, total]: a white reading thicker than the whole cover (two sensors
 * read at different times) cannot make the ice thicker, and a negative one cannot either.
 * A negative total (or one that is not a number) counts as no ice.
 */
export function effectiveThicknessCm(totalCm: number, whiteIceCm = 0): number {
  const total = totalCm > 0 ? totalCm : 0;
  // A white reading that is not a number is taken as all white: never count unknown ice as clear.
  const white = Number.isNaN(whiteIceCm) ? total : Math.min(Math.max(0, whiteIceCm), total);
  const clear = total - white;
  return clear + white / 2;
}

/**
 * Gold's allowable load P = A·h² (P in kg, h in cm, A in kg/cm²), returned in tonnes.
 * Source: docs/domain.md §2, Gold (1971) [C]
 */
export function allowedLoadTonnes(effectiveCm: number, goldA: number): number {
  if (!(effectiveCm > 0)) return 0;
  return (goldA * effectiveCm * effectiveCm) / 1000;
}

/**
 * The thickness Gold's formula asks for a load: h = √(1000·P_t / A).
 * Source: docs/domain.md §2, required thickness [D]: 20 t → 71 cm, 40 t → 100 cm at A = 4
 */
export function requiredThicknessCm(loadTonnes: number, goldA: number): number {
  if (!(loadTonnes > 0)) return 0;
  return Math.sqrt((1000 * loadTonnes) / goldA);
}

export interface ThawDerating {
  /** Multiplies the required thickness (k of the Russian table). */
  thicknessFactor: number;
  /** Multiplies the allowed load: 1/k², since P grows with h². */
  capacityFactor: number;
  /** Which row applied, in words, for the crossing's reasons. */
  row: string;
}

/**
 * Derating for warm weather from the Russian diving-works table (docs/domain.md §2 [S]):
 *   −5 °C → required thickness × 1.1;  0 °C → × 1.4;  above 0 °C → × 1.5;  capacity × 1/k² [D].
 *
 * The table gives three points, not brackets. We use a step function that applies, inside each
 * bracket, the worse of its two rows [design]:
 *   mean ≤ −10 °C        → k = 1.0 (no derating: cold enough that the table does not apply)
 *   −10 °C < mean ≤ −5 °C → k = 1.1 (the −5 °C row)
 *   −5 °C < mean ≤ 0 °C   → k = 1.4 (the 0 °C row)
 *   mean > 0 °C          → k = 1.5 (the above-0 °C row)
 * No air temperature (undefined or not a number) → the worst row, k = 1.5: missing data never
 * makes the ice look stronger (docs/domain.md §4, fail safe [design]).
 */
export function thawDerating(meanAirTemp3dC: number | undefined): ThawDerating {
  // docs/domain.md §4, a silent sensor is unknown, never "still fine" [design]: unknown weather is a thaw.
  if (meanAirTemp3dC === undefined || !Number.isFinite(meanAirTemp3dC)) {
    return derating(1.5, 'above-0 °C row, assumed: no air temperature data (fail safe)');
  }
  // [design]: the table starts at −5 °C; at −10 °C and colder it is not applied.
  if (meanAirTemp3dC <= -10) return derating(1, '−10 °C or colder: no derating');
  // docs/domain.md §2, derating table, −5 °C row [S]
  if (meanAirTemp3dC <= -5) return derating(1.1, '−5 °C row (mean above −10 °C, up to −5 °C)');
  // docs/domain.md §2, derating table, 0 °C row [S]
  if (meanAirTemp3dC <= 0) return derating(1.4, '0 °C row (mean above −5 °C, up to 0 °C)');
  // docs/domain.md §2, derating table, above-0 °C row [S]
  return derating(1.5, 'above-0 °C row (mean above 0 °C)');
}

function derating(thicknessFactor: number, row: string): ThawDerating {
  return { thicknessFactor, capacityFactor: 1 / (thicknessFactor * thicknessFactor), row };
}

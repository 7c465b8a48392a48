import { GRID_MS, type Weather } from './weather';

const DAY_MS = 86_400_000;
/** Densities, kg/m³: snow on river ice [design, typical settled snow], ice, fresh water. */
const SNOW_DENSITY = 300;
const ICE_DENSITY = 917;
const WATER_DENSITY = 1000;
/** Surface melt above 0 °C, cm per °C·day [design: degree-day melt of bare ice is 0.5–1 cm]. */
const MELT_CM_PER_DEGREE_DAY = 0.5;
/** Flooded snow freezes into white ice at about half its depth [design]. */
const SNOW_TO_WHITE_ICE = 0.5;

export interface IceState {
  /** Total thickness, clear + white, cm. */
  thicknessCm: number;
  whiteIceCm: number;
  snowDepthCm: number;
  /** Mid-depth ice temperature, °C: halfway between the surface (air) and the water (0 °C). */
  iceTempC: number;
}

/**
 * One station's ice on the 10-minute weather grid.
 *
 * - Growth by Stefan's law h = α·√(FDD) (Stefan 1891; α from Michel 1971: about 1.4–1.7 for
 *   rivers with snow, 2.7 for windy bare lakes), stepped as dh = α²·(−T_air)·dt / (2h): the
 *   thicker the ice, the slower it grows. Late-winter Amur ice is ~80–120 cm (docs/domain.md §1).
 * - Above 0 °C the surface melts by degree-days (MELT_CM_PER_DEGREE_DAY).
 * - Snow loads the ice; when it pushes the surface below the water line
 *   (ρ_snow·h_snow > (ρ_water − ρ_ice)·h_ice) the excess floods, and the slush freezes into white
 *   ice, which counts half for bearing capacity (docs/domain.md §2).
 */
export function simulateIce(
  weather: Weather,
  durationMs: number,
  initial: { thicknessCm: number; whiteIceCm: number; snowDepthCm: number },
  stefanCoefficient: number,
): IceState[] {
  const states: IceState[] = [];
  let h = initial.thicknessCm;
  let white = Math.min(initial.whiteIceCm, h);
  let snow = initial.snowDepthCm;
  const dtDays = GRID_MS / DAY_MS;
  for (let t = 0; t <= durationMs + GRID_MS; t += GRID_MS) {
    const air = weather.airTempC(t);
    states.push({ thicknessCm: h, whiteIceCm: white, snowDepthCm: snow, iceTempC: Math.min(0, air) / 2 });
    if (air < 0) {
      // A floor of 1 cm keeps the first step of fresh ice finite.
      h += (stefanCoefficient ** 2 * -air * dtDays) / (2 * Math.max(h, 1));
    } else {
      const melt = MELT_CM_PER_DEGREE_DAY * air * dtDays;
      h = Math.max(0, h - melt);
      white = Math.max(0, Math.min(white - melt, h));
      snow = Math.max(0, snow - 2 * melt);
    }
    snow += weather.snowfallCm(t, t + GRID_MS);
    const floodsAbove = ((WATER_DENSITY - ICE_DENSITY) * h) / SNOW_DENSITY;
    if (snow > floodsAbove) {
      const excess = snow - floodsAbove;
      snow -= excess;
      white += excess * SNOW_TO_WHITE_ICE;
      h += excess * SNOW_TO_WHITE_ICE;
    }
  }
  return states;
}

/** The state at `simMs` (the grid step at or before it). */
export function iceAt(states: IceState[], simMs: number): IceState {
  return states[Math.min(states.length - 1, Math.max(0, Math.floor(simMs / GRID_MS)))];
}

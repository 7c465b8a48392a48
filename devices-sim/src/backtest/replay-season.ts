import {
  allowedLoadTonnes,
  effectiveThicknessCm,
  forecastIce,
  thawDerating,
  type AirSample,
  type ThicknessSample,
} from '@jct/rules';
import { iceAt, simulateIce } from '../physics/ice';
import { Random, round } from '../physics/prng';
import { Weather } from '../physics/weather';
import type { WeatherPlan } from '../scenario/schema';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** The horizons the backtest reports, hours. */
export const BACKTEST_HORIZONS = [24, 48, 72] as const;
/** Gold's A of the site (docs/domain.md §2). */
const GOLD_A = 4;
/** Ultrasonic gauges read with about ±1–2 cm of noise (docs/domain.md §4). */
const GAUGE_NOISE_CM = 1.5;

export interface SeasonSpec {
  name: string;
  days: number;
  weather: WeatherPlan;
  ice: { thicknessCm: number; whiteIceCm: number; snowDepthCm: number; stefanCoefficient: number };
  /** The forecast starts once this much history exists, and again every `everyHours`. */
  warmUpDays: number;
  everyHours: number;
}

export interface HorizonError {
  hours: number;
  forecasts: number;
  maeCm: number;
  maeTonnes: number;
  /** How often the truth fell inside the band. */
  insideBandPct: number;
}

/**
 * Replays one simulated season (the simulator's weather and ice physics, hourly gauge readings
 * with noise) and forecasts from each origin as the service would, with only the data before it;
 * then compares with what the season did. No outside forecast: the air ahead is the trend.
 */
export function replaySeason(spec: SeasonSpec, seed: number): HorizonError[] {
  const start = Date.UTC(2025, 10, 20);
  const durationMs = spec.days * DAY_MS;
  const weather = new Weather(spec.weather, start, durationMs, seed);
  const states = simulateIce(weather, durationMs, spec.ice, spec.ice.stefanCoefficient);
  const random = Random.stream(seed, 'gauge');
  const air: AirSample[] = [];
  const readings: ThicknessSample[] = [];
  const truthCm: number[] = [];
  for (let hour = 0; hour * HOUR_MS <= durationMs; hour++) {
    const sim = hour * HOUR_MS;
    const state = iceAt(states, sim);
    const cm = effectiveThicknessCm(state.thicknessCm, state.whiteIceCm);
    truthCm.push(cm);
    air.push({ ts: start + sim, tempC: weather.airTempC(sim + HOUR_MS / 2) });
    readings.push({ ts: start + sim, cm: round(cm + random.gaussian(GAUGE_NOISE_CM)) });
  }
  const mean3d = (hour: number) => {
    const window = air.slice(Math.max(0, hour - 72), hour);
    return window.reduce((s, a) => s + a.tempC, 0) / window.length;
  };
  const truthTonnes = (hour: number) =>
    allowedLoadTonnes(truthCm[hour], GOLD_A) * thawDerating(mean3d(hour)).capacityFactor;
  const errors = BACKTEST_HORIZONS.map((hours) => ({
    hours,
    cm: [] as number[],
    t: [] as number[],
    inside: 0,
  }));
  const lastOrigin = spec.days * 24 - 72;
  for (let origin = spec.warmUpDays * 24; origin <= lastOrigin; origin += spec.everyHours) {
    const now = start + origin * HOUR_MS;
    const forecast = forecastIce({
      stations: [{ stationId: 'ICE-1', thickness: readings.slice(0, origin + 1) }],
      air: air.slice(0, origin),
      now,
      goldA: GOLD_A,
      minOpenTonnes: 5,
    });
    for (const error of errors) {
      const point = forecast.points[error.hours];
      const at = origin + error.hours;
      error.cm.push(Math.abs(point.effectiveThicknessCm.mid - truthCm[at]));
      error.t.push(Math.abs(point.allowedTonnes.mid - truthTonnes(at)));
      const band = point.effectiveThicknessCm;
      if (band.low <= truthCm[at] && truthCm[at] <= band.high) error.inside += 1;
    }
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  return errors.map((e) => ({
    hours: e.hours,
    forecasts: e.cm.length,
    maeCm: round(mean(e.cm), 2),
    maeTonnes: round(mean(e.t), 2),
    insideBandPct: round((100 * e.inside) / e.cm.length, 1),
  }));
}

import { stepIce, type AirSample, type ThicknessSample } from './stefan';

const HOUR_MS = 3_600_000;

/**
 * A season made by the model itself, for tests and the backtest's smoke run: hourly air temperature
 * from `airAt`, ice stepped by Stefan's law with a known α, gauge readings every `everyHours` with
 * deterministic noise of ±`noiseCm`.
 */
export function syntheticSeason(options: {
  start: number;
  hours: number;
  alpha: number;
  startCm: number;
  airAt: (hour: number) => number;
  everyHours?: number;
  noiseCm?: number;
  meltCmPerDegreeDay?: number;
  seed?: number;
}): { air: AirSample[]; truth: ThicknessSample[]; readings: ThicknessSample[] } {
  const every = options.everyHours ?? 6;
  const noise = options.noiseCm ?? 0;
  let state = options.seed ?? 17;
  // A linear congruential generator: the same season every run.
  const uniform = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const air: AirSample[] = [];
  const truth: ThicknessSample[] = [];
  const readings: ThicknessSample[] = [];
  let cm = options.startCm;
  for (let hour = 0; hour <= options.hours; hour++) {
    const ts = options.start + hour * HOUR_MS;
    truth.push({ ts, cm });
    if (hour % every === 0)
      readings.push({ ts, cm: Math.round((cm + (uniform() * 2 - 1) * noise) * 10) / 10 });
    const tempC = options.airAt(hour);
    air.push({ ts, tempC });
    cm = stepIce(cm, tempC, options.alpha, options.meltCmPerDegreeDay ?? 0.5);
  }
  return { air, truth, readings };
}

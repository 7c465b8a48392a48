import type { WeatherPlan } from '../scenario/schema';
import { Random } from './prng';

/** The weather is computed on a 10-minute grid and interpolated in between. */
export const GRID_MS = 600_000;
const HOUR_MS = 3_600_000;
/** Jalinda keeps UTC+9 all year, no DST (docs/domain.md §0). */
const LOCAL_OFFSET_HOURS = 9;
/** Thaw spells come and go over six hours rather than in a step [design]. */
const THAW_RAMP_MS = 6 * HOUR_MS;
/** Correlation of the weather's random walk from one 10-minute step to the next [design]. */
const NOISE_CORRELATION = 0.9;

/**
 * Air temperature over the scenario: a daily cycle (coldest at 03:00, warmest at 15:00 local time)
 * around the scenario's mean, thaw spells that lift the mean, and a correlated random walk. Amur
 * winters are routinely −40 °C and colder (docs/domain.md §1); the scenario picks the numbers.
 */
export class Weather {
  private readonly grid: number[];

  constructor(
    private readonly plan: WeatherPlan,
    private readonly startMs: number,
    durationMs: number,
    seed: number,
  ) {
    const random = Random.stream(seed, 'weather');
    const steps = Math.ceil(durationMs / GRID_MS) + 2;
    this.grid = [];
    let noise = 0;
    const innovation = plan.noiseC * Math.sqrt(1 - NOISE_CORRELATION ** 2);
    for (let i = 0; i < steps; i++) {
      noise = NOISE_CORRELATION * noise + random.gaussian(innovation);
      this.grid.push(this.cycle(i * GRID_MS) + noise);
    }
  }

  /** Air temperature, °C, at simulated time `simMs`. */
  airTempC(simMs: number): number {
    const at = Math.max(0, simMs) / GRID_MS;
    const i = Math.min(Math.floor(at), this.grid.length - 2);
    const f = at - i;
    return this.grid[i] * (1 - f) + this.grid[i + 1] * f;
  }

  /** Fresh snow, cm, that fell in (fromMs, toMs]. */
  snowfallCm(fromMs: number, toMs: number): number {
    return this.plan.snowfall.filter((s) => s.at > fromMs && s.at <= toMs).reduce((sum, s) => sum + s.cm, 0);
  }

  /** The mean the cycle swings around at `simMs`: the winter mean, or a thaw spell's. */
  meanC(simMs: number): number {
    let mean = this.plan.airTempC;
    for (const spell of this.plan.thaw) {
      const ramp = Math.min(THAW_RAMP_MS, (spell.to - spell.from) / 2);
      const weight =
        simMs <= spell.from || simMs >= spell.to
          ? 0
          : Math.min(1, (simMs - spell.from) / ramp, (spell.to - simMs) / ramp);
      mean = mean + (spell.airTempC - mean) * weight;
    }
    return mean;
  }

  private cycle(simMs: number): number {
    const localHour = ((this.startMs + simMs) / HOUR_MS + LOCAL_OFFSET_HOURS) % 24;
    // sin peaks 6 h after its zero: zero at 09:00, warmest at 15:00, coldest at 03:00.
    return this.meanC(simMs) + this.plan.dailyAmplitudeC * Math.sin((2 * Math.PI * (localHour - 9)) / 24);
  }
}

import { leastSquaresSlope, type AirSample } from './stefan';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** The trend is read from the last 3 days, the span of the thaw derating's mean (docs/domain.md §2). */
const TREND_WINDOW_MS = 3 * DAY_MS;
/** Weather turns: a trend is not followed faster than 2 °C a day nor further than 6 °C [design]. */
const MAX_TREND_C_PER_DAY = 2;
const MAX_TREND_SHIFT_C = 6;

/**
 * The air temperature of each hour from the hour of `now` on, `hours` of them: an outside forecast
 * where one covers the hour, otherwise the mean of the last 24 hours carried on along the trend of
 * the last 3 days, damped (docs/domain.md §9). Undefined without any history.
 */
export function projectAirTemperature(
  history: readonly AirSample[],
  forecast: readonly AirSample[],
  now: number,
  hours: number,
): number[] | undefined {
  const past = history.filter((s) => s.ts <= now && s.ts > now - TREND_WINDOW_MS);
  const byHour = new Map(forecast.map((s) => [hourOf(s.ts), s.tempC]));
  if (past.length === 0 && byHour.size === 0) return undefined;
  const lastDay = past.filter((s) => s.ts > now - DAY_MS);
  const base = mean((lastDay.length > 0 ? lastDay : past).map((s) => s.tempC));
  const slope = past.length >= 24 ? clamp(trendPerDay(past), MAX_TREND_C_PER_DAY) : 0;
  const start = hourOf(now);
  const result: number[] = [];
  let last = base ?? forecast[0].tempC;
  for (let h = 0; h < hours; h++) {
    const ts = start + h * HOUR_MS;
    const outside = byHour.get(ts);
    if (outside !== undefined) {
      last = outside;
      result.push(outside);
    } else if (base !== undefined) {
      // Half a day back is the middle of the 24-h mean the projection starts from.
      const days = (ts - (now - DAY_MS / 2)) / DAY_MS;
      result.push(base + clamp(slope * days, MAX_TREND_SHIFT_C));
    } else {
      result.push(last); // only a feed: its last hour carries on
    }
  }
  return result;
}

function hourOf(ts: number): number {
  return Math.floor(ts / HOUR_MS) * HOUR_MS;
}

function mean(values: number[]): number | undefined {
  return values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : undefined;
}

function clamp(value: number, bound: number): number {
  return Math.max(-bound, Math.min(bound, value));
}

/** °C per day of the least-squares line through the samples. */
function trendPerDay(samples: readonly AirSample[]): number {
  const slope = leastSquaresSlope(samples.map((s) => [s.ts / DAY_MS, s.tempC] as const));
  return Number.isFinite(slope) ? slope : 0;
}

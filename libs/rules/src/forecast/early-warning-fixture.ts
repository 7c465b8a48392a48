import type { RuleVerdict } from '../alerts/rule-verdict';
import { batteryForecastVerdict, capacityForecastVerdict, reeferForecastVerdict } from './early-warnings';
import { forecastIce } from './ice-forecast';
import { syntheticSeason } from './synthetic-season';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** A thaw season at `t0`: `startCm` of ice (100 cm: 40 t at A = 4) after three days at −20 °C, then +4 °C ahead. */
export function thawForecast(t0: number, aheadC = 4, startCm = 100) {
  const season = syntheticSeason({
    start: t0 - 72 * HOUR_MS,
    hours: 72,
    alpha: 1.5,
    startCm,
    airAt: () => -20,
  });
  return forecastIce({
    stations: [{ stationId: 'ICE-1', thickness: season.readings }],
    air: season.air,
    airForecast: Array.from({ length: 72 }, (_, h) => ({ ts: t0 + h * HOUR_MS, tempC: aheadC })),
    now: t0,
    goldA: 4,
    minOpenTonnes: 5,
  });
}

/** Readings of a reefer box by Newton's law every 2 minutes over `minutes`. */
export function newtonReadings(
  t0: number,
  from: { tempC: number; ambientC: number; tauHours: number },
  minutes: number,
) {
  return Array.from({ length: minutes / 2 + 1 }, (_, i) => ({
    ts: t0 + i * 2 * MINUTE_MS,
    tempC: from.ambientC + (from.tempC - from.ambientC) * Math.exp(-(i * 2) / 60 / from.tauHours),
  }));
}

/** Every early warning, breached and clear: for the catalogue's and the renderers' tests. */
export function earlyWarningExamples(t0: number): RuleVerdict[] {
  const thaw = thawForecast(t0);
  const cold = thawForecast(t0, -25);
  const crossing = { crossingId: 'ice', postedTonnes: 40 };
  const apples = { name: 'apples', tempC: { min: -1, max: 4 } };
  const reefer = { deviceId: 'C1', isoNumber: 'MSKU1234565', profile: apples, ambientC: -25 };
  const failing = newtonReadings(t0, { tempC: 2, ambientC: -25, tauHours: 10 }, 30);
  const steady = failing.map((r) => ({ ...r, tempC: 1.5 }));
  const draining = [0, 1, 2, 3, 4].map((h) => ({ ts: t0 + h * HOUR_MS, pct: 10 - 2 * h }));
  const tracker = { deviceId: 'C1', isoNumber: 'MSKU1234565' };
  const end = t0 + 4 * HOUR_MS;
  return [
    capacityForecastVerdict(crossing, thaw, t0)!,
    capacityForecastVerdict(crossing, cold, t0)!,
    reeferForecastVerdict({ ...reefer, samples: failing }, t0 + 30 * MINUTE_MS)!,
    reeferForecastVerdict({ ...reefer, samples: steady }, t0 + 30 * MINUTE_MS)!,
    batteryForecastVerdict({ ...tracker, plannedArrival: end + 10 * HOUR_MS }, draining, end)!,
    batteryForecastVerdict({ ...tracker, plannedArrival: end + HOUR_MS }, draining, end)!,
  ];
}

import { reason, type AlertReason, type RuleId, type Side } from '../catalogue';
import { verdict, type RuleVerdict } from '../alerts/rule-verdict';
import type { IceForecast } from './ice-forecast';
import { fitNewtonCooling, limitTowards, timeToLimitMs, type TemperatureSample } from './reefer-forecast';
import { batteryHoursLeft, type BatterySample } from './battery-forecast';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
/** How far ahead a fall of capacity is told to the operators: two days to re-post and re-plan [design]. */
export const CAPACITY_WARNING_HOURS = 48;
/**
 * How long a cargo owner needs to act on a failing reefer (reach it, plug it in at the checkpoint)
 * when its profile does not say: 60 minutes [design].
 */
export const DEFAULT_REACTION_MINUTES = 60;
/** Without a planned arrival, a tracker is warned about if it runs out within a day [design]. */
export const DEFAULT_BATTERY_HORIZON_HOURS = 24;
/** Early warnings resolve only after this long clear, so a noisy fit does not flap [design]. */
const CLEAR_FOR_MS = 5 * MINUTE_MS;

/**
 * Capacity projected to fall below the posted load within CAPACITY_WARNING_HOURS while it carries it
 * now — "now" being the forecast's first hour, on device time like the other ice rules, so a replayed
 * or late season is judged as it happened. Undefined when there is no forecast (the status, not the
 * forecast, speaks for missing data).
 */
export function capacityForecastVerdict(
  crossing: { crossingId: string; postedTonnes: number },
  forecast: IceForecast,
  now: number,
): RuleVerdict | undefined {
  if (forecast.points.length === 0) return undefined;
  const { crossingId, postedTonnes } = crossing;
  const allowedNowTonnes = forecast.points[0].allowedTonnes.mid;
  const below = forecast.points.find(
    (p) => p.ts <= now + CAPACITY_WARNING_HOURS * HOUR_MS && p.allowedTonnes.mid < postedTonnes,
  );
  const breached = allowedNowTonnes >= postedTonnes && below !== undefined;
  return earlyWarning(
    'ice.capacity-forecast',
    crossingId,
    now,
    breached,
    below?.allowedTonnes.mid,
    breached && below
      ? reason('forecast.capacity-below', {
          crossingId,
          projectedTonnes: below.allowedTonnes.mid,
          postedTonnes,
          inHours: Math.max(0, Math.round((below.ts - now) / HOUR_MS)),
        })
      : reason('forecast.capacity-holds', { crossingId, postedTonnes, hours: CAPACITY_WARNING_HOURS }),
  );
}

export interface ReeferWatch {
  deviceId: string;
  isoNumber: string;
  profile: { name: string; tempC?: { min?: number; max?: number }; reactionMinutes?: number };
  /** The last REEFER_FIT_WINDOW_MS of readings, the newest last. */
  samples: readonly TemperatureSample[];
  ambientC?: number;
}

/** A reefer whose drift towards the outside air will cross its limit within the profile's reaction time. */
export function reeferForecastVerdict(watch: ReeferWatch, ts: number): RuleVerdict | undefined {
  const newest = watch.samples[watch.samples.length - 1];
  if (!newest || watch.ambientC === undefined || !watch.profile.tempC) return undefined;
  const reactionMs = (watch.profile.reactionMinutes ?? DEFAULT_REACTION_MINUTES) * MINUTE_MS;
  const limit = limitTowards(newest.tempC, watch.ambientC, watch.profile.tempC);
  const fit = limit && fitNewtonCooling(watch.samples, watch.ambientC);
  const leftMs = fit && limit ? timeToLimitMs(newest.tempC, limit.limitC, fit) : undefined;
  const breached = leftMs !== undefined && leftMs <= reactionMs;
  const container = watch.isoNumber;
  const minutesLeft = leftMs !== undefined ? leftMs / MINUTE_MS : undefined;
  return earlyWarning(
    'cargo.temp-forecast',
    watch.deviceId,
    ts,
    breached,
    minutesLeft,
    breached && fit && limit
      ? reason('forecast.reefer-limit', {
          container,
          tempC: newest.tempC,
          limitC: limit.limitC,
          side: limit.side as Side,
          minutes: Math.round(leftMs / MINUTE_MS),
          ambientC: fit.ambientC,
          tauHours: fit.tauHours,
          profile: watch.profile.name,
        })
      : reason('forecast.reefer-holds', { container, reactionMinutes: reactionMs / MINUTE_MS }),
  );
}

/** A tracker whose battery will run out before the shipment's planned arrival (or within a day). */
export function batteryForecastVerdict(
  tracker: { deviceId: string; isoNumber: string; plannedArrival?: number; aheadTempC?: number },
  samples: readonly BatterySample[],
  ts: number,
): RuleVerdict | undefined {
  const newest = samples[samples.length - 1];
  if (!newest) return undefined;
  const untilMs =
    tracker.plannedArrival !== undefined
      ? tracker.plannedArrival - ts
      : DEFAULT_BATTERY_HORIZON_HOURS * HOUR_MS;
  const hoursLeft = batteryHoursLeft(samples, tracker.aheadTempC);
  const hoursToArrival = untilMs / HOUR_MS;
  const breached = hoursLeft !== undefined && untilMs > 0 && hoursLeft < hoursToArrival;
  const container = tracker.isoNumber;
  return earlyWarning(
    'device.battery-forecast',
    tracker.deviceId,
    ts,
    breached,
    hoursLeft,
    breached && hoursLeft !== undefined
      ? reason('forecast.battery-empty', {
          container,
          batteryPct: newest.pct,
          hoursLeft,
          hoursToArrival,
          planned: tracker.plannedArrival !== undefined,
        })
      : reason('forecast.battery-lasts', { container }),
  );
}

/** An early warning's verdict: slow to clear, so a noisy fit does not flap. */
function earlyWarning(
  ruleId: RuleId,
  subjectId: string,
  ts: number,
  breached: boolean,
  value: number | undefined,
  why: AlertReason,
): RuleVerdict {
  return verdict({ ruleId, subjectId, ts, breached, clearForMs: CLEAR_FOR_MS, value, reason: why });
}

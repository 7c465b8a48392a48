import { Injectable } from '@nestjs/common';
import type { PointBatch } from '@jct/contract';
import {
  BATTERY_FIT_WINDOW_MS,
  CARGO_PROFILES,
  REEFER_FIT_WINDOW_MS,
  batteryForecastVerdict,
  capacityForecastVerdict,
  mergeProfile,
  reeferForecastVerdict,
  type BatterySample,
  type CargoProfile,
  type TemperatureSample,
} from '@jct/rules';
import type { Evaluator, RuleHit } from '../alerts/rule-hit';
import { CrossingMonitor } from '../crossings/crossing-monitor.service';
import { SiteRegistry } from '../site/site-registry';
import { CrossingForecasts } from './crossing-forecasts';

/** Outside air from the crossing's stations counts for a container this long, as for condensation [design]. */
const AMBIENT_FRESH_MS = 3 * 3_600_000;

interface Tracker {
  isoNumber: string;
  profile: CargoProfile;
  plannedArrival?: number;
  /** Frozen goods defrost: an expected rise, not a failing unit (docs/domain.md §9). */
  watchReefer: boolean;
  temps: TemperatureSample[];
  battery: BatterySample[];
}

/**
 * The early warnings (docs/domain.md §9), judged on device time as readings arrive: the crossing's
 * capacity forecast at each thickness reading, a container's reefer and battery at each of its
 * readings. They are alerts of their own; the crossing status never reads them.
 */
@Injectable()
export class ForecastEvaluator implements Evaluator {
  private readonly trackers = new Map<string, Tracker>();

  constructor(
    site: SiteRegistry,
    private readonly monitor: CrossingMonitor,
    private readonly forecasts: CrossingForecasts,
  ) {
    for (const device of site.allDevices().filter((d) => d.kind === 'container')) {
      const asset = site.config.assets.find((a) => a.id === device.asset);
      if (asset?.type !== 'container') continue;
      const base = CARGO_PROFILES[asset.cargoProfile];
      const profile = asset.limits ? mergeProfile(base, asset.limits) : base;
      this.trackers.set(device.id, {
        isoNumber: asset.isoNumber,
        profile,
        plannedArrival: asset.plannedArrival ? Date.parse(asset.plannedArrival) : undefined,
        watchReefer: profile.tempC !== undefined && !profile.defrost,
        temps: [],
        battery: [],
      });
    }
  }

  evaluate(batch: PointBatch): RuleHit[] {
    if (batch.device.kind === 'ice-station') return this.crossing(batch);
    if (batch.device.kind === 'container') return this.container(batch);
    return [];
  }

  private crossing(batch: PointBatch): RuleHit[] {
    const thickness = batch.points.find((p) => p.metric === 'iceThicknessCm');
    const view = this.monitor.crossingOfStation(batch.device.deviceId);
    if (!thickness || !view) return [];
    const forecast = this.forecasts.forecast(view.crossing.id, thickness.ts);
    const crossing = { crossingId: view.crossing.id, postedTonnes: view.rules.designLoadTonnes };
    const hit = forecast && capacityForecastVerdict(crossing, forecast, thickness.ts);
    return hit ? [hit] : [];
  }

  private container(batch: PointBatch): RuleHit[] {
    const { deviceId } = batch.device;
    const tracker = this.trackers.get(deviceId);
    if (!tracker) return [];
    const hits: RuleHit[] = [];
    const ts = Math.max(...batch.points.map((p) => p.ts));
    const ambientC = this.outsideAirC(ts);
    const value = (metric: string) =>
      batch.points.find((p) => p.metric === metric)?.value as number | undefined;
    const tempC = value('tempC');
    if (tempC !== undefined && tracker.watchReefer) {
      tracker.temps = keep(tracker.temps, { ts, tempC }, REEFER_FIT_WINDOW_MS);
      const reefer = { deviceId, isoNumber: tracker.isoNumber, profile: tracker.profile, ambientC };
      const hit = reeferForecastVerdict({ ...reefer, samples: tracker.temps }, ts);
      if (hit) hits.push(hit);
    }
    const pct = value('batteryPct');
    if (pct !== undefined) {
      tracker.battery = keep(tracker.battery, { ts, pct, tempC: ambientC }, BATTERY_FIT_WINDOW_MS);
      const about = {
        deviceId,
        isoNumber: tracker.isoNumber,
        plannedArrival: tracker.plannedArrival,
        aheadTempC: ambientC,
      };
      const hit = batteryForecastVerdict(about, tracker.battery, ts);
      if (hit) hits.push(hit);
    }
    return hits;
  }

  /** The freshest outside air temperature on the crossings near `ts`. */
  private outsideAirC(ts: number): number | undefined {
    const newest = this.monitor
      .iceCrossings()
      .map((view) => view.airTemperature.newest)
      .reduce((a, b) => (b && (!a || b.ts > a.ts) ? b : a), undefined);
    return newest && Math.abs(ts - newest.ts) <= AMBIENT_FRESH_MS ? newest.tempC : undefined;
  }
}

/** Adds a sample in time order and drops those older than the window before the newest. */
function keep<T extends { ts: number }>(samples: T[], sample: T, windowMs: number): T[] {
  const all = [...samples.filter((s) => s.ts !== sample.ts), sample].sort((a, b) => a.ts - b.ts);
  const newest = all[all.length - 1].ts;
  return all.filter((s) => s.ts > newest - windowMs);
}

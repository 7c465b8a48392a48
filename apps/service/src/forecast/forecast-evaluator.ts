import { Injectable } from '@nestjs/common';
import type { PointBatch } from '@jct/contract';
import {
  BATTERY_FIT_WINDOW_MS,
  CARGO_PROFILES,
  REEFER_FIT_WINDOW_MS,
  batteryForecastVerdict,
  capacityForecastVerdict,
  reeferForecastVerdict,
  shipmentProfile,
  type BatterySample,
  type CargoProfile,
  type Shipment,
  type TemperatureSample,
} from '@jct/rules';
import type { Evaluator, RuleHit } from '../alerts/rule-hit';
import { subjectOf } from '../cargo/cargo-evaluator';
import { CrossingMonitor } from '../crossings/crossing-monitor.service';
import { ShipmentBook } from '../shipments/shipment-book';
import { SiteRegistry } from '../site/site-registry';
import { CrossingForecasts } from './crossing-forecasts';

/** Outside air from the crossing's stations counts for a container this long, as for condensation [design]. */
const AMBIENT_FRESH_MS = 3 * 3_600_000;

interface Tracker {
  shipment: Shipment;
  subjectId: string;
  isoNumber: string;
  profile: CargoProfile;
  plannedArrival?: number;
  /** Frozen goods defrost: an expected rise, not a failing unit (docs/domain.md §9). */
  watchReefer: boolean;
  temps: TemperatureSample[];
  battery: BatterySample[];
  outlook?: TrackerOutlook;
}

/** What the forecast says about a tracker at its latest reading: advice, never a status. */
export interface TrackerOutlook {
  at: number;
  /** Minutes until the temperature crosses the profile's limit at the present drift, if it drifts. */
  minutesToLimit?: number;
  /** Hours the battery lasts at its drain, and hours to the planned arrival (or the horizon). */
  batteryHoursLeft?: number;
  hoursToArrival?: number;
}

/**
 * The early warnings (docs/domain.md §9), judged on device time as readings arrive: the crossing's
 * capacity forecast at each thickness reading, a container's reefer and battery at each of its
 * readings. They are alerts of their own; the crossing status never reads them.
 */
@Injectable()
export class ForecastEvaluator implements Evaluator {
  /** By alert subject: a tracker on its next shipment is a new subject and starts clean. */
  private readonly trackers = new Map<string, Tracker>();

  constructor(
    private readonly site: SiteRegistry,
    private readonly monitor: CrossingMonitor,
    private readonly forecasts: CrossingForecasts,
    private readonly book: ShipmentBook,
  ) {}

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
    const ts = Math.max(...batch.points.map((p) => p.ts));
    const shipment = this.book.owning(deviceId, ts);
    if (!shipment) return [];
    const tracker = this.trackerOf(shipment, deviceId);
    const hits: RuleHit[] = [];
    const ambientC = this.outsideAirC(ts);
    const temp = newest(batch, 'tempC');
    const temps =
      temp &&
      tracker.watchReefer &&
      keep(tracker.temps, { ts: temp.ts, tempC: temp.value }, REEFER_FIT_WINDOW_MS);
    if (temps) {
      tracker.temps = temps;
      const reefer = { deviceId, isoNumber: tracker.isoNumber, profile: tracker.profile, ambientC };
      const hit = reeferForecastVerdict({ ...reefer, samples: temps }, temp.ts);
      if (hit) hits.push(hit);
      tracker.outlook = { ...tracker.outlook, at: temp.ts, minutesToLimit: hit?.observation.value };
    }
    const pct = newest(batch, 'batteryPct');
    const battery =
      pct && keep(tracker.battery, { ts: pct.ts, pct: pct.value, tempC: ambientC }, BATTERY_FIT_WINDOW_MS);
    if (battery) {
      tracker.battery = battery;
      const about = {
        deviceId,
        isoNumber: tracker.isoNumber,
        plannedArrival: tracker.plannedArrival,
        aheadTempC: ambientC,
      };
      const hit = batteryForecastVerdict(about, battery, pct.ts);
      if (hit) hits.push(hit);
      tracker.outlook = {
        ...tracker.outlook,
        at: pct.ts,
        batteryHoursLeft: hit?.observation.value,
        hoursToArrival:
          tracker.plannedArrival !== undefined ? (tracker.plannedArrival - pct.ts) / 3_600_000 : undefined,
      };
    }
    // The shipment's alert, as the cargo evaluator makes it: its subject, trigger device and id.
    for (const hit of hits) {
      hit.subjectId = tracker.subjectId;
      hit.shipmentId = shipment.id;
      if (tracker.subjectId !== deviceId) hit.trigger = { ...hit.trigger, deviceId };
    }
    return hits;
  }

  /** The latest outlook of a shipment's tracker, for its journey and its daily report. */
  outlook(shipment: Shipment, deviceId: string): TrackerOutlook | undefined {
    return this.trackers.get(subjectOf(shipment, deviceId))?.outlook;
  }

  /**
   * A tracker's forecast state on a shipment: that shipment's profile with its overrides, and its
   * planned arrival (the last leg's, or the container's in the site configuration).
   */
  private trackerOf(shipment: Shipment, deviceId: string): Tracker {
    const subjectId = subjectOf(shipment, deviceId);
    const existing = this.trackers.get(subjectId);
    // Checked when the shipment was declared or registered: the profile exists and the overrides fit.
    const profile = shipmentProfile(CARGO_PROFILES[shipment.cargoProfile], shipment.overrides);
    const declared = this.site.config.assets.find((a) => a.id === shipment.id);
    const plannedArrival =
      shipment.legs.at(-1)?.arriveAt ??
      (declared?.type === 'container' && declared.plannedArrival
        ? Date.parse(declared.plannedArrival)
        : undefined);
    const facts = {
      shipment,
      subjectId,
      isoNumber: shipment.containerNumber,
      profile,
      plannedArrival,
      watchReefer: profile.tempC !== undefined && !profile.defrost,
    };
    // Edited in transit (narrower overrides, revised legs): the new facts, the samples kept.
    if (existing) return Object.assign(existing, facts);
    const tracker: Tracker = { ...facts, temps: [], battery: [] };
    this.trackers.set(subjectId, tracker);
    return tracker;
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

/**
 * The fits need readings minutes apart: a tracker sending every second (or a backlog replayed at
 * once) would add cost, not information, so a sample this close to one kept is skipped [design].
 */
const SAMPLE_SPACING_MS = 60_000;

/**
 * Adds a sample in time order and drops those older than the window before the newest; undefined
 * when the sample is too close to one already kept (nothing new to judge).
 */
function keep<T extends { ts: number }>(samples: T[], sample: T, windowMs: number): T[] | undefined {
  if (samples.some((s) => Math.abs(s.ts - sample.ts) < SAMPLE_SPACING_MS)) return undefined;
  const last = samples[samples.length - 1];
  const all =
    !last || sample.ts > last.ts ? [...samples, sample] : [...samples, sample].sort((a, b) => a.ts - b.ts);
  const newestTs = all[all.length - 1].ts;
  return all.filter((s) => s.ts > newestTs - windowMs);
}

/** The newest point of a numeric metric in a batch (a batch may hold a backlog of readings). */
function newest(
  batch: PointBatch,
  metric: 'tempC' | 'batteryPct',
): { ts: number; value: number } | undefined {
  let found: { ts: number; value: number } | undefined;
  for (const point of batch.points)
    if (point.metric === metric && typeof point.value === 'number' && (!found || point.ts >= found.ts))
      found = { ts: point.ts, value: point.value };
  return found;
}

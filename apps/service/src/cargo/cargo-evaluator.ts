import { Injectable } from '@nestjs/common';
import type { PointBatch } from '@jct/contract';
import {
  CARGO_PROFILES,
  cargoObservations,
  condensationRisk,
  meanKineticTemperatureC,
  pointInPolygon,
  trackerSilentVerdict,
  warmingVerdict,
  type CargoProfile,
  type CargoReading,
  type LatLon,
  type RuleId,
  type Shipment,
  shipmentProfile,
  TRACKER_SILENT_MS,
  stateAtReading,
  type KnownState,
} from '@jct/rules';
import type { Evaluator, PhaseOf, RuleHit } from '../alerts/rule-hit';
import { CrossingMonitor } from '../crossings/crossing-monitor.service';
import { ShipmentBook } from '../shipments/shipment-book';
import { SiteRegistry } from '../site/site-registry';
import { RiseTracker } from './rise-tracker';
import { TemperatureHistory } from './temperature-history';

/** Temperature and humidity alerts resolve only after this long back in range: no flapping [design]. */
const CLEAR_FOR_MS = 5 * 60_000;
const FLAPPING_RULES = new Set<RuleId>([
  'cargo.temp-high',
  'cargo.temp-low',
  'cargo.humidity-high',
  'cargo.humidity-low',
  'cargo.condensation',
]);
/** Outside air from the crossing's stations counts as the container wall's temperature this long [design]. */
const AMBIENT_FRESH_MS = 3 * 3_600_000;

interface ContainerState {
  deviceId: string;
  /** The alert subject: the tracker, or `<shipment>:<tracker>` for a run-time shipment (see `subjectOf`). */
  subjectId: string;
  shipment: Shipment;
  profile: CargoProfile;
  history?: TemperatureHistory;
  /**
   * Temperature-controlled cargo watched for warming — not frozen goods (defrost cycles are
   * expected rises) nor pharma (its excursions are judged by the mean kinetic temperature).
   */
  rise?: RiseTracker;
  lastSeen?: number;
  position?: LatLon;
  humidityPct?: number;
  /** The door as last reported: held by readings that leave it out (docs/domain.md §8). */
  door?: KnownState<boolean>;
}

/**
 * Cargo condition (docs/domain.md §5): limits of the container's cargo profile with the shipment's
 * overrides, mean kinetic temperature for pharma, condensation against the outside air, door
 * opened outside an inspection zone, battery, and a silent tracker.
 *
 * A reading is judged for the shipment that owns it (its tracker attached, between the shipment's
 * start and end: `ShipmentBook.owning`); a tracker on no journey is not judged. The condition
 * state is per (shipment, tracker): a tracker attached to a new shipment starts clean, and the
 * alerts raised on the old one carry the old shipment's id and stay with it.
 */
@Injectable()
export class CargoEvaluator implements Evaluator {
  private readonly containers = new Map<string, ContainerState>();
  private readonly zones: { id: string; polygon: LatLon[] }[];

  constructor(
    site: SiteRegistry,
    private readonly monitor: CrossingMonitor,
    private readonly book: ShipmentBook,
  ) {
    this.zones = site.config.assets.flatMap((asset) =>
      asset.type === 'inspection-zone' && asset.polygon
        ? [{ id: asset.id, polygon: asset.polygon as LatLon[] }]
        : [],
    );
  }

  evaluate(batch: PointBatch, _phaseOf: PhaseOf): RuleHit[] {
    if (batch.device.kind !== 'container') return [];
    const reading = readingOf(batch);
    const shipment = this.book.owning(batch.device.deviceId, reading.ts);
    if (!shipment) return [];
    const state = this.stateOf(shipment, batch.device.deviceId);
    // Last known state: a reading with only a position is judged with the door as last reported.
    const door = stateAtReading(reading.doorOpen, reading.ts, state.door, TRACKER_SILENT_MS);
    state.door = door.known;
    reading.doorOpen = door.value;
    state.lastSeen = Math.max(state.lastSeen ?? 0, reading.ts);
    if (reading.lat !== undefined && reading.lon !== undefined) state.position = [reading.lat, reading.lon];
    if (reading.humidityPct !== undefined) state.humidityPct = reading.humidityPct;
    if (reading.tempC !== undefined) {
      state.history?.add(reading.ts, reading.tempC);
      state.rise?.add(reading.ts, reading.tempC);
    }

    const samples = state.history?.samples(reading.ts);
    const ambient = this.ambientTempC(reading.ts);
    const observations = cargoObservations(state.profile, reading, {
      label: `container ${state.shipment.containerNumber}`,
      mkt24hC: samples && samples.length > 0 ? meanKineticTemperatureC(samples) : undefined,
      // Dry boxes only: their walls are at the outside temperature ("container rain", GDV). A
      // temperature-controlled (insulated reefer) container's walls are not [design].
      dewPointRisk:
        state.profile.tempC === undefined &&
        reading.tempC !== undefined &&
        state.humidityPct !== undefined &&
        state.humidityPct > 0 &&
        ambient !== undefined
          ? condensationRisk(reading.tempC, state.humidityPct, ambient)
          : undefined,
      // Only the door rule needs the zone. Unknown position → not inside a zone: a door opened where
      // we cannot see is a security event.
      insideInspectionZone:
        reading.doorOpen === true && state.position !== undefined
          ? this.zones.some((zone) => pointInPolygon(state.position!, zone.polygon))
          : false,
    });
    // Made for every rule of every reading: no copies (the observations are ours to extend).
    const hits: RuleHit[] = [];
    for (const observation of observations) {
      const timed = Object.assign(observation, {
        ts: reading.ts,
        clearForMs: FLAPPING_RULES.has(observation.ruleId) ? CLEAR_FOR_MS : 0,
      });
      hits.push(
        ofShipment(state, { ruleId: observation.ruleId, subjectId: state.deviceId, observation: timed }),
      );
    }
    const risePerHourC = reading.tempC !== undefined ? state.rise?.risePerHour(reading.ts) : undefined;
    if (risePerHourC !== undefined) {
      const { deviceId, shipment, profile } = state;
      const container = {
        deviceId,
        isoNumber: shipment.containerNumber,
        ts: reading.ts,
        tempC: reading.tempC!,
        risePerHourC,
      };
      hits.push(ofShipment(state, warmingVerdict(container, profile, CLEAR_FOR_MS)));
    }
    return hits;
  }

  tick(now: number): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const [key, state] of this.containers) {
      // A delivered or cancelled shipment is judged no more, silence included.
      const current = this.book.get(state.shipment.id);
      if (current?.endedAt !== undefined && current.endedAt <= now) {
        this.containers.delete(key);
        continue;
      }
      if (state.lastSeen === undefined) continue; // not on its way yet
      const { deviceId, shipment, lastSeen } = state;
      hits.push(
        ofShipment(
          state,
          trackerSilentVerdict({ deviceId, isoNumber: shipment.containerNumber, lastSeen }, now),
        ),
      );
    }
    return hits;
  }

  /** The condition state of a tracker on a shipment, made at its first owned reading. */
  private stateOf(shipment: Shipment, deviceId: string): ContainerState {
    const subjectId = subjectOf(shipment, deviceId);
    const existing = this.containers.get(subjectId);
    if (existing?.shipment === shipment) return existing;
    // Checked when the shipment was declared or registered: the profile exists and the overrides fit.
    const profile = shipmentProfile(CARGO_PROFILES[shipment.cargoProfile], shipment.overrides);
    const state: ContainerState = {
      deviceId,
      subjectId,
      shipment,
      profile,
      history: profile.mkt ? new TemperatureHistory(profile.mkt.windowHours * 3_600_000) : undefined,
      rise:
        profile.tempC?.max !== undefined && !profile.defrost && !profile.mkt ? new RiseTracker() : undefined,
    };
    if (existing) {
      // Edited in transit (narrower overrides, revised legs): the new limits, the history kept.
      Object.assign(existing, { shipment, profile });
      return existing;
    }
    this.containers.set(subjectId, state);
    return state;
  }

  /** The freshest outside air temperature on the crossings: the cold wall of a container. */
  private ambientTempC(ts: number): number | undefined {
    let best: { ts: number; tempC: number } | undefined;
    for (const view of this.monitor.iceCrossings()) {
      const newest = view.airTemperature.newest;
      if (newest && (!best || newest.ts > best.ts)) best = newest;
    }
    return best && Math.abs(ts - best.ts) <= AMBIENT_FRESH_MS ? best.tempC : undefined;
  }
}

/**
 * The alert subject of a tracker on a shipment. A YAML-declared shipment keeps the tracker's id, as
 * before run-time shipments existed; a run-time one is `<shipment>:<tracker>`, so the same tracker
 * on its next shipment is a new subject whose condition starts clean.
 */
export function subjectOf(shipment: Pick<Shipment, 'id' | 'origin'>, deviceId: string): string {
  return shipment.origin === 'yaml' ? deviceId : `${shipment.id}:${deviceId}`;
}

/** A verdict about the tracker, made the shipment's: its subject, trigger device and shipment id. */
function ofShipment(state: ContainerState, hit: RuleHit): RuleHit {
  hit.subjectId = state.subjectId;
  hit.shipmentId = state.shipment.id;
  if (state.subjectId !== state.deviceId) hit.trigger = { ...hit.trigger, deviceId: state.deviceId };
  return hit;
}

/** The container metrics of one reading, in a fixed-shape object (it is made for every reading). */
function readingOf(batch: PointBatch): CargoReading {
  const reading: CargoReading = {
    ts: 0,
    tempC: undefined,
    humidityPct: undefined,
    shockG: undefined,
    doorOpen: undefined,
    batteryPct: undefined,
    lat: undefined,
    lon: undefined,
  };
  for (const point of batch.points) {
    if (point.ts > reading.ts) reading.ts = point.ts;
    switch (point.metric) {
      case 'tempC':
      case 'humidityPct':
      case 'shockG':
      case 'batteryPct':
      case 'lat':
      case 'lon':
        reading[point.metric] = point.value as number;
        break;
      case 'doorOpen':
        reading.doorOpen = point.value as boolean;
        break;
    }
  }
  return reading;
}

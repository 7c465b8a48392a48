import { Injectable } from '@nestjs/common';
import type { PointBatch } from '@jct/contract';
import {
  DEFAULT_GPS_NOISE_M,
  insideCorridor,
  stationaryForMs,
  withPosition,
  type TrackPoint,
  silentOnIceVerdict,
  trafficVerdicts,
  type IceCrossingNow,
  type VehicleReading,
} from '@jct/rules';
import type { Evaluator, PhaseOf, RuleHit } from '../alerts/rule-hit';
import { CrossingMonitor, type IceCrossingView } from '../crossings/crossing-monitor.service';

interface VehicleState {
  reading?: VehicleReading;
  speedKmh?: number;
  grossMassKg?: number;
  onCrossing?: string;
  /** Recent positions, for "stopped" from displacement over time (docs/domain.md §8). */
  track: TrackPoint[];
}

/** Positions kept per vehicle: longer than any stop maximum the site may set (120 min). */
const TRACK_KEEP_MS = 3 * 3_600_000;

/**
 * Traffic on the ice (docs/domain.md §3): the conditions are libs/rules traffic-conditions.ts; this
 * adapter keeps each vehicle's newest speed, mass and position and finds the crossing it is on.
 */
@Injectable()
export class TrafficEvaluator implements Evaluator {
  private readonly vehicles = new Map<string, VehicleState>();

  constructor(private readonly monitor: CrossingMonitor) {}

  evaluate(batch: PointBatch, _phaseOf: PhaseOf): RuleHit[] {
    if (batch.device.kind !== 'vehicle') return [];
    const vehicleId = batch.device.deviceId;
    const state = this.vehicles.get(vehicleId) ?? { track: [] };
    this.vehicles.set(vehicleId, state);
    let lat: number | undefined;
    let lon: number | undefined;
    let ts = 0;
    for (const point of batch.points) {
      if (point.metric === 'grossMassKg') state.grossMassKg = point.value as number;
      if (point.metric === 'speedKmh') state.speedKmh = point.value as number;
      if (point.metric === 'lat') lat = point.value as number;
      if (point.metric === 'lon') lon = point.value as number;
      ts = Math.max(ts, point.ts);
    }
    if (lat === undefined || lon === undefined) return [];
    // A late position still fills in the track; only the newest is judged.
    state.track = withPosition(state.track, { ts, position: [lat, lon] }, TRACK_KEEP_MS);
    if (state.reading && ts <= state.reading.ts) return []; // an older position: judged already
    const { speedKmh, grossMassKg } = state;
    const view = this.monitor
      .iceCrossings()
      .find((v) => insideCorridor([lat, lon], v.crossing.corridor, v.crossing.corridorWidthM));
    const noiseM = view?.crossing.rules?.gpsNoiseM ?? DEFAULT_GPS_NOISE_M;
    const stationary = stationaryForMs(state.track, noiseM);
    state.reading = {
      vehicleId,
      ts,
      position: [lat, lon],
      speedKmh,
      grossMassKg,
      stationaryForMs: stationary,
    };
    state.onCrossing = view?.crossing.id;
    const others = [...this.vehicles.values()].flatMap((other) =>
      other !== state && other.reading && other.onCrossing === state.onCrossing
        ? [{ ...other.reading, grossMassKg: other.grossMassKg }]
        : [],
    );
    return trafficVerdicts(state.reading, view && crossingNow(view), others);
  }

  /** Vehicles last seen on the ice and silent since, on the service clock like a silent station. */
  tick(now: number): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const [vehicleId, state] of this.vehicles) {
      if (!state.reading) continue;
      const view = this.monitor.iceCrossings().find((v) => v.crossing.id === state.onCrossing);
      hits.push(silentOnIceVerdict({ vehicleId, lastTs: state.reading.ts }, view && crossingNow(view), now));
    }
    return hits;
  }
}

function crossingNow(view: IceCrossingView): IceCrossingNow {
  return {
    crossingId: view.crossing.id,
    state: view.status?.status ?? 'unknown',
    maxGrossTonnes: view.status?.maxGrossTonnes ?? 0,
    waterDepthM: view.crossing.waterDepthM,
    speedLimitKmh: view.crossing.rules?.speedLimitKmh,
    maxStopMinutes: view.crossing.rules?.maxStopMinutes,
  };
}

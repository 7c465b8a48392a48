import { Injectable } from '@nestjs/common';
import type { PointBatch } from '@jct/contract';
import {
  distanceM,
  forbiddenSpeedBand,
  insideCorridor,
  minSpacingM,
  type LatLon,
  type RuleId,
} from '@jct/rules';
import type { Evaluator, PhaseOf, RuleHit } from '../alerts/rule-hit';
import { CrossingMonitor, type IceCrossingView } from '../crossings/crossing-monitor.service';

/** Speed limit on the ice crossing: ОДН 218.010-98 §8.2 (quoted), docs/domain.md §3 [S]. */
const DEFAULT_SPEED_LIMIT_KMH = 20;
/** Stopping on the ice is forbidden (Manitoba; RU rules, docs/domain.md §3); a short halt is tolerated [design]. */
const DEFAULT_MAX_STOP_MINUTES = 2;
const STOPPED_BELOW_KMH = 1;
/** Positions older than this are not used for spacing [design]. */
const FRESH_POSITION_MS = 60_000;

interface VehicleState {
  position?: { at: LatLon; ts: number };
  speedKmh?: number;
  grossMassKg?: number;
  onCrossing?: string;
}

const fmt = (value: number) => String(Math.round(value * 10) / 10);

/**
 * Traffic on the ice (docs/domain.md §3) from vehicles' GPS, speed and mass: a vehicle heavier than the
 * crossing allows now, too fast or in the resonance band, stopped on the ice, too close to the
 * vehicle ahead, or last seen on the ice and silent since.
 */
@Injectable()
export class TrafficEvaluator implements Evaluator {
  private readonly vehicles = new Map<string, VehicleState>();

  constructor(private readonly monitor: CrossingMonitor) {}

  evaluate(batch: PointBatch, _phaseOf: PhaseOf): RuleHit[] {
    if (batch.device.kind !== 'vehicle') return [];
    const id = batch.device.deviceId;
    const state = this.vehicles.get(id) ?? {};
    this.vehicles.set(id, state);
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
    if (state.position && ts <= state.position.ts) return []; // an older position: judged already
    state.position = { at: [lat, lon], ts };
    const view = this.monitor
      .iceCrossings()
      .find((v) => insideCorridor([lat, lon], v.crossing.corridor, v.crossing.corridorWidthM));
    state.onCrossing = view?.crossing.id;
    return [
      this.overweight(id, state, view, ts),
      this.speed(id, state, view, ts),
      this.stopped(id, state, view, ts),
      this.spacing(id, state, view, ts),
    ];
  }

  /**
   * A vehicle whose last position is on the ice and that has been silent longer than it may stop
   * there: nobody knows where it is — through the ice, broken down or just a dead tracker, the
   * operators must look (docs/domain.md §3: stopping is forbidden; §4: silence means unknown, never
   * "still fine" [design]). Judged on the service clock, like a silent ice station.
   */
  tick(now: number): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const [id, state] of this.vehicles) {
      if (!state.position) continue;
      const view = this.monitor.iceCrossings().find((v) => v.crossing.id === state.onCrossing);
      const minutes = view?.crossing.rules?.maxStopMinutes ?? DEFAULT_MAX_STOP_MINUTES;
      const silentMs = now - state.position.ts;
      const breached = view !== undefined && silentMs > minutes * 60_000;
      hits.push(
        hit('traffic.silent-on-ice', id, now, breached, 'major', 0, undefined, {
          reason: breached
            ? `vehicle ${id} last seen on ${view.crossing.id} ${fmt(silentMs / 60_000)} min ago and silent since: where is it?`
            : `vehicle ${id} reporting or off the ice`,
          metric: 'lat',
        }),
      );
    }
    return hits;
  }

  private overweight(
    id: string,
    state: VehicleState,
    view: IceCrossingView | undefined,
    ts: number,
  ): RuleHit {
    const status = view?.status;
    const tonnes = state.grossMassKg === undefined ? undefined : state.grossMassKg / 1000;
    const allowed =
      status && (status.status === 'open' || status.status === 'restricted') ? status.maxGrossTonnes : 0;
    const breached = view !== undefined && (tonnes === undefined || tonnes > allowed);
    const what = tonnes === undefined ? 'of unknown mass' : `(${fmt(tonnes)} t)`;
    return hit('traffic.overweight-on-ice', id, ts, breached, 'critical', 0, tonnes, {
      reason: view
        ? `vehicle ${id} ${what} is on ${view.crossing.id}, which allows ${allowed > 0 ? `${fmt(allowed)} t` : `no traffic (${status?.status ?? 'unknown'})`} now`
        : `vehicle ${id} is off the ice`,
      metric: 'grossMassKg',
    });
  }

  private speed(id: string, state: VehicleState, view: IceCrossingView | undefined, ts: number): RuleHit {
    const speed = state.speedKmh;
    const limit = view?.crossing.rules?.speedLimitKmh ?? DEFAULT_SPEED_LIMIT_KMH;
    const [bandFrom, bandTo] = view ? forbiddenSpeedBand(view.crossing.waterDepthM) : [0, 0];
    const tooFast = speed !== undefined && speed > limit;
    const resonant = speed !== undefined && speed >= bandFrom && speed <= bandTo;
    const breached = view !== undefined && (tooFast || resonant);
    const why = tooFast
      ? `above the ${fmt(limit)} km/h limit (ОДН 218.010-98 §8.2)`
      : `inside the resonance band ${fmt(bandFrom)}–${fmt(bandTo)} km/h for ${fmt(view?.crossing.waterDepthM ?? 0)} m of water`;
    return hit('traffic.speed-on-ice', id, ts, breached, 'major', 0, speed, {
      reason: breached
        ? `vehicle ${id} at ${fmt(speed!)} km/h on ${view!.crossing.id}: ${why}`
        : `vehicle ${id}: speed within limits`,
      metric: 'speedKmh',
    });
  }

  private stopped(id: string, state: VehicleState, view: IceCrossingView | undefined, ts: number): RuleHit {
    const minutes = view?.crossing.rules?.maxStopMinutes ?? DEFAULT_MAX_STOP_MINUTES;
    const breached = view !== undefined && state.speedKmh !== undefined && state.speedKmh < STOPPED_BELOW_KMH;
    return hit('traffic.stopped-on-ice', id, ts, breached, 'major', minutes * 60_000, state.speedKmh, {
      reason: breached
        ? `vehicle ${id} stopped on ${view!.crossing.id} for ${fmt(minutes)} min or more: stopping on the ice is forbidden`
        : `vehicle ${id} moving or off the ice`,
      metric: 'speedKmh',
    });
  }

  private spacing(id: string, state: VehicleState, view: IceCrossingView | undefined, ts: number): RuleHit {
    let closest: { id: string; metres: number; needed: number } | undefined;
    if (view && state.position) {
      for (const [otherId, other] of this.vehicles) {
        if (otherId === id || other.onCrossing !== view.crossing.id || !other.position) continue;
        if (Math.abs(other.position.ts - ts) > FRESH_POSITION_MS) continue;
        const metres = distanceM(state.position.at, other.position.at);
        const needed = Math.max(
          minSpacingM(state.grossMassKg ?? Number.POSITIVE_INFINITY),
          minSpacingM(other.grossMassKg ?? Number.POSITIVE_INFINITY),
        );
        if (metres < needed && (!closest || metres < closest.metres))
          closest = { id: otherId, metres, needed };
      }
    }
    return hit('traffic.spacing-on-ice', id, ts, closest !== undefined, 'major', 0, closest?.metres, {
      reason: closest
        ? `vehicle ${id} is ${fmt(closest.metres)} m from ${closest.id} on ${view!.crossing.id}; at least ${fmt(closest.needed)} m required`
        : `vehicle ${id}: spacing kept`,
      metric: 'lat',
    });
  }
}

function hit(
  ruleId: RuleId,
  vehicleId: string,
  ts: number,
  breached: boolean,
  severity: RuleHit['observation']['severity'],
  forMs: number,
  value: number | undefined,
  details: { reason: string; metric: string },
): RuleHit {
  return {
    ruleId,
    subject: { id: vehicleId, type: 'vehicle' },
    trigger: { deviceId: vehicleId, metric: details.metric, value },
    observation: { ts, breached, severity, forMs, value, reason: details.reason },
  };
}

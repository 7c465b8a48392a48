import { Injectable } from '@nestjs/common';
import type { PointBatch } from '@jct/contract';
import {
  DEFAULT_GPS_NOISE_M,
  atLanding,
  stationaryForMs,
  withPosition,
  type TrackPoint,
  ferryPositionVerdicts,
  lowWaterVerdict,
  silentMidstreamVerdict,
  type FerryCrossingRules,
  type LatLon,
} from '@jct/rules';
import type { Crossing } from '@jct/site-config';
import type { Evaluator, PhaseOf, RuleHit } from '../alerts/rule-hit';
import { FerryCrossings } from '../crossings/ferry-crossings';
import { SiteRegistry } from '../site/site-registry';

interface FerryState {
  crossing: Crossing;
  rules: FerryCrossingRules;
  speedKmh?: number;
  lastTs?: number;
  /** Whether the last position was away from both landings. */
  lastSeenMidstream: boolean;
  /** Recent positions, for "stopped" from displacement over time (docs/domain.md §8). */
  track: TrackPoint[];
}

/** Positions kept per ferry: longer than the midstream stop maximum. */
const TRACK_KEEP_MS = 3_600_000;

/**
 * Ferries and pontoons in open water (docs/domain.md §1): the conditions are libs/rules
 * ferry-conditions.ts; this adapter keeps each ferry's newest speed and whether it was last seen
 * midstream, and hands the water levels to FerryCrossings for the crossing's status.
 */
@Injectable()
export class FerryEvaluator implements Evaluator {
  private readonly ferries = new Map<string, FerryState>();
  constructor(
    site: SiteRegistry,
    private readonly crossings: FerryCrossings,
  ) {
    for (const device of site.allDevices().filter((d) => d.kind === 'ferry')) {
      const asset = site.config.assets.find((a) => a.id === device.asset);
      const crossing =
        asset?.type === 'ferry' ? site.config.crossings.find((c) => c.id === asset.crossing) : undefined;
      if (!crossing) continue;
      const rules: FerryCrossingRules = {
        crossingId: crossing.id,
        corridor: crossing.corridor as LatLon[],
        corridorWidthM: crossing.corridorWidthM,
        season: crossing.season,
        timeZone: site.config.site.timezone,
        minWaterLevelCm: crossing.minWaterLevelCm,
      };
      this.ferries.set(device.id, { crossing, rules, lastSeenMidstream: false, track: [] });
    }
  }

  evaluate(batch: PointBatch, _phaseOf: PhaseOf): RuleHit[] {
    if (batch.device.kind !== 'ferry') return [];
    const ferryId = batch.device.deviceId;
    const state = this.ferries.get(ferryId);
    if (!state) return [];
    const value = (metric: string) =>
      batch.points.find((point) => point.metric === metric)?.value as number | undefined;
    const ts = Math.max(...batch.points.map((point) => point.ts));
    if (state.lastTs !== undefined && ts <= state.lastTs) return [];
    state.lastTs = ts;
    const speed = value('speedKmh');
    if (speed !== undefined) state.speedKmh = speed;
    const hits: RuleHit[] = [];

    const waterLevelCm = value('waterLevelCm');
    if (waterLevelCm !== undefined) {
      this.crossings.recordWaterLevel(state.crossing.id, { value: waterLevelCm, ts });
      const low = lowWaterVerdict({ ferryId, ts, waterLevelCm }, state.rules);
      if (low) hits.push(low);
    }
    const lat = value('lat');
    const lon = value('lon');
    if (lat === undefined || lon === undefined) return hits;
    const position: LatLon = [lat, lon];
    state.lastSeenMidstream = !atLanding(position, state.rules.corridor);
    state.track = withPosition(state.track, { ts, position }, TRACK_KEEP_MS);
    const noiseM = state.crossing.rules?.gpsNoiseM ?? DEFAULT_GPS_NOISE_M;
    const stationary = stationaryForMs(state.track, noiseM);
    hits.push(
      ...ferryPositionVerdicts(
        { ferryId, ts, position, speedKmh: state.speedKmh, stationaryForMs: stationary },
        state.rules,
      ),
    );
    return hits;
  }

  /** Ferries last seen midstream and silent since, on the service clock. */
  tick(now: number): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const [ferryId, state] of this.ferries) {
      if (state.lastTs === undefined) continue;
      const { lastTs, lastSeenMidstream } = state;
      hits.push(
        silentMidstreamVerdict({ ferryId, crossingId: state.crossing.id, lastTs, lastSeenMidstream }, now),
      );
    }
    return hits;
  }
}

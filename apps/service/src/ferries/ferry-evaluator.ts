import { Injectable } from '@nestjs/common';
import type { PointBatch } from '@jct/contract';
import {
  DEFAULT_ICE_RULES,
  distanceM,
  distanceToPolylineM,
  evaluateFerryCrossing,
  inSeason,
  type FerryCrossingStatus,
  type LatLon,
  type RuleId,
  type Sample,
} from '@jct/rules';
import type { Crossing } from '@jct/site-config';
import type { Evaluator, PhaseOf, RuleHit } from '../alerts/rule-hit';
import { SiteRegistry } from '../site/site-registry';

/** A ferry slower than this is stopped [design]. */
const STOPPED_BELOW_KMH = 1;
/** Stopped midstream longer than this raises an alert [design]. */
const MAX_MIDSTREAM_STOP_MS = 10 * 60_000;
/** Within this distance of either end of the corridor a ferry is at a landing, not midstream [design]. */
const LANDING_RADIUS_M = 150;

interface FerryState {
  crossing: Crossing;
  speedKmh?: number;
  lastTs?: number;
  /** Device time of the last position that was away from both landings. */
  lastMidstreamTs?: number;
}

const fmt = (value: number) => String(Math.round(value * 10) / 10);

/**
 * Ferries and pontoons in open water (docs/domain.md §1): operating outside the season window, off the
 * corridor, stopped or silent midstream, and water below the crossing's minimum level (low Amur water
 * stopped river transfers in 2019, docs/domain.md §0).
 */
@Injectable()
export class FerryEvaluator implements Evaluator {
  private readonly ferries = new Map<string, FerryState>();
  /** The newest water level reported on each ferry crossing, by device time. */
  private readonly waterLevels = new Map<string, Sample>();

  constructor(private readonly site: SiteRegistry) {
    for (const device of site.allDevices().filter((d) => d.kind === 'ferry')) {
      const asset = site.config.assets.find((a) => a.id === device.asset);
      const crossing =
        asset?.type === 'ferry' ? site.config.crossings.find((c) => c.id === asset.crossing) : undefined;
      if (crossing) this.ferries.set(device.id, { crossing });
    }
  }

  evaluate(batch: PointBatch, _phaseOf: PhaseOf): RuleHit[] {
    if (batch.device.kind !== 'ferry') return [];
    const id = batch.device.deviceId;
    const state = this.ferries.get(id);
    if (!state) return [];
    const value = (metric: string) =>
      batch.points.find((point) => point.metric === metric)?.value as number | undefined;
    const ts = Math.max(...batch.points.map((point) => point.ts));
    if (state.lastTs !== undefined && ts <= state.lastTs) return [];
    state.lastTs = ts;
    const speed = value('speedKmh');
    if (speed !== undefined) state.speedKmh = speed;
    const hits: RuleHit[] = [];
    const { crossing } = state;
    const subject = { id, type: 'ferry' as const };

    const level = value('waterLevelCm');
    const known = this.waterLevels.get(crossing.id);
    if (level !== undefined && (!known || ts > known.ts))
      this.waterLevels.set(crossing.id, { value: level, ts });
    if (level !== undefined && crossing.minWaterLevelCm !== undefined) {
      const minimum = crossing.minWaterLevelCm;
      hits.push(
        hit(
          'ferry.low-water',
          subject,
          ts,
          level < minimum,
          'major',
          0,
          level,
          'waterLevelCm',
          `${crossing.id}: water level ${fmt(level)} cm, below the ${fmt(minimum)} cm the ferry needs`,
        ),
      );
    }

    const lat = value('lat');
    const lon = value('lon');
    if (lat === undefined || lon === undefined) return hits;
    const position: LatLon = [lat, lon];
    const offBy = distanceToPolylineM(position, crossing.corridor as LatLon[]) - crossing.corridorWidthM / 2;
    const moving = (state.speedKmh ?? 0) >= STOPPED_BELOW_KMH;
    const atLanding = [crossing.corridor[0], crossing.corridor[crossing.corridor.length - 1]].some(
      (end) => distanceM(position, end as LatLon) <= LANDING_RADIUS_M,
    );
    const operating = moving || !atLanding;
    state.lastMidstreamTs = atLanding ? undefined : ts;

    hits.push(
      hit(
        'ferry.out-of-season',
        subject,
        ts,
        operating && !inSeason(crossing.season, ts, this.site.config.site.timezone),
        'major',
        0,
        state.speedKmh,
        'speedKmh',
        `ferry ${id} operating on ${crossing.id} outside its season ${crossing.season.opens} – ${crossing.season.closes} (ice runs, no safe crossing)`,
      ),
      hit(
        'ferry.off-corridor',
        subject,
        ts,
        offBy > 0,
        'major',
        0,
        offBy,
        'lat',
        `ferry ${id} is ${fmt(Math.max(0, offBy))} m outside the ${fmt(crossing.corridorWidthM)} m corridor of ${crossing.id}`,
      ),
      hit(
        'ferry.stopped-midstream',
        subject,
        ts,
        !moving && !atLanding && offBy <= 0,
        'major',
        MAX_MIDSTREAM_STOP_MS,
        state.speedKmh,
        'speedKmh',
        `ferry ${id} stopped midstream on ${crossing.id} for ${MAX_MIDSTREAM_STOP_MS / 60_000} min or more`,
      ),
    );
    return hits;
  }

  /**
   * A ferry last seen away from the landings and silent for as long as it may stop midstream:
   * nobody knows where it is or whether it drifts with the current — the operators must call it
   * (docs/domain.md §4: silence means unknown, never "still fine" [design]). Service clock.
   */
  tick(now: number): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const [id, state] of this.ferries) {
      if (state.lastTs === undefined) continue;
      const silentMs = now - state.lastTs;
      const breached = state.lastMidstreamTs !== undefined && silentMs > MAX_MIDSTREAM_STOP_MS;
      hits.push(
        hit(
          'ferry.silent-midstream',
          { id, type: 'ferry' },
          now,
          breached,
          'major',
          0,
          undefined,
          'lat',
          breached
            ? `ferry ${id} last seen midstream on ${state.crossing.id} ${fmt(silentMs / 60_000)} min ago and silent since`
            : `ferry ${id} reporting or at a landing`,
        ),
      );
    }
    return hits;
  }

  /**
   * The crossing's status now (libs/rules evaluateFerryCrossing). After a restart the level is
   * unknown until the ferry reports again: unknown, never open, meanwhile.
   */
  status(crossing: Crossing, now: number): FerryCrossingStatus {
    const rules = crossing.rules ?? {};
    return evaluateFerryCrossing({
      crossingId: crossing.id,
      season: crossing.season,
      timeZone: this.site.config.site.timezone,
      minWaterLevelCm: crossing.minWaterLevelCm,
      waterLevel: this.waterLevels.get(crossing.id),
      staleAfterMs: (rules.staleAfterMinutes ?? DEFAULT_ICE_RULES.staleAfterMs / 60_000) * 60_000,
      ratedTonnes: rules.designLoadTonnes ?? DEFAULT_ICE_RULES.designLoadTonnes,
      now,
    });
  }
}

function hit(
  ruleId: RuleId,
  subject: RuleHit['subject'],
  ts: number,
  breached: boolean,
  severity: RuleHit['observation']['severity'],
  forMs: number,
  value: number | undefined,
  metric: string,
  reason: string,
): RuleHit {
  return {
    ruleId,
    subject,
    trigger: { deviceId: subject.id, metric, value },
    observation: { ts, breached, severity, forMs, value, reason },
  };
}

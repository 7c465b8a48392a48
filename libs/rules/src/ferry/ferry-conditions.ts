import { reason } from '../catalogue';
import { verdict, type RuleVerdict } from '../alerts/rule-verdict';
import { inSeason, type SeasonWindow } from '../ice/season';
import { distanceM, distanceToPolylineM, type LatLon } from '../ice/traffic';

/**
 * Ferries and pontoons in open water (docs/domain.md §1), pure: operating outside the season window,
 * off the corridor, stopped or silent midstream, and water below the crossing's minimum level (low
 * Amur water stopped river transfers in 2019, docs/domain.md §0).
 */

/** A ferry slower than this is stopped [design]. */
export const FERRY_STOPPED_BELOW_KMH = 1;
/** Stopped midstream longer than this raises an alert [design]. */
export const MAX_MIDSTREAM_STOP_MS = 10 * 60_000;
/** Within this distance of either end of the corridor a ferry is at a landing, not midstream [design]. */
export const LANDING_RADIUS_M = 150;

export interface FerryCrossingRules {
  crossingId: string;
  /** The centre line from one landing to the other. */
  corridor: readonly LatLon[];
  corridorWidthM: number;
  season: SeasonWindow;
  timeZone: string;
  minWaterLevelCm?: number;
}

export interface FerryPosition {
  ferryId: string;
  ts: number;
  position: LatLon;
  /** The newest speed reported, this message or an earlier one. */
  speedKmh?: number;
  /** How long it has stayed within the GPS noise of this position (traffic/movement.ts); none → 0. */
  stationaryForMs?: number;
}

/** Water below the crossing's minimum level; none when the crossing sets no minimum. */
export function lowWaterVerdict(
  reading: { ferryId: string; ts: number; waterLevelCm: number },
  rules: Pick<FerryCrossingRules, 'crossingId' | 'minWaterLevelCm'>,
): RuleVerdict | undefined {
  const minimumCm = rules.minWaterLevelCm;
  if (minimumCm === undefined) return undefined;
  return verdict({
    ruleId: 'ferry.low-water',
    subjectId: reading.ferryId,
    ts: reading.ts,
    breached: reading.waterLevelCm < minimumCm,
    value: reading.waterLevelCm,
    metric: 'waterLevelCm',
    reason: reason('ferry.water-level', {
      crossingId: rules.crossingId,
      levelCm: reading.waterLevelCm,
      minimumCm,
    }),
  });
}

/** Whether a position is within LANDING_RADIUS_M of either end of the corridor. */
export function atLanding(position: LatLon, corridor: readonly LatLon[]): boolean {
  return [corridor[0], corridor[corridor.length - 1]].some(
    (end) => end !== undefined && distanceM(position, end) <= LANDING_RADIUS_M,
  );
}

/**
 * The conditions of one position report: operating out of season (moving, or away from the
 * landings), off the corridor, and stopped midstream: within the GPS noise of one place for
 * MAX_MIDSTREAM_STOP_MS (docs/domain.md §8: displacement over time, not one speed value).
 */
export function ferryPositionVerdicts(ferry: FerryPosition, rules: FerryCrossingRules): RuleVerdict[] {
  const { ferryId, ts, position, speedKmh } = ferry;
  const { crossingId } = rules;
  const offByM = distanceToPolylineM(position, rules.corridor) - rules.corridorWidthM / 2;
  const moving = (speedKmh ?? 0) >= FERRY_STOPPED_BELOW_KMH;
  const landed = atLanding(position, rules.corridor);
  const operating = moving || !landed;
  return [
    verdict({
      ruleId: 'ferry.out-of-season',
      subjectId: ferryId,
      ts,
      breached: operating && !inSeason(rules.season, ts, rules.timeZone),
      value: speedKmh,
      metric: 'speedKmh',
      reason: reason('ferry.out-of-season', {
        ferryId,
        crossingId,
        opens: rules.season.opens,
        closes: rules.season.closes,
      }),
    }),
    verdict({
      ruleId: 'ferry.off-corridor',
      subjectId: ferryId,
      ts,
      breached: offByM > 0,
      value: offByM,
      metric: 'lat',
      reason: reason('ferry.off-corridor', {
        ferryId,
        offByM,
        corridorWidthM: rules.corridorWidthM,
        crossingId,
      }),
    }),
    verdict({
      ruleId: 'ferry.stopped-midstream',
      subjectId: ferryId,
      ts,
      breached: (ferry.stationaryForMs ?? 0) >= MAX_MIDSTREAM_STOP_MS && !landed && offByM <= 0,
      value: speedKmh,
      metric: 'speedKmh',
      reason: reason('ferry.stopped', { ferryId, crossingId, minutes: MAX_MIDSTREAM_STOP_MS / 60_000 }),
    }),
  ];
}

/**
 * Last seen away from the landings and silent for as long as a ferry may stop midstream: nobody
 * knows where it is or whether it drifts with the current — the operators must call it
 * (docs/domain.md §4: silence means unknown, never "still fine" [design]).
 */
export function silentMidstreamVerdict(
  ferry: { ferryId: string; crossingId: string; lastTs: number; lastSeenMidstream: boolean },
  now: number,
): RuleVerdict {
  const { ferryId, crossingId } = ferry;
  const silentMs = now - ferry.lastTs;
  const breached = ferry.lastSeenMidstream && silentMs > MAX_MIDSTREAM_STOP_MS;
  return verdict({
    ruleId: 'ferry.silent-midstream',
    subjectId: ferryId,
    ts: now,
    breached,
    metric: 'lat',
    reason: breached
      ? reason('ferry.silent', { ferryId, crossingId, silentMs })
      : reason('ferry.reporting', { ferryId }),
  });
}

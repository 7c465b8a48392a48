import { allowedLoadTonnes, effectiveThicknessCm, requiredThicknessCm, thawDerating } from './ice-capacity';
import { inSeason, inSpring } from './season';
import type { StatusReasonData } from '../reasons/status-codes';
import type { HeldRise, ManualConfirmation, StuckGauge } from './thickness-trust';
import {
  crackReason,
  governingReason,
  manualReason,
  noStationsReason,
  outOfSeasonReason,
  overflowReason,
  silentReason,
  springReason,
  thawReason,
  unconfirmedReason,
  verdictReason,
} from './status-reasons';

/** One reading with its device timestamp (epoch ms, UTC), already validated upstream. */
export interface Sample<T = number> {
  value: T;
  ts: number;
}

/** The newest reading of each kind from one ice station on the crossing. */
export interface StationSnapshot {
  deviceId: string;
  /** Total ice thickness, clear and white, in cm. */
  iceThicknessCm?: Sample;
  /** The white (snow) ice part of the total, in cm. */
  whiteIceCm?: Sample;
  /** Water on the ice (overflow, surge). */
  overflow?: Sample<boolean>;
  /** Width of an open or wet crack, in mm. */
  crackWidthMm?: Sample;
  /** docs/domain.md §8: the gauge is stuck; the station counts as silent (station-readings.ts). */
  stuck?: StuckGauge;
  /** docs/domain.md §8: a rise held as unconfirmed; iceThicknessCm is the value believed instead. */
  heldRise?: HeldRise;
  /** The believed thickness rests on an operator's manual measurement. */
  confirmedBy?: ManualConfirmation;
}

/** How an ice crossing is judged. Every option and its default in one place: DEFAULT_ICE_RULES. */
export interface IceCrossingRules {
  /** Gold's A in kg/cm²; default 4 (docs/domain.md §2 [design]). */
  goldA: number;
  /** The load the crossing is posted for, in tonnes gross; default 40. */
  designLoadTonnes: number;
  /** Below this capacity (t) the crossing is closed rather than restricted; default 5 [design]. */
  minOpenTonnes: number;
  /** A station whose newest thickness is older than this is silent → unknown; default 6 h [design, §4]. */
  staleAfterMs: number;
  /** An open or wet crack at least this wide (mm) closes the crossing; default 10 [design, §2]. */
  crackCloseMm: number;
  /** Capacity multiplier for water on the ice; default 0.2, a cut of 80 % (§2: 50–80 %) [design]. */
  overflowCapacityFactor: number;
  /** Capacity multiplier for spring ice; default 0.4 = 1/2.5 (§2: 1.5–2.5× weaker) [design]. */
  springCapacityFactor: number;
  /** The ice season, 'MM-DD' to 'MM-DD' inclusive, local dates; may wrap the new year. */
  season: { opens: string; closes: string };
  /** Start of spring ice, 'MM-DD', up to season.closes; none → no spring derating. */
  springFrom?: string;
  /** IANA zone of the crossing's calendar, e.g. Asia/Yakutsk. */
  timeZone: string;
}

const HOUR_MS = 3_600_000;

export const DEFAULT_ICE_RULES: Omit<IceCrossingRules, 'season' | 'timeZone'> = Object.freeze({
  // docs/domain.md §2: default A = 4 [design, conservative within the published range]
  goldA: 4,
  designLoadTonnes: 40,
  // [design]: a crossing that carries less than a light truck is not worth opening
  minOpenTonnes: 5,
  // docs/domain.md §4: a silent ice sensor means unknown ice [design]; SIMBA reports every 6 h [C]
  staleAfterMs: 6 * HOUR_MS,
  // docs/domain.md §2: open or wet cracks, do not drive [S]; no published width → 10 mm [design]
  crackCloseMm: 10,
  // docs/domain.md §2: water on the ice, cut the design load by 50–80 % [S] → the top of the range
  overflowCapacityFactor: 0.2,
  // docs/domain.md §2: spring ice 1.5–2.5× weaker [S] → the top of the range, 1/2.5
  springCapacityFactor: 0.4,
});

export type CrossingState = 'open' | 'restricted' | 'closed' | 'unknown';

/**
 * One factor behind a status. `code` is one of: out_of_season, no_stations, no_thickness,
 * stale_thickness, crack, governing_station, thaw, overflow, spring_ice, open, restricted,
 * below_minimum. `source` is the publication it rests on (a reference, not a file).
 */
export type StatusReason = StatusReasonData & {
  /** The reason in English (the API's readable text); `renderStatusReason` writes other languages. */
  text: string;
  /** The publication it rests on: a bibliographic reference, never a file. */
  source: string;
};
export interface IceCrossingStatus {
  crossingId: string;
  status: CrossingState;
  /** 0 unless open or restricted; rounded down to 0.1 t. */
  maxGrossTonnes: number;
  /** The weakest station, which governs the crossing. */
  governingStationId?: string;
  /** Effective thickness of the governing station, cm. */
  effectiveThicknessCm?: number;
  /** Thickness the design load needs after every derating that applies; rounded up to 0.1 cm. */
  requiredThicknessCm: number;
  /** The verdict first, then every factor that applied. */
  reasons: StatusReason[];
  evaluatedAt: number;
}

export interface IceCrossingInput {
  crossingId: string;
  rules: IceCrossingRules;
  stations: StationSnapshot[];
  /** Mean air temperature of the last 3 days, °C; none → the worst row of the thaw table. */
  meanAirTemp3dC?: number;
  /** Evaluation time, epoch ms: the engine has no clock of its own. */
  now: number;
}

/**
 * Judges an ice crossing from its stations' newest readings at `now`. Fail safe throughout: missing
 * or stale ice data makes the crossing unknown, never open, and the calendar alone never opens it.
 *
 * Order of the verdicts:
 *   1. outside the season → closed, whatever the ice;
 *   2. an open/wet crack ≥ crackCloseMm at any station, of any age → closed (a crack is cleared only
 *      by a newer, narrower reading), even if other stations are silent: a known danger outranks
 *      missing data, and both are listed;
 *   3. no stations, or any station without a fresh thickness → unknown;
 *   4. the weakest station governs: capacity = Gold(h_eff) × thaw × overflow × spring, rounded
 *      down to 0.1 t; < minOpenTonnes → closed, < designLoadTonnes → restricted, else open.
 */
export function evaluateIceCrossing(input: IceCrossingInput): IceCrossingStatus {
  const { crossingId, rules, stations, now } = input;
  const isFresh = (ts: number) => Number.isFinite(ts) && now - ts <= rules.staleAfterMs;

  const thaw = thawDerating(input.meanAirTemp3dC);
  // docs/domain.md §2, overflow [S]; §8, last known state: water reported on the ice holds until the
  // station reports otherwise or falls silent — a reading that leaves it out does not clear it.
  const reporting = (s: StationSnapshot) =>
    (s.overflow !== undefined && isFresh(s.overflow.ts)) ||
    (s.iceThicknessCm !== undefined && isFresh(s.iceThicknessCm.ts));
  const flooded = stations.filter((s) => s.overflow?.value === true && reporting(s));
  // docs/domain.md §2, spring ice [S]
  const spring = inSpring({ ...rules.season, springFrom: rules.springFrom }, now, rules.timeZone);
  const capacityFactor =
    thaw.capacityFactor *
    (flooded.length > 0 ? rules.overflowCapacityFactor : 1) *
    (spring ? rules.springCapacityFactor : 1);
  // The thickness at which the derated capacity equals the design load: √(1000·P / (A·factor)).
  const required = roundUpToTenth(requiredThicknessCm(rules.designLoadTonnes / capacityFactor, rules.goldA));

  const result = (
    status: CrossingState,
    reasons: StatusReason[],
    extra: Partial<IceCrossingStatus> = {},
  ): IceCrossingStatus => ({
    crossingId,
    status,
    maxGrossTonnes: 0,
    ...extra,
    requiredThicknessCm: required,
    reasons,
    evaluatedAt: now,
  });

  // 1. docs/domain.md §1: transition periods have no safe crossing; the calendar closes.
  if (!inSeason(rules.season, now, rules.timeZone)) return result('closed', [outOfSeasonReason(rules)]);

  const silentReasons = stations.flatMap((station) => silentReason(station, now, rules.staleAfterMs));

  // 2. docs/domain.md §2: open or wet cracks, do not drive whatever the thickness [S].
  const crackReasons = stations.flatMap((station) => crackReason(station, now, rules.crackCloseMm));
  if (crackReasons.length > 0) return result('closed', [...crackReasons, ...silentReasons]);

  // 3. docs/domain.md §4: a silent sensor means unknown ice [design].
  if (stations.length === 0) return result('unknown', [noStationsReason()]);
  if (silentReasons.length > 0) return result('unknown', silentReasons);

  // 4. docs/domain.md §2: the weakest measuring point governs [design].
  const measured = stations.map((station) => {
    // Every station has a fresh, finite thickness here (step 3).
    const totalCm = (station.iceThicknessCm as Sample).value;
    // The last white-ice reading, whatever its age: ignoring it would count white ice as clear.
    const whiteCm = station.whiteIceCm?.value;
    return {
      deviceId: station.deviceId,
      totalCm,
      whiteCm,
      effectiveCm: effectiveThicknessCm(totalCm, whiteCm ?? 0),
    };
  });
  const weakest = measured.reduce((min, m) => (m.effectiveCm < min.effectiveCm ? m : min));

  // docs/domain.md §2, Gold (1971) [C], derated by every condition that applies.
  const goldTonnes = allowedLoadTonnes(weakest.effectiveCm, rules.goldA);
  const maxTonnes = roundDownToTenth(goldTonnes * capacityFactor);

  const factorReasons: StatusReason[] = [
    governingReason(weakest, stations.length, rules, required, capacityFactor < 1),
    ...thawReason(input.meanAirTemp3dC, thaw),
    ...overflowReason(flooded, now, rules.overflowCapacityFactor),
    ...(spring ? [springReason(rules)] : []),
    ...stations.flatMap((station) => unconfirmedReason(station)),
    ...stations.flatMap((station) => manualReason(station)),
  ];
  const capacity = { maxTonnes, goldTonnes, effectiveCm: weakest.effectiveCm, capacityFactor };
  const governing = { governingStationId: weakest.deviceId, effectiveThicknessCm: weakest.effectiveCm };

  // Written as !(x >= limit) so that a NaN can only ever close the crossing.
  if (!(maxTonnes >= rules.minOpenTonnes)) {
    return result('closed', [verdictReason('closed', capacity, rules), ...factorReasons], governing);
  }
  const status = maxTonnes >= rules.designLoadTonnes ? 'open' : 'restricted';
  return result(status, [verdictReason(status, capacity, rules), ...factorReasons], {
    ...governing,
    maxGrossTonnes: maxTonnes,
  });
}

// The margin absorbs floating-point noise (39.99999999 t is 40 t), far below what a scale can show.
const EPSILON = 1e-9;

/** Published capacity is rounded down: 14.46 t is posted as 14.4 t. */
function roundDownToTenth(tonnes: number): number {
  return Math.max(0, Math.floor(tonnes * 10 + EPSILON) / 10);
}

/** Published required thickness is rounded up: 70.71 cm is posted as 70.8 cm. */
function roundUpToTenth(cm: number): number {
  return Math.ceil(cm * 10 - EPSILON) / 10;
}

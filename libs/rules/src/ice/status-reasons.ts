/**
 * The reasons behind an ice crossing status: a code with its numbers and units, the publication it
 * rests on (docs/domain.md §1–§4), and the English sentence of reasons/status-en.ts. Wording only:
 * the decisions are made in crossing-status.ts.
 */
import type { IceCrossingRules, Sample, StationSnapshot, StatusReason } from './crossing-status';
import type { StatusReasonCode, StatusReasonData, StatusReasonParams } from '../reasons/status-codes';
import { STATUS_EN } from '../reasons/status-en';
import type { ThawDerating } from './ice-capacity';

// Bibliographic references, shown to API callers (docs/domain.md gives the clauses and how sure
// each is); a choice of this project with no publication behind it says so.
const SOURCE = {
  season: 'Season calendar of the site; a calendar alone never opens an ice crossing (design choice)',
  silent: 'A silent ice sensor means unknown ice, never "still fine" (design choice)',
  stuck: 'A stuck ice gauge tells no more than a silent one (design choice)',
  growth: "Stefan's law of ice growth (US Army Corps of Engineers EM 1110-2-1612, 2002)",
  manual: 'Manual ice drilling recorded by an operator',
  crack: 'Russian ice-crossing practice: open or wet cracks, do not drive whatever the thickness',
  gold: 'Gold 1971 (Can. Geotech. J. 8:170); NWT 2015 Guidelines for Safe Ice Construction',
  thaw: 'Russian diving-works derating table',
  overflow: 'Russian ice-crossing practice: water on the ice, cut the design load by 50–80 %',
  spring: 'Russian ice-crossing practice: spring ice is 1.5–2.5 times weaker',
  verdict: 'Gold 1971; NWT 2015; design load and opening minimum from the site rules',
} as const;

/** A reason of a code, with its English text. */
export function statusReason<C extends StatusReasonCode>(
  code: C,
  params: StatusReasonParams[C],
  source: string,
): StatusReason {
  const render = STATUS_EN[code] as (p: StatusReasonParams[C]) => string;
  return { ...({ code, params } as StatusReasonData), text: render(params), source };
}

export function outOfSeasonReason(rules: IceCrossingRules): StatusReason {
  const { opens, closes } = rules.season;
  return statusReason('out_of_season', { opens, closes, timeZone: rules.timeZone }, SOURCE.season);
}

export function noStationsReason(): StatusReason {
  return statusReason('no_stations', {}, SOURCE.silent);
}

/** None when the station has a finite thickness no older than staleAfterMs. */
export function silentReason(station: StationSnapshot, now: number, staleAfterMs: number): StatusReason[] {
  const sample = station.iceThicknessCm;
  const stationId = station.deviceId;
  if (!sample || !Number.isFinite(sample.value) || !Number.isFinite(sample.ts)) {
    return [statusReason('no_thickness', { stationId }, SOURCE.silent)];
  }
  if (station.stuck) {
    const { valueCm, sinceTs, airSwingC } = station.stuck;
    return [statusReason('stuck_thickness', { stationId, valueCm, sinceTs, airSwingC }, SOURCE.stuck)];
  }
  if (now - sample.ts <= staleAfterMs) return [];
  const params = { stationId, silentMs: now - sample.ts, lastTs: sample.ts, staleAfterMs };
  return [statusReason('stale_thickness', params, SOURCE.silent)];
}

/** One reason when the station's newest crack reading, of any age, is at least crackCloseMm. */
export function crackReason(station: StationSnapshot, now: number, crackCloseMm: number): StatusReason[] {
  const crack = station.crackWidthMm;
  if (!crack || !(crack.value >= crackCloseMm)) return [];
  const params = {
    stationId: station.deviceId,
    widthMm: crack.value,
    agoMs: now - crack.ts,
    closeAtMm: crackCloseMm,
  };
  return [statusReason('crack', params, SOURCE.crack)];
}

export interface MeasuredStation {
  deviceId: string;
  totalCm: number;
  whiteCm?: number;
  effectiveCm: number;
}

export function governingReason(
  weakest: MeasuredStation,
  stationCount: number,
  rules: IceCrossingRules,
  requiredCm: number,
  derated: boolean,
): StatusReason {
  const params = {
    stationId: weakest.deviceId,
    stationCount,
    effectiveCm: weakest.effectiveCm,
    totalCm: weakest.totalCm,
    whiteCm: weakest.whiteCm,
    designLoadTonnes: rules.designLoadTonnes,
    requiredCm,
    goldA: rules.goldA,
    derated,
  };
  return statusReason('governing_station', params, SOURCE.gold);
}

/** None when the weather does not derate (−10 °C or colder). */
export function thawReason(meanAirTemp3dC: number | undefined, thaw: ThawDerating): StatusReason[] {
  if (thaw.capacityFactor >= 1) return [];
  const known = meanAirTemp3dC !== undefined && Number.isFinite(meanAirTemp3dC);
  const params = {
    meanAirC: known ? meanAirTemp3dC : undefined,
    row: thaw.row,
    thicknessFactor: thaw.thicknessFactor,
    capacityFactor: thaw.capacityFactor,
  };
  return [statusReason('thaw', params, SOURCE.thaw)];
}

/** None when no station reports water on the ice. */
export function overflowReason(flooded: StationSnapshot[], now: number, factor: number): StatusReason[] {
  if (flooded.length === 0) return [];
  const stations = flooded.map((s) => ({
    stationId: s.deviceId,
    agoMs: now - (s.overflow as Sample<boolean>).ts,
  }));
  return [statusReason('overflow', { stations, capacityFactor: factor }, SOURCE.overflow)];
}

export function springReason(rules: IceCrossingRules): StatusReason {
  const params = {
    from: rules.springFrom,
    closes: rules.season.closes,
    capacityFactor: rules.springCapacityFactor,
  };
  return statusReason('spring_ice', params, SOURCE.spring);
}

export interface Capacity {
  /** Rounded down to 0.1 t. */
  maxTonnes: number;
  /** Gold's load before derating. */
  goldTonnes: number;
  effectiveCm: number;
  capacityFactor: number;
}

export function verdictReason(
  status: 'open' | 'restricted' | 'closed',
  capacity: Capacity,
  rules: IceCrossingRules,
): StatusReason {
  const params = {
    ...capacity,
    designLoadTonnes: rules.designLoadTonnes,
    minOpenTonnes: rules.minOpenTonnes,
  };
  return statusReason(status === 'closed' ? 'below_minimum' : status, params, SOURCE.verdict);
}

/** One reason when the station holds a rise as unconfirmed (docs/domain.md §8). */
export function unconfirmedReason(station: StationSnapshot): StatusReason[] {
  const held = station.heldRise;
  if (!held) return [];
  const params = {
    stationId: station.deviceId,
    reportedCm: held.reported.value,
    reportedTs: held.reported.ts,
    believedCm: held.believedCm,
    believedTs: held.believedTs,
    allowedRiseCm: Math.round(held.allowedRiseCm * 10) / 10,
  };
  return [statusReason('unconfirmed_thickness', params, SOURCE.growth)];
}

/** One reason when the believed thickness rests on a manual measurement: it names who took it. */
export function manualReason(station: StationSnapshot): StatusReason[] {
  const confirmed = station.confirmedBy;
  if (!confirmed || station.heldRise) return [];
  const params = {
    stationId: station.deviceId,
    valueCm: confirmed.valueCm,
    by: confirmed.by,
    ts: confirmed.ts,
  };
  return [statusReason('manual_thickness', params, SOURCE.manual)];
}

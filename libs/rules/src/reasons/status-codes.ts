/**
 * The parameters of every crossing-status reason, by code (units in the names). An ice and a ferry
 * crossing share `out_of_season` and `open`; the ferry's say so with `ferry: true` / `ratedTonnes`.
 */
export interface StatusReasonParams {
  out_of_season: { opens: string; closes: string; timeZone: string; ferry?: boolean };
  no_stations: Record<string, never>;
  no_thickness: { stationId: string };
  stale_thickness: { stationId: string; silentMs: number; lastTs: number; staleAfterMs: number };
  /** docs/domain.md §8: a gauge stuck while the air varied counts as silent. */
  stuck_thickness: { stationId: string; valueCm: number; sinceTs: number; airSwingC: number };
  /** docs/domain.md §8: a rise faster than ice grows is held; the last believed value stands. */
  unconfirmed_thickness: {
    stationId: string;
    reportedCm: number;
    reportedTs: number;
    believedCm: number;
    believedTs: number;
    allowedRiseCm: number;
  };
  /** The believed thickness rests on an operator's manual measurement. */
  manual_thickness: { stationId: string; valueCm: number; by: string; ts: number };
  crack: { stationId: string; widthMm: number; agoMs: number; closeAtMm: number };
  governing_station: {
    stationId: string;
    stationCount: number;
    effectiveCm: number;
    totalCm: number;
    whiteCm?: number;
    designLoadTonnes: number;
    requiredCm: number;
    goldA: number;
    derated: boolean;
  };
  /** `row` names the row of the thaw table that applied. */
  thaw: { meanAirC?: number; row: string; thicknessFactor: number; capacityFactor: number };
  overflow: { stations: readonly { stationId: string; agoMs: number }[]; capacityFactor: number };
  spring_ice: { from?: string; closes: string; capacityFactor: number };
  open: IceVerdictParams | FerryOpenParams;
  restricted: IceVerdictParams;
  below_minimum: IceVerdictParams;
  no_water_level: { minimumCm: number };
  stale_water_level: { ageMs: number; staleAfterMs: number };
  low_water: { levelCm: number; minimumCm: number };
}

export interface IceVerdictParams {
  maxTonnes: number;
  goldTonnes: number;
  effectiveCm: number;
  capacityFactor: number;
  designLoadTonnes: number;
  minOpenTonnes: number;
}

export interface FerryOpenParams {
  ratedTonnes: number;
  levelCm?: number;
  minimumCm?: number;
}

export type StatusReasonCode = keyof StatusReasonParams;

/** A crossing-status reason as data. */
export type StatusReasonData = {
  [C in StatusReasonCode]: { code: C; params: StatusReasonParams[C] };
}[StatusReasonCode];

export type StatusReasonRenderers = {
  [C in StatusReasonCode]: (params: StatusReasonParams[C]) => string;
};

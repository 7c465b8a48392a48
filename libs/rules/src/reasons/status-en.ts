import { formatCelsius, formatDuration, formatNumber as n, formatUtc } from '../ice/format';
import type { StatusReasonRenderers } from './status-codes';

/** Crossing-status reasons in English: the API's `text`. */
export const STATUS_EN: StatusReasonRenderers = {
  out_of_season: (p) =>
    p.ferry
      ? `closed: outside the ferry season (${p.opens} to ${p.closes}, local dates in ${p.timeZone}): ice runs or ice, no safe crossing`
      : `closed: outside the ice season (${p.opens} to ${p.closes}, local dates in ${p.timeZone}), whatever the ice`,
  no_stations: () =>
    'unknown: no ice station reports for this crossing; it cannot open on the calendar alone',
  no_thickness: (p) => `unknown: station ${p.stationId} has reported no ice thickness`,
  stale_thickness: (p) =>
    `unknown: station ${p.stationId} silent for ${formatDuration(p.silentMs)} ` +
    `(last ice thickness at ${formatUtc(p.lastTs)}); ` +
    `readings older than ${formatDuration(p.staleAfterMs)} are not trusted`,
  stuck_thickness: (p) =>
    `unknown: station ${p.stationId} has read exactly ${n(p.valueCm)} cm since ${formatUtc(p.sinceTs)} ` +
    `while the air temperature changed by ${n(p.airSwingC)} °C; a stuck gauge is treated as silent`,
  unconfirmed_thickness: (p) =>
    `station ${p.stationId} reported ${n(p.reportedCm)} cm at ${formatUtc(p.reportedTs)}, more than ice can grow ` +
    `(at most ${n(p.allowedRiseCm)} cm above ${n(p.believedCm)} cm of ${formatUtc(p.believedTs)}); ` +
    `${n(p.believedCm)} cm is used until the rise is confirmed`,
  manual_thickness: (p) =>
    `station ${p.stationId}: ${n(p.valueCm)} cm confirmed by a manual measurement by ${p.by} at ${formatUtc(p.ts)}`,
  crack: (p) =>
    `closed: open or wet crack ${n(p.widthMm)} mm wide at station ${p.stationId} ` +
    `(reported ${formatDuration(p.agoMs)} ago; closes at ${n(p.closeAtMm)} mm): ` +
    'do not drive, whatever the thickness',
  governing_station: (p) => {
    const which = p.stationCount > 1 ? `, the weakest of ${p.stationCount}` : '';
    const layers =
      p.whiteCm === undefined
        ? `${n(p.totalCm)} cm total, no white ice reported`
        : `${n(p.totalCm)} cm total, ${n(p.whiteCm)} cm white`;
    return (
      `station ${p.stationId}${which}: ${n(p.effectiveCm)} cm effective ice (${layers}); ` +
      `a ${n(p.designLoadTonnes)} t truck needs ${n(p.requiredCm)} cm ` +
      `(Gold, A = ${n(p.goldA, 2)}${p.derated ? ', after the derating below' : ''})`
    );
  },
  thaw: (p) =>
    `${p.meanAirC === undefined ? 'no 3-day mean air temperature' : `3-day mean air temperature ${formatCelsius(p.meanAirC)}`}, ` +
    `thaw table ${p.row}: required thickness × ${n(p.thicknessFactor, 2)}, capacity × ${n(p.capacityFactor, 2)}`,
  overflow: (p) =>
    `water on the ice at station ${p.stations.map((s) => `${s.stationId} (reported ${formatDuration(s.agoMs)} ago)`).join(', ')}: ` +
    `capacity × ${n(p.capacityFactor, 2)}`,
  spring_ice: (p) => `spring ice (from ${p.from} to ${p.closes}): capacity × ${n(p.capacityFactor, 2)}`,
  open: (p) => {
    if ('ratedTonnes' in p) {
      return (
        `open for ${n(p.ratedTonnes)} t` +
        (p.levelCm !== undefined && p.minimumCm !== undefined
          ? `: water level ${n(p.levelCm)} cm (needs ${n(p.minimumCm)} cm)`
          : '')
      );
    }
    return `open: the ice carries ${n(p.maxTonnes)} t gross (${basis(p)}), at least the ${n(p.designLoadTonnes)} t design load`;
  },
  restricted: (p) =>
    `restricted to vehicles of at most ${n(p.maxTonnes)} t gross (${basis(p)}), below the ${n(p.designLoadTonnes)} t design load`,
  below_minimum: (p) =>
    `closed: the ice carries only ${n(p.maxTonnes)} t gross (${basis(p)}), below the ${n(p.minOpenTonnes)} t minimum for opening`,
  no_water_level: (p) => `unknown: no water level reported; the ferry needs ${n(p.minimumCm)} cm`,
  stale_water_level: (p) => `unknown: the newest water level is ${formatDuration(p.ageMs)} old`,
  low_water: (p) => `closed: water level ${n(p.levelCm)} cm, below the ${n(p.minimumCm)} cm the ferry needs`,
};

function basis(p: { goldTonnes: number; effectiveCm: number; capacityFactor: number }): string {
  return (
    `Gold ${n(p.goldTonnes)} t at ${n(p.effectiveCm)} cm` +
    (p.capacityFactor < 1 ? ` × ${n(p.capacityFactor, 3)} for the conditions below` : '')
  );
}

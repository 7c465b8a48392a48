/**
 * The reasons behind an ice crossing status, in plain English with numbers and units, each with
 * the publication it rests on (docs/domain.md §1–§4). Wording only: the decisions are made in crossing-status.ts.
 */
import type { IceCrossingRules, Sample, StationSnapshot, StatusReason } from './crossing-status';
import { formatCelsius, formatDuration, formatNumber, formatUtc } from './format';
import type { ThawDerating } from './ice-capacity';

// Bibliographic references, shown to API callers (docs/domain.md gives the clauses and how sure
// each is); a choice of this project with no publication behind it says so.
const SOURCE = {
  season: 'Season calendar of the site; a calendar alone never opens an ice crossing (design choice)',
  silent: 'A silent ice sensor means unknown ice, never "still fine" (design choice)',
  crack: 'Russian ice-crossing practice: open or wet cracks, do not drive whatever the thickness',
  gold: 'Gold 1971 (Can. Geotech. J. 8:170); NWT 2015 Guidelines for Safe Ice Construction',
  thaw: 'Russian diving-works derating table',
  overflow: 'Russian ice-crossing practice: water on the ice, cut the design load by 50–80 %',
  spring: 'Russian ice-crossing practice: spring ice is 1.5–2.5 times weaker',
  verdict: 'Gold 1971; NWT 2015; design load and opening minimum from the site rules',
} as const;

export function outOfSeasonReason(rules: IceCrossingRules): StatusReason {
  const { opens, closes } = rules.season;
  return {
    code: 'out_of_season',
    params: { opens, closes, timeZone: rules.timeZone },
    text: `closed: outside the ice season (${opens} to ${closes}, local dates in ${rules.timeZone}), whatever the ice`,
    source: SOURCE.season,
  };
}

export function noStationsReason(): StatusReason {
  return {
    code: 'no_stations',
    params: {},
    text: 'unknown: no ice station reports for this crossing; it cannot open on the calendar alone',
    source: SOURCE.silent,
  };
}

/** None when the station has a finite thickness no older than staleAfterMs. */
export function silentReason(station: StationSnapshot, now: number, staleAfterMs: number): StatusReason[] {
  const sample = station.iceThicknessCm;
  if (!sample || !Number.isFinite(sample.value) || !Number.isFinite(sample.ts)) {
    return [
      {
        code: 'no_thickness',
        params: { stationId: station.deviceId },
        text: `unknown: station ${station.deviceId} has reported no ice thickness`,
        source: SOURCE.silent,
      },
    ];
  }
  if (now - sample.ts <= staleAfterMs) return [];
  return [
    {
      code: 'stale_thickness',
      params: { stationId: station.deviceId, silentMs: now - sample.ts, lastTs: sample.ts, staleAfterMs },
      text:
        `unknown: station ${station.deviceId} silent for ${formatDuration(now - sample.ts)} ` +
        `(last ice thickness at ${formatUtc(sample.ts)}); ` +
        `readings older than ${formatDuration(staleAfterMs)} are not trusted`,
      source: SOURCE.silent,
    },
  ];
}

/** One reason when the station's newest crack reading, of any age, is at least crackCloseMm. */
export function crackReason(station: StationSnapshot, now: number, crackCloseMm: number): StatusReason[] {
  const crack = station.crackWidthMm;
  if (!crack || !(crack.value >= crackCloseMm)) return [];
  return [
    {
      code: 'crack',
      params: {
        stationId: station.deviceId,
        widthMm: crack.value,
        agoMs: now - crack.ts,
        closeAtMm: crackCloseMm,
      },
      text:
        `closed: open or wet crack ${formatNumber(crack.value)} mm wide at station ${station.deviceId} ` +
        `(reported ${formatDuration(now - crack.ts)} ago; closes at ${formatNumber(crackCloseMm)} mm): ` +
        'do not drive, whatever the thickness',
      source: SOURCE.crack,
    },
  ];
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
  const which = stationCount > 1 ? `, the weakest of ${stationCount}` : '';
  const layers =
    weakest.whiteCm === undefined
      ? `${formatNumber(weakest.totalCm)} cm total, no white ice reported`
      : `${formatNumber(weakest.totalCm)} cm total, ${formatNumber(weakest.whiteCm)} cm white`;
  return {
    code: 'governing_station',
    params: {
      stationId: weakest.deviceId,
      stationCount,
      effectiveCm: weakest.effectiveCm,
      totalCm: weakest.totalCm,
      whiteCm: weakest.whiteCm,
      designLoadTonnes: rules.designLoadTonnes,
      requiredCm,
      goldA: rules.goldA,
      derated,
    },
    text:
      `station ${weakest.deviceId}${which}: ${formatNumber(weakest.effectiveCm)} cm effective ice (${layers}); ` +
      `a ${formatNumber(rules.designLoadTonnes)} t truck needs ${formatNumber(requiredCm)} cm ` +
      `(Gold, A = ${formatNumber(rules.goldA, 2)}${derated ? ', after the derating below' : ''})`,
    source: SOURCE.gold,
  };
}

/** None when the weather does not derate (−10 °C or colder). */
export function thawReason(meanAirTemp3dC: number | undefined, thaw: ThawDerating): StatusReason[] {
  if (thaw.capacityFactor >= 1) return [];
  const air =
    meanAirTemp3dC === undefined || !Number.isFinite(meanAirTemp3dC)
      ? 'no 3-day mean air temperature'
      : `3-day mean air temperature ${formatCelsius(meanAirTemp3dC)}`;
  return [
    {
      code: 'thaw',
      params: {
        meanAirC:
          meanAirTemp3dC !== undefined && Number.isFinite(meanAirTemp3dC) ? meanAirTemp3dC : undefined,
        row: thaw.row,
        thicknessFactor: thaw.thicknessFactor,
        capacityFactor: thaw.capacityFactor,
      },
      text:
        `${air}, thaw table ${thaw.row}: required thickness × ${formatNumber(thaw.thicknessFactor, 2)}, ` +
        `capacity × ${formatNumber(thaw.capacityFactor, 2)}`,
      source: SOURCE.thaw,
    },
  ];
}

/** None when no station reports water on the ice. */
export function overflowReason(flooded: StationSnapshot[], now: number, factor: number): StatusReason[] {
  if (flooded.length === 0) return [];
  const where = flooded
    .map((s) => `${s.deviceId} (reported ${formatDuration(now - (s.overflow as Sample<boolean>).ts)} ago)`)
    .join(', ');
  return [
    {
      code: 'overflow',
      params: {
        stations: flooded.map((s) => ({
          stationId: s.deviceId,
          agoMs: now - (s.overflow as Sample<boolean>).ts,
        })),
        capacityFactor: factor,
      },
      text: `water on the ice at station ${where}: capacity × ${formatNumber(factor, 2)}`,
      source: SOURCE.overflow,
    },
  ];
}

export function springReason(rules: IceCrossingRules): StatusReason {
  return {
    code: 'spring_ice',
    params: {
      from: rules.springFrom,
      closes: rules.season.closes,
      capacityFactor: rules.springCapacityFactor,
    },
    text:
      `spring ice (from ${rules.springFrom} to ${rules.season.closes}): ` +
      `capacity × ${formatNumber(rules.springCapacityFactor, 2)}`,
    source: SOURCE.spring,
  };
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
  const tonnes = formatNumber(capacity.maxTonnes);
  const basis =
    `Gold ${formatNumber(capacity.goldTonnes)} t at ${formatNumber(capacity.effectiveCm)} cm` +
    (capacity.capacityFactor < 1
      ? ` × ${formatNumber(capacity.capacityFactor, 3)} for the conditions below`
      : '');
  const design = `${formatNumber(rules.designLoadTonnes)} t design load`;
  const text = {
    open: `open: the ice carries ${tonnes} t gross (${basis}), at least the ${design}`,
    restricted: `restricted to vehicles of at most ${tonnes} t gross (${basis}), below the ${design}`,
    closed: `closed: the ice carries only ${tonnes} t gross (${basis}), below the ${formatNumber(rules.minOpenTonnes)} t minimum for opening`,
  }[status];
  const params = {
    maxTonnes: capacity.maxTonnes,
    goldTonnes: capacity.goldTonnes,
    effectiveCm: capacity.effectiveCm,
    capacityFactor: capacity.capacityFactor,
    designLoadTonnes: rules.designLoadTonnes,
    minOpenTonnes: rules.minOpenTonnes,
  };
  return { code: status === 'closed' ? 'below_minimum' : status, params, text, source: SOURCE.verdict };
}

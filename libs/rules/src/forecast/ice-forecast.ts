import { allowedLoadTonnes, requiredThicknessCm, thawDerating } from '../ice/ice-capacity';
import { projectAirTemperature } from './air-projection';
import {
  DEFAULT_MELT_CM_PER_DEGREE_DAY,
  fitStefanAlpha,
  stepIce,
  type AirSample,
  type StefanFit,
  type ThicknessSample,
} from './stefan';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The load classes whose opening date early winter asks for, tonnes gross. */
export const DEFAULT_LOAD_CLASSES_TONNES: readonly number[] = [5, 15, 30, 40];
export const FORECAST_HORIZON_HOURS = 72;
/**
 * How wide the band is (docs/domain.md §9) [design]: α ±15 %, melt ×0.5…×1.5, the air 2 °C warmer or
 * colder at once and 1.5 °C more per day ahead, the gauge ±2 cm (docs/domain.md §4).
 */
export const FORECAST_BAND = Object.freeze({
  alphaShare: 0.15,
  meltShare: 0.5,
  airC: 2,
  airCPerDay: 1.5,
  gaugeCm: 2,
});
/** Dates further out than this are not given: the season changes first [design]. */
const MAX_EXTRAPOLATION_DAYS = 150;

export interface IceForecastInput {
  /** Each station's effective thickness history (docs/domain.md §2), any order. */
  /** `fit`: α fitted elsewhere on a longer history (the service fits from its store); default: fit here. */
  stations: readonly { stationId: string; thickness: readonly ThicknessSample[]; fit?: StefanFit }[];
  /** Hourly air temperature means at the site, the season so far. */
  air: readonly AirSample[];
  /** Hourly air temperatures an outside weather service forecast for the site. */
  airForecast?: readonly AirSample[];
  now: number;
  goldA: number;
  /** Other derating in force now (water on the ice, spring ice), held through the forecast. */
  otherCapacityFactor?: number;
  minOpenTonnes: number;
  loadClassesTonnes?: readonly number[];
  meltCmPerDegreeDay?: number;
  horizonHours?: number;
}

export interface Band {
  low: number;
  mid: number;
  high: number;
}

export interface IceForecastPoint {
  ts: number;
  airTempC: number;
  /** The weakest station's effective thickness, cm. */
  effectiveThicknessCm: Band;
  /** Allowed gross mass, t, rounded down to 0.1 t as the status posts it. */
  allowedTonnes: Band;
}

export interface IceForecast {
  /** Always true: a forecast is advice and never changes the status (docs/domain.md §7). */
  advice: true;
  generatedAt: number;
  stations: ({ stationId: string; fromCm: number } & StefanFit)[];
  /** Hourly, from the hour of `now` (0) to `horizonHours` ahead, both included. Empty when a station has no thickness or there is no air data. */
  points: IceForecastPoint[];
  /** When each load class becomes allowed (epoch ms, `now` if it already is); undefined: not at this weather. */
  loadClasses: { tonnes: number; allowedFrom?: number }[];
  /** When capacity falls below the opening minimum; undefined: not at this weather. */
  lastOpenAt?: number;
}

interface Scenario {
  alpha: number;
  melt: number;
  startCm: number;
  airShift: (hour: number) => number;
}

/**
 * The ice of a crossing for the next hours (docs/domain.md §9): every station's thickness stepped
 * hour by hour through the projected air, the weakest governing, and the allowed mass by Gold's
 * formula derated by the projected 3-day mean — with a band from a pessimistic and an optimistic
 * run. Advice only: the crossing's status stays on measurements.
 */
export function forecastIce(input: IceForecastInput): IceForecast {
  const { now, goldA } = input;
  const hours = input.horizonHours ?? FORECAST_HORIZON_HOURS;
  const melt = input.meltCmPerDegreeDay ?? DEFAULT_MELT_CM_PER_DEGREE_DAY;
  const other = input.otherCapacityFactor ?? 1;
  const stations = input.stations.flatMap(({ stationId, thickness, fit }) => {
    const past = thickness.filter((s) => s.ts <= now);
    const newest = past.reduce<ThicknessSample | undefined>((a, s) => (a && a.ts >= s.ts ? a : s), undefined);
    return newest ? [{ stationId, fromCm: newest.cm, ...(fit ?? fitStefanAlpha(past, input.air)) }] : [];
  });
  const projected = projectAirTemperature(input.air, input.airForecast ?? [], now, hours + 1);
  const empty: IceForecast = { advice: true, generatedAt: now, stations, points: [], loadClasses: [] };
  // Fail safe: a station without thickness or a site without air data gives no advice at all.
  if (stations.length === 0 || stations.length < input.stations.length || !projected) return empty;

  const start = Math.floor(now / HOUR_MS) * HOUR_MS;
  const band = FORECAST_BAND;
  const spread = (hour: number) => band.airC + (band.airCPerDay * hour) / 24;
  const run = (scenario: (s: (typeof stations)[number]) => Scenario) =>
    stations.map((station) => {
      const { alpha, melt: m, startCm, airShift } = scenario(station);
      const cm: number[] = [];
      let h = startCm;
      for (let hour = 0; hour <= hours; hour++) {
        cm.push(h);
        h = stepIce(h, projected[hour] + airShift(hour), alpha, m);
      }
      return cm;
    });
  const mid = run((s) => ({ alpha: s.alpha, melt, startCm: s.fromCm, airShift: () => 0 }));
  const low = run((s) => ({
    alpha: s.alpha * (1 - band.alphaShare),
    melt: melt * (1 + band.meltShare),
    startCm: Math.max(0, s.fromCm - band.gaugeCm),
    airShift: spread,
  }));
  const high = run((s) => ({
    alpha: s.alpha * (1 + band.alphaShare),
    melt: melt * (1 - band.meltShare),
    startCm: s.fromCm + band.gaugeCm,
    airShift: (hour) => -spread(hour),
  }));
  const weakest = (runs: number[][], hour: number) => Math.min(...runs.map((cm) => cm[hour]));
  const mean3d = rollingMean3d(input.air, projected, start);
  const points: IceForecastPoint[] = [];
  for (let hour = 0; hour <= hours; hour++) {
    const air = projected[hour];
    const allowed = (cm: number, shift: number) =>
      roundDown(allowedLoadTonnes(cm, goldA) * thawDerating(mean3d(hour) + shift).capacityFactor * other);
    const thickness = { low: weakest(low, hour), mid: weakest(mid, hour), high: weakest(high, hour) };
    points.push({
      ts: start + hour * HOUR_MS,
      airTempC: air,
      effectiveThicknessCm: thickness,
      allowedTonnes: {
        low: allowed(thickness.low, spread(hour)),
        mid: allowed(thickness.mid, 0),
        high: allowed(thickness.high, -spread(hour)),
      },
    });
  }
  const context = { now, goldA, other, melt, points, stations, mid, projected };
  return {
    ...empty,
    points,
    loadClasses: (input.loadClassesTonnes ?? DEFAULT_LOAD_CLASSES_TONNES).map((tonnes) => ({
      tonnes,
      allowedFrom: allowedFrom(tonnes, context),
    })),
    lastOpenAt: lastOpenAt(input.minOpenTonnes, context),
  };
}

interface DateContext {
  now: number;
  goldA: number;
  other: number;
  melt: number;
  points: IceForecastPoint[];
  stations: ({ fromCm: number } & StefanFit)[];
  mid: number[][];
  projected: number[];
}

/** The first hour the middle forecast allows `tonnes`; past the horizon, Stefan's law at the last day's air. */
function allowedFrom(tonnes: number, c: DateContext): number | undefined {
  if (c.points[0].allowedTonnes.mid >= tonnes) return c.now;
  const within = c.points.find((p) => p.allowedTonnes.mid >= tonnes);
  if (within) return within.ts;
  const air = lastDayMean(c.projected);
  if (!(air < 0)) return undefined;
  const factor = thawDerating(air).capacityFactor * c.other;
  const neededCm = requiredThicknessCm(tonnes / factor, c.goldA);
  const fddPerDay = -air;
  // The weakest station governs: the latest of the stations' dates.
  const days = Math.max(
    ...c.stations.map((s, i) => {
      const endCm = c.mid[i][c.mid[i].length - 1];
      return Math.max(0, (neededCm * neededCm - endCm * endCm) / (s.alpha * s.alpha * fddPerDay));
    }),
  );
  return days <= MAX_EXTRAPOLATION_DAYS ? endOf(c) + days * DAY_MS : undefined;
}

/**
 * The first hour the middle forecast falls below the opening minimum; past the horizon, melt at the
 * last day's air. Undefined for ice that does not carry the minimum now (early winter).
 */
function lastOpenAt(minOpenTonnes: number, c: DateContext): number | undefined {
  if (c.points[0].allowedTonnes.mid < minOpenTonnes) return undefined;
  const below = c.points.find((p) => p.allowedTonnes.mid < minOpenTonnes);
  if (below) return below.ts;
  const air = lastDayMean(c.projected);
  if (!(air > 0)) return undefined;
  const factor = thawDerating(air).capacityFactor * c.other;
  const minimumCm = requiredThicknessCm(minOpenTonnes / factor, c.goldA);
  const days = Math.min(...c.mid.map((cm) => Math.max(0, (cm[cm.length - 1] - minimumCm) / (c.melt * air))));
  return days <= MAX_EXTRAPOLATION_DAYS ? endOf(c) + days * DAY_MS : undefined;
}

function endOf(c: DateContext): number {
  return c.points[c.points.length - 1].ts;
}

function lastDayMean(projected: number[]): number {
  const day = projected.slice(-24);
  return day.reduce((a, b) => a + b, 0) / day.length;
}

/** The 3-day mean air temperature before each forecast hour, over measured and projected hours. */
function rollingMean3d(history: readonly AirSample[], projected: number[], start: number) {
  const past = history.filter((s) => s.ts < start && s.ts >= start - 3 * DAY_MS);
  const pastByHour = new Map(past.map((s) => [Math.floor(s.ts / HOUR_MS) * HOUR_MS, s.tempC]));
  return (hour: number): number => {
    let sum = 0;
    let count = 0;
    for (let h = hour - 72; h < hour; h++) {
      const value = h >= 0 ? projected[h] : pastByHour.get(start + h * HOUR_MS);
      if (value === undefined) continue;
      sum += value;
      count += 1;
    }
    return count > 0 ? sum / count : projected[hour];
  };
}

// The margin absorbs floating-point noise, as the status does.
function roundDown(tonnes: number): number {
  return Math.max(0, Math.floor(tonnes * 10 + 1e-9) / 10);
}

import type { CrossingState, Sample, StatusReason } from '../ice/crossing-status';
import { formatDuration, formatNumber } from '../ice/format';
import { inSeason } from '../ice/season';

export interface FerryCrossingInput {
  crossingId: string;
  /** The open-water season, 'MM-DD' to 'MM-DD' inclusive, local dates. */
  season: { opens: string; closes: string };
  timeZone: string;
  /** The water level the ferry needs, cm on the gauge; none → the level is not judged. */
  minWaterLevelCm?: number;
  /** The newest water level reported on this crossing. */
  waterLevel?: Sample;
  /** A level older than this is no level at all (fail safe, docs/domain.md §4). */
  staleAfterMs: number;
  /** The load the ferry is rated for, t. */
  ratedTonnes: number;
  now: number;
}

export interface FerryCrossingStatus {
  crossingId: string;
  status: Exclude<CrossingState, 'restricted'>;
  /** The rated load when open, else 0. */
  maxGrossTonnes: number;
  reasons: StatusReason[];
  evaluatedAt: number;
}

const SOURCE = {
  season: 'Season calendar of the site: open water between the ice runs',
  silent: 'A silent sensor means unknown, never "still fine" (design choice)',
  lowWater: 'Low Amur water stopped river transfers in 2019; minimum from the site configuration',
  rated: "The ferry's rated load from the site configuration",
} as const;

/**
 * Judges a ferry crossing, failing safe like the ice: out of the open-water season it is closed;
 * with a water-level minimum configured, a missing or stale level makes it unknown and a level
 * below the minimum closes it; otherwise it is open for the ferry's rated load.
 */
export function evaluateFerryCrossing(input: FerryCrossingInput): FerryCrossingStatus {
  const { crossingId, season, timeZone, minWaterLevelCm, waterLevel, now } = input;
  const verdict = (status: FerryCrossingStatus['status'], reasons: StatusReason[]): FerryCrossingStatus => ({
    crossingId,
    status,
    maxGrossTonnes: status === 'open' ? input.ratedTonnes : 0,
    reasons,
    evaluatedAt: now,
  });
  if (!inSeason(season, now, timeZone)) {
    return verdict('closed', [
      {
        code: 'out_of_season',
        params: { opens: season.opens, closes: season.closes, timeZone },
        text: `closed: outside the ferry season (${season.opens} to ${season.closes}, local dates in ${timeZone}): ice runs or ice, no safe crossing`,
        source: SOURCE.season,
      },
    ]);
  }
  if (minWaterLevelCm !== undefined) {
    if (!waterLevel || !Number.isFinite(waterLevel.ts)) {
      return verdict('unknown', [
        {
          code: 'no_water_level',
          params: { minimumCm: minWaterLevelCm },
          text: `unknown: no water level reported; the ferry needs ${formatNumber(minWaterLevelCm)} cm`,
          source: SOURCE.silent,
        },
      ]);
    }
    const age = now - waterLevel.ts;
    if (age > input.staleAfterMs) {
      return verdict('unknown', [
        {
          code: 'stale_water_level',
          params: { ageMs: age, staleAfterMs: input.staleAfterMs },
          text: `unknown: the newest water level is ${formatDuration(age)} old`,
          source: SOURCE.silent,
        },
      ]);
    }
    if (waterLevel.value < minWaterLevelCm) {
      return verdict('closed', [
        {
          code: 'low_water',
          params: { levelCm: waterLevel.value, minimumCm: minWaterLevelCm },
          text: `closed: water level ${formatNumber(waterLevel.value)} cm, below the ${formatNumber(minWaterLevelCm)} cm the ferry needs`,
          source: SOURCE.lowWater,
        },
      ]);
    }
  }
  return verdict('open', [
    {
      code: 'open',
      params: { ratedTonnes: input.ratedTonnes, levelCm: waterLevel?.value, minimumCm: minWaterLevelCm },
      text:
        `open for ${formatNumber(input.ratedTonnes)} t` +
        (waterLevel && minWaterLevelCm !== undefined
          ? `: water level ${formatNumber(waterLevel.value)} cm (needs ${formatNumber(minWaterLevelCm)} cm)`
          : ''),
      source: SOURCE.rated,
    },
  ]);
}

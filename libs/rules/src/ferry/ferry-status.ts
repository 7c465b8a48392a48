import type { CrossingState, Sample, StatusReason } from '../ice/crossing-status';
import { statusReason } from '../ice/status-reasons';
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
    const params = { opens: season.opens, closes: season.closes, timeZone, ferry: true };
    return verdict('closed', [statusReason('out_of_season', params, SOURCE.season)]);
  }
  if (minWaterLevelCm !== undefined) {
    if (!waterLevel || !Number.isFinite(waterLevel.ts)) {
      return verdict('unknown', [
        statusReason('no_water_level', { minimumCm: minWaterLevelCm }, SOURCE.silent),
      ]);
    }
    const ageMs = now - waterLevel.ts;
    if (ageMs > input.staleAfterMs) {
      const params = { ageMs, staleAfterMs: input.staleAfterMs };
      return verdict('unknown', [statusReason('stale_water_level', params, SOURCE.silent)]);
    }
    if (waterLevel.value < minWaterLevelCm) {
      const params = { levelCm: waterLevel.value, minimumCm: minWaterLevelCm };
      return verdict('closed', [statusReason('low_water', params, SOURCE.lowWater)]);
    }
  }
  const params = { ratedTonnes: input.ratedTonnes, levelCm: waterLevel?.value, minimumCm: minWaterLevelCm };
  return verdict('open', [statusReason('open', params, SOURCE.rated)]);
}

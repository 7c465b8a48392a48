import { Injectable } from '@nestjs/common';
import { DEFAULT_ICE_RULES, evaluateFerryCrossing, type FerryCrossingStatus, type Sample } from '@jct/rules';
import type { Crossing } from '@jct/site-config';
import { SiteRegistry } from '../site/site-registry';

/**
 * The status of the ferry crossings: the newest water level each ferry reports, judged by libs/rules
 * evaluateFerryCrossing. After a restart the level is unknown until a ferry reports again: unknown,
 * never open, meanwhile.
 */
@Injectable()
export class FerryCrossings {
  /** The newest water level reported on each ferry crossing, by device time. */
  private readonly waterLevels = new Map<string, Sample>();

  constructor(private readonly site: SiteRegistry) {}

  recordWaterLevel(crossingId: string, level: Sample): void {
    const known = this.waterLevels.get(crossingId);
    if (!known || level.ts > known.ts) this.waterLevels.set(crossingId, level);
  }

  /** The newest water level reported on the crossing, for the dashboard's gauge. */
  waterLevel(crossingId: string): Sample | undefined {
    return this.waterLevels.get(crossingId);
  }

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

import { Injectable } from '@nestjs/common';
import type { AirSample } from '@jct/rules';

const HOUR_MS = 3_600_000;
/** An outside forecast is kept for the 72 h it can cover and a day of overlap with the past [design]. */
const KEEP_PAST_MS = 24 * HOUR_MS;

/**
 * The hourly air temperatures an outside weather service published for each crossing (the
 * forecast feed). A newer publication replaces the hours it covers; past hours are dropped.
 */
@Injectable()
export class AirForecastFeed {
  private readonly byCrossing = new Map<string, Map<number, number>>();

  publish(crossingId: string, hours: readonly AirSample[], now: number): void {
    const held = this.byCrossing.get(crossingId) ?? new Map<number, number>();
    for (const hour of hours) held.set(Math.floor(hour.ts / HOUR_MS) * HOUR_MS, hour.tempC);
    for (const ts of held.keys()) if (ts < now - KEEP_PAST_MS) held.delete(ts);
    this.byCrossing.set(crossingId, held);
  }

  hours(crossingId: string): AirSample[] {
    return [...(this.byCrossing.get(crossingId) ?? [])]
      .map(([ts, tempC]) => ({ ts, tempC }))
      .sort((a, b) => a.ts - b.ts);
  }
}

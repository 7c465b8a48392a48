import type { Sample, StationSnapshot } from './crossing-status';
import { trustedStation, type ThicknessPoint, type ThicknessTrustRules } from './thickness-trust';

const DAY_MS = 86_400_000;
/**
 * Thickness readings kept per station: long enough that a held rise cannot outlive the reading it
 * is judged against (60 → 120 cm needs ~20 days at a plausible rate), bounded (hourly: ~700).
 */
export const THICKNESS_KEEP_MS = 30 * DAY_MS;

type SampledMetric = 'whiteIceCm' | 'crackWidthMm';

/**
 * What one ice station has reported, kept as the store keeps it (docs/domain.md §8, corrections):
 * by device time, the last value for a timestamp winning, whatever order the readings arrive in.
 * The station the crossing sees is derived from these each time (`snapshot`), so a status built
 * reading by reading equals one recomputed from the stored points.
 */
export class StationReadings {
  private readonly thickness = new Map<number, ThicknessPoint>();
  /** White ice by time: a rise of the total that is white ice is not bound by Stefan's law. */
  private readonly white = new Map<number, { ts: number; value: number }>();
  private readonly manual: ThicknessPoint[] = [];
  private readonly newest: Partial<Record<SampledMetric, Sample>> & { overflow?: Sample<boolean> } = {};

  constructor(
    readonly deviceId: string,
    private readonly keepMs = THICKNESS_KEEP_MS,
  ) {}

  /** One stored reading; metrics other than the station's own are ignored. */
  add(metric: string, ts: number, value: number | boolean): void {
    switch (metric) {
      case 'iceThicknessCm':
        this.keep(this.thickness, { ts, value: value as number });
        break;
      case 'whiteIceCm':
        this.keep(this.white, { ts, value: value as number });
        if (!this.newest[metric] || ts >= this.newest[metric].ts)
          this.newest[metric] = { value: value as number, ts };
        break;
      case 'crackWidthMm':
        // `>=`: the same timestamp again is a correction; the store keeps the last value.
        if (!this.newest[metric] || ts >= this.newest[metric].ts)
          this.newest[metric] = { value: value as number, ts };
        break;
      case 'overflow':
        if (!this.newest.overflow || ts >= this.newest.overflow.ts)
          this.newest.overflow = { value: value as boolean, ts };
        break;
    }
  }

  /** An operator's manual measurement: believed whatever it says (thickness-trust.ts). */
  addManual(point: { ts: number; valueCm: number; by: string }): void {
    this.manual.push({ ts: point.ts, value: point.valueCm, manualBy: point.by });
  }

  /** The station as the crossing sees it at `now`: believed thickness, held rise, stuck gauge. */
  snapshot(
    airTemps: readonly { ts: number; tempC: number }[],
    now: number,
    rules: ThicknessTrustRules,
  ): StationSnapshot {
    const station: StationSnapshot = { deviceId: this.deviceId };
    if (this.newest.whiteIceCm) station.whiteIceCm = this.newest.whiteIceCm;
    if (this.newest.crackWidthMm) station.crackWidthMm = this.newest.crackWidthMm;
    if (this.newest.overflow) station.overflow = this.newest.overflow;
    const thickness = [...this.thickness.values(), ...this.manual];
    return trustedStation(station, thickness, airTemps, now, rules, [...this.white.values()]);
  }

  private keep<P extends { ts: number }>(series: Map<number, P>, point: P): void {
    series.set(point.ts, point);
    const newest = Math.max(...series.keys());
    for (const ts of series.keys()) if (ts < newest - this.keepMs) series.delete(ts);
  }
}

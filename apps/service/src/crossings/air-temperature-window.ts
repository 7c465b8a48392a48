const HOUR_MS = 3_600_000;

/**
 * Hourly means of air temperature over the last three days, for the thaw derating by the 3-day
 * mean (docs/domain.md §2). Memory is bounded: one bucket an hour, older ones dropped.
 */
export class AirTemperatureWindow {
  private readonly buckets = new Map<number, { sum: number; count: number }>();
  /** The newest reading by device time. */
  newest?: { ts: number; tempC: number };

  constructor(private readonly windowMs = 72 * HOUR_MS) {}

  add(ts: number, tempC: number): void {
    const hour = Math.floor(ts / HOUR_MS) * HOUR_MS;
    const bucket = this.buckets.get(hour) ?? { sum: 0, count: 0 };
    bucket.sum += tempC;
    bucket.count += 1;
    this.buckets.set(hour, bucket);
    if (!this.newest || ts > this.newest.ts) this.newest = { ts, tempC };
  }

  /** The hourly means held, oldest first: what a stuck gauge's drivers did (docs/domain.md §8). */
  hourly(): { ts: number; tempC: number }[] {
    return [...this.buckets]
      .map(([hour, bucket]) => ({ ts: hour, tempC: bucket.sum / bucket.count }))
      .sort((a, b) => a.ts - b.ts);
  }

  /** The mean of the hourly means within the window before `now`; undefined with no data. */
  mean(now: number): number | undefined {
    let sum = 0;
    let hours = 0;
    for (const [hour, bucket] of this.buckets) {
      if (hour < now - this.windowMs) {
        this.buckets.delete(hour);
        continue;
      }
      if (hour > now) continue;
      sum += bucket.sum / bucket.count;
      hours += 1;
    }
    return hours > 0 ? sum / hours : undefined;
  }
}

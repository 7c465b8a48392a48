const BUCKET_MS = 10 * 60_000;

/**
 * Ten-minute mean temperatures of one container over the MKT window (24 h for pharma 2–8 °C, 30
 * days for controlled room temperature): the equally spaced samples the mean kinetic temperature
 * needs (docs/domain.md §5), in bounded memory.
 */
export class TemperatureHistory {
  private readonly buckets = new Map<number, { sum: number; count: number }>();

  constructor(private readonly windowMs: number) {}

  add(ts: number, tempC: number): void {
    const start = Math.floor(ts / BUCKET_MS) * BUCKET_MS;
    const bucket = this.buckets.get(start) ?? { sum: 0, count: 0 };
    bucket.sum += tempC;
    bucket.count += 1;
    this.buckets.set(start, bucket);
  }

  /** Ten-minute means within the window ending at `now` (the MKT does not depend on their order). */
  samples(now: number): number[] {
    const result: number[] = [];
    for (const [start, bucket] of this.buckets) {
      if (start < now - this.windowMs) this.buckets.delete(start);
      else result.push(bucket.sum / bucket.count);
    }
    return result;
  }
}

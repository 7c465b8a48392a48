const BUCKET_MS = 10 * 60_000;
const HOUR_MS = 3_600_000;

/**
 * Ten-minute mean temperatures over the last 70 minutes of one container, to see it warming:
 * the rise per hour is the newest ten-minute mean minus the one an hour before it.
 */
export class RiseTracker {
  private readonly buckets = new Map<number, { sum: number; count: number }>();

  add(ts: number, tempC: number): void {
    const start = Math.floor(ts / BUCKET_MS) * BUCKET_MS;
    const bucket = this.buckets.get(start);
    if (bucket) {
      bucket.sum += tempC;
      bucket.count += 1;
    } else {
      this.buckets.set(start, { sum: tempC, count: 1 });
      for (const old of this.buckets.keys()) if (old < start - HOUR_MS - BUCKET_MS) this.buckets.delete(old);
    }
  }

  /** °C per hour between the bucket of `ts` and the bucket an hour earlier; undefined without both. */
  risePerHour(ts: number): number | undefined {
    const now = Math.floor(ts / BUCKET_MS) * BUCKET_MS;
    const current = this.buckets.get(now);
    const before = this.buckets.get(now - HOUR_MS);
    return current && before ? current.sum / current.count - before.sum / before.count : undefined;
  }
}

/** The samples of a Prometheus text exposition, keyed by `name{labels}` exactly as written. */
export class PromSamples {
  private readonly samples = new Map<string, number>();

  constructor(text: string) {
    for (const line of text.split('\n')) {
      if (line === '' || line.startsWith('#')) continue;
      // name{labels} value [timestamp]; label values here never contain spaces.
      const match = /^(\S+)\s+(\S+)/.exec(line);
      if (match) this.samples.set(match[1], Number(match[2]));
    }
  }

  /** A sample without labels, or the sum over every label set when there is no bare one. */
  value(name: string): number {
    const bare = this.samples.get(name);
    if (bare !== undefined) return bare;
    let sum = 0;
    for (const [key, value] of this.samples) if (key.startsWith(`${name}{`)) sum += value;
    return sum;
  }

  /** A summary's quantile in the metric's unit; NaN when it has no observations. */
  quantile(name: string, q: string): number {
    return this.samples.get(`${name}{quantile="${q}"}`) ?? NaN;
  }

  /**
   * A quantile of a histogram from its cumulative buckets, interpolated linearly inside the bucket
   * (as Prometheus' histogram_quantile does); NaN without observations.
   */
  histogramQuantile(name: string, q: number): number {
    const buckets = [...this.samples]
      .map(([key, count]) => ({ match: new RegExp(`^${name}_bucket\\{le="([^"]+)"\\}$`).exec(key), count }))
      .filter((b): b is { match: RegExpExecArray; count: number } => b.match !== null)
      .map((b) => ({ le: b.match[1] === '+Inf' ? Infinity : Number(b.match[1]), count: b.count }))
      .sort((a, b) => a.le - b.le);
    const total = buckets[buckets.length - 1]?.count ?? 0;
    if (total === 0) return NaN;
    const rank = q * total;
    let lower = 0;
    let below = 0;
    for (const bucket of buckets) {
      if (bucket.count >= rank) {
        if (bucket.le === Infinity) return lower;
        return lower + ((bucket.le - lower) * (rank - below)) / Math.max(1, bucket.count - below);
      }
      lower = bucket.le;
      below = bucket.count;
    }
    return lower;
  }

  /** Every sample of `name` with labels, e.g. rejections by code. */
  labelled(name: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [key, value] of this.samples) if (key.startsWith(`${name}{`)) out[key] = value;
    return out;
  }
}

/** Latency samples in milliseconds, kept in a growable Float64Array (no per-sample objects). */
export class LatencySamples {
  private buffer = new Float64Array(1 << 16);
  private size = 0;

  get length(): number {
    return this.size;
  }

  add(ms: number): void {
    if (this.size === this.buffer.length) {
      const bigger = new Float64Array(this.buffer.length * 2);
      bigger.set(this.buffer);
      this.buffer = bigger;
    }
    this.buffer[this.size++] = ms;
  }

  /** Summary of the samples from index `from` (inclusive) to `to` (exclusive); all by default. */
  summary(from = 0, to = this.size): LatencySummary {
    const sorted = this.buffer.slice(from, to).sort();
    const n = sorted.length;
    if (n === 0) return { count: 0, p50: NaN, p90: NaN, p99: NaN, max: NaN, mean: NaN };
    let sum = 0;
    for (let i = 0; i < n; i++) sum += sorted[i];
    return {
      count: n,
      p50: percentile(sorted, 0.5),
      p90: percentile(sorted, 0.9),
      p99: percentile(sorted, 0.99),
      max: sorted[n - 1],
      mean: sum / n,
    };
  }
}

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of ascending samples. */
function percentile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

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

  /** Every sample of `name` with labels, e.g. rejections by code. */
  labelled(name: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [key, value] of this.samples) if (key.startsWith(`${name}{`)) out[key] = value;
    return out;
  }
}

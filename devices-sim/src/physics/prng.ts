/**
 * Seeded pseudo-random numbers, so that one `--seed` gives byte-identical feeds. mulberry32
 * (Tommy Ettinger's 32-bit generator): tiny, fast, and good enough for sensor noise — not for
 * cryptography. Every device draws from its own stream (seed × device name), so adding a device
 * to a scenario does not change the numbers of the others.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A stream of its own for `name` (a device id, "weather"), derived from the run's seed. */
  static stream(seed: number, name: string): Random {
    return new Random(hash32(`${seed}:${name}`));
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Normal distribution (Box–Muller), mean 0. */
  gaussian(sigma = 1): number {
    const u = 1 - this.next(); // (0, 1]: log(0) is not a number
    const v = this.next();
    return sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

/** FNV-1a, 32 bits. */
export function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Rounds to `decimals` places, as a sensor reports: keeps the feed short and readable. */
export function round(value: number, decimals = 1): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

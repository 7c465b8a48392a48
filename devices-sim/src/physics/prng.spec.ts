import { hash32, Random } from './prng';

describe('Random (mulberry32)', () => {
  it('the same seed gives the same sequence', () => {
    const a = new Random(42);
    const b = new Random(42);
    const first = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(first);
  });

  it('another seed gives another sequence', () => {
    expect(new Random(1).next()).not.toBe(new Random(2).next());
  });

  it('a device stream does not depend on which other streams were drawn from', () => {
    const alone = Random.stream(7, 'ICE-1').next();
    Random.stream(7, 'ICE-2').next();
    expect(Random.stream(7, 'ICE-1').next()).toBe(alone);
    expect(Random.stream(7, 'ICE-2').next()).not.toBe(alone);
  });

  it('is uniform in [0, 1) and its gaussian has about the asked spread', () => {
    const random = new Random(3);
    const uniform = Array.from({ length: 20_000 }, () => random.next());
    expect(Math.min(...uniform)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...uniform)).toBeLessThan(1);
    expect(uniform.reduce((s, x) => s + x, 0) / uniform.length).toBeCloseTo(0.5, 1);
    const normal = Array.from({ length: 20_000 }, () => random.gaussian(2));
    const mean = normal.reduce((s, x) => s + x, 0) / normal.length;
    const sd = Math.sqrt(normal.reduce((s, x) => s + (x - mean) ** 2, 0) / normal.length);
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(sd).toBeGreaterThan(1.9);
    expect(sd).toBeLessThan(2.1);
  });

  it('hash32 is FNV-1a', () => {
    expect(hash32('')).toBe(0x811c9dc5);
    expect(hash32('a')).toBe(0xe40c292c);
  });
});

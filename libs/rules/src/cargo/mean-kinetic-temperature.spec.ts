import { meanKineticTemperatureC } from './mean-kinetic-temperature';

// ΔH/R = 83.144 / 8.3144e-3 = 10 000 K (docs/domain.md §5 constants).
const ACTIVATION_OVER_R_K = 10_000;
const K = 273.15;

describe('meanKineticTemperatureC', () => {
  it('a constant 5 °C → 5 °C', () => {
    expect(meanKineticTemperatureC([5, 5, 5, 5])).toBeCloseTo(5, 9);
  });

  it('a constant −40 °C (a routine Amur night) → −40 °C', () => {
    expect(meanKineticTemperatureC([-40, -40, -40])).toBeCloseTo(-40, 9);
  });

  it('[2, 8] °C → 5.54 °C, above the arithmetic mean 5 °C and below the warmest sample', () => {
    // e^(−10000/275.15) + e^(−10000/281.15), halved, −ln, 10000 / that − 273.15 = 5.5364 °C.
    const mkt = meanKineticTemperatureC([2, 8]);
    expect(mkt).toBeGreaterThan(5);
    expect(mkt).toBeLessThan(8);
    expect(mkt).toBeCloseTo(5.5364, 4);
  });

  it('9 °C for 2 h and 5 °C for 22 h, hourly → 5.42 °C, within the 8 °C of USP <659>', () => {
    const samples = [9, 9, ...Array<number>(22).fill(5)];
    const byHand =
      ACTIVATION_OVER_R_K /
        -Math.log(
          (2 * Math.exp(-ACTIVATION_OVER_R_K / (9 + K)) + 22 * Math.exp(-ACTIVATION_OVER_R_K / (5 + K))) / 24,
        ) -
      K;
    const mkt = meanKineticTemperatureC(samples);
    expect(mkt).toBeCloseTo(byHand, 9);
    expect(mkt).toBeCloseTo(5.4178, 4);
    expect(mkt).toBeGreaterThan((2 * 9 + 22 * 5) / 24); // the arithmetic mean, 5.33 °C
    expect(mkt).toBeLessThanOrEqual(8);
  });

  it('a vanishing activation energy → the harmonic mean of the kelvin temperatures', () => {
    // 2 / (1/273.15 + 1/313.15) = 291.7858 K = 18.6358 °C; the arithmetic mean would be 20 °C.
    expect(meanKineticTemperatureC([0, 40], 1e-6)).toBeCloseTo(18.6358, 3);
  });

  it('a large activation energy at −40 °C does not underflow to nonsense', () => {
    // e^(−601 366/233.15) is below the smallest double: summed naively the result is −273.15 °C.
    expect(meanKineticTemperatureC([-40, -40], 5000)).toBeCloseTo(-40, 6);
  });

  const invalid: { name: string; samples: number[]; activationEnergyKJ?: number }[] = [
    { name: 'an empty list', samples: [] },
    { name: 'a NaN sample', samples: [5, Number.NaN] },
    { name: 'a sample at absolute zero', samples: [5, -273.15] },
    { name: 'a zero activation energy', samples: [5], activationEnergyKJ: 0 },
    { name: 'a negative activation energy', samples: [5], activationEnergyKJ: -83.144 },
  ];
  it.each(invalid)('$name → RangeError', ({ samples, activationEnergyKJ }) => {
    expect(() => meanKineticTemperatureC(samples, activationEnergyKJ)).toThrow(RangeError);
  });
});

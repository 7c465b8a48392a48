import { allowedLoadTonnes, effectiveThicknessCm, requiredThicknessCm, thawDerating } from './ice-capacity';

describe('effectiveThicknessCm (docs/domain.md §2: white ice counts half)', () => {
  const cases: { name: string; totalCm: number; whiteCm?: number; expected: number }[] = [
    { name: '110 cm clear ice, no white given → 110 cm', totalCm: 110, expected: 110 },
    {
      name: 'white ice counts half: 66 cm total, 16 cm white → 50 + 8 = 58 cm',
      totalCm: 66,
      whiteCm: 16,
      expected: 58,
    },
    { name: 'all white: 60 cm white → 30 cm', totalCm: 60, whiteCm: 60, expected: 30 },
    {
      name: 'white thicker than the cover is clamped to the total: 50/80 → 25 cm',
      totalCm: 50,
      whiteCm: 80,
      expected: 25,
    },
    { name: 'negative white is clamped to 0: 50/−5 → 50 cm', totalCm: 50, whiteCm: -5, expected: 50 },
    { name: 'negative total → no ice', totalCm: -3, expected: 0 },
    { name: 'total not a number → no ice', totalCm: NaN, expected: 0 },
    {
      name: 'white not a number → all of it counted as white (fail safe): 50 → 25 cm',
      totalCm: 50,
      whiteCm: NaN,
      expected: 25,
    },
  ];
  it.each(cases)('$name', ({ totalCm, whiteCm, expected }) => {
    expect(effectiveThicknessCm(totalCm, whiteCm)).toBeCloseTo(expected, 10);
  });
});

describe('allowedLoadTonnes (docs/domain.md §2, Gold P = A·h²)', () => {
  const cases: { name: string; cm: number; goldA: number; tonnes: number }[] = [
    { name: '110 cm at A = 4 → 48.4 t', cm: 110, goldA: 4, tonnes: 48.4 },
    { name: '100 cm at A = 4 → 40 t', cm: 100, goldA: 4, tonnes: 40 },
    { name: '60 cm at A = 4 → 14.4 t', cm: 60, goldA: 4, tonnes: 14.4 },
    { name: '100 cm at A = 3.5 (Minnesota DNR) → 35 t', cm: 100, goldA: 3.5, tonnes: 35 },
    { name: 'no ice → 0 t', cm: 0, goldA: 4, tonnes: 0 },
    { name: 'negative thickness → 0 t, not A·h² of a negative', cm: -50, goldA: 4, tonnes: 0 },
  ];
  it.each(cases)('$name', ({ cm, goldA, tonnes }) => {
    expect(allowedLoadTonnes(cm, goldA)).toBeCloseTo(tonnes, 10);
  });
});

describe('requiredThicknessCm (docs/domain.md §2, h = √(1000·P/A))', () => {
  const cases: { name: string; tonnes: number; goldA: number; cm: number }[] = [
    {
      name: 'a 20 t truck at A = 4 → 70.7 cm (the "71 cm" of docs/domain.md)',
      tonnes: 20,
      goldA: 4,
      cm: 70.7107,
    },
    { name: 'a 40 t truck at A = 4 → 100 cm', tonnes: 40, goldA: 4, cm: 100 },
    { name: '30 t at A = 8.3 (Poyarkovo–Xunke practice) → 60.1 cm', tonnes: 30, goldA: 8.3, cm: 60.1204 },
    { name: 'no load → 0 cm', tonnes: 0, goldA: 4, cm: 0 },
  ];
  it.each(cases)('$name', ({ tonnes, goldA, cm }) => {
    expect(requiredThicknessCm(tonnes, goldA)).toBeCloseTo(cm, 3);
  });

  it.each([5, 20, 37.5, 40, 60])(
    'the required thickness for %p t carries exactly that load (A = 4)',
    (tonnes) => {
      expect(allowedLoadTonnes(requiredThicknessCm(tonnes, 4), 4)).toBeCloseTo(tonnes, 9);
    },
  );
});

describe('thawDerating (docs/domain.md §2, Russian table; step function [design])', () => {
  const cases: { name: string; mean: number | undefined; k: number; row: RegExp }[] = [
    { name: '−20 °C → no derating', mean: -20, k: 1, row: /no derating/ },
    { name: 'exactly −10 °C → no derating', mean: -10, k: 1, row: /no derating/ },
    { name: '−9.9 °C → the −5 °C row, × 1.1', mean: -9.9, k: 1.1, row: /−5 °C row/ },
    { name: 'exactly −5 °C → × 1.1', mean: -5, k: 1.1, row: /−5 °C row/ },
    { name: '−4.9 °C → the 0 °C row, × 1.4', mean: -4.9, k: 1.4, row: /^0 °C row/ },
    { name: '−4 °C → × 1.4', mean: -4, k: 1.4, row: /^0 °C row/ },
    { name: 'exactly 0 °C → × 1.4', mean: 0, k: 1.4, row: /^0 °C row/ },
    { name: '+0.1 °C → the above-0 °C row, × 1.5', mean: 0.1, k: 1.5, row: /above-0 °C row/ },
    { name: '+5 °C → × 1.5', mean: 5, k: 1.5, row: /above-0 °C row/ },
    {
      name: 'no air temperature → the worst row, × 1.5, and says so',
      mean: undefined,
      k: 1.5,
      row: /no air temperature data/,
    },
    {
      name: 'air temperature not a number → the worst row, × 1.5',
      mean: NaN,
      k: 1.5,
      row: /no air temperature data/,
    },
  ];
  it.each(cases)('$name', ({ mean, k, row }) => {
    const derating = thawDerating(mean);
    expect(derating.thicknessFactor).toBe(k);
    expect(derating.capacityFactor).toBeCloseTo(1 / (k * k), 12);
    expect(derating.row).toMatch(row);
  });

  it('capacity factors match the [D] column of docs/domain.md: 0.83, 0.51, 0.44', () => {
    expect(thawDerating(-5).capacityFactor).toBeCloseTo(0.83, 2);
    expect(thawDerating(0).capacityFactor).toBeCloseTo(0.51, 2);
    expect(thawDerating(1).capacityFactor).toBeCloseTo(0.44, 2);
  });
});

import { CARGO_PROFILES, type CargoProfile, cargoProfileProblems, mergeProfile } from './cargo-profiles';

describe('CARGO_PROFILES', () => {
  const required = [
    'frozen',
    'ice-cream',
    'chilled-meat',
    'poultry',
    'dairy',
    'fresh-produce',
    'pharma-2-8',
    'pharma-crt',
    'metals',
    'timber',
    'no-freeze',
    'equipment',
    'general',
  ];
  it.each(required)('%s exists under its own id, is consistent and names its source, not a file', (id) => {
    const profile = CARGO_PROFILES[id];
    expect(profile.id).toBe(id);
    expect(cargoProfileProblems(profile)).toEqual([]);
    expect(profile.source).not.toBe('');
    expect(profile.source).not.toMatch(/\.md\b|§/);
  });

  // The numbers of docs/domain.md §5, pinned: a change here must be a change of the domain reference.
  const limits: { name: string; id: string; expected: Partial<CargoProfile> }[] = [
    {
      name: 'quick-frozen ≤ −18 °C, +3 °C defrost for 15 min',
      id: 'frozen',
      expected: { tempC: { max: -18 }, defrost: { toleranceC: 3, maxMinutes: 15 } },
    },
    { name: 'ice cream ≤ −20 °C', id: 'ice-cream', expected: { tempC: { max: -20 } } },
    { name: 'red meat −1.5…+7 °C', id: 'chilled-meat', expected: { tempC: { min: -1.5, max: 7 } } },
    { name: 'poultry ≤ +4 °C', id: 'poultry', expected: { tempC: { max: 4 } } },
    { name: 'dairy 0…+6 °C', id: 'dairy', expected: { tempC: { min: 0, max: 6 } } },
    {
      name: 'apples −1…+4 °C at 90–95 %',
      id: 'fresh-produce',
      expected: { tempC: { min: -1, max: 4 }, humidityPct: { min: 90, max: 95 } },
    },
    {
      name: 'pharma 2–8 °C, 24-h MKT ≤ 8 °C, hard 0…25 °C',
      id: 'pharma-2-8',
      expected: {
        tempC: { min: 2, max: 8 },
        mkt: { windowHours: 24, maxC: 8 },
        hardLimitsC: { min: 0, max: 25 },
      },
    },
    {
      name: 'pharma CRT 20–25 °C, 30-day MKT ≤ 25 °C, hard 15…40 °C',
      id: 'pharma-crt',
      expected: {
        tempC: { min: 20, max: 25 },
        mkt: { windowHours: 720, maxC: 25 },
        hardLimitsC: { min: 15, max: 40 },
      },
    },
    { name: 'metals ≤ 50 % RH', id: 'metals', expected: { humidityPct: { max: 50 } } },
    { name: 'timber 60–85 % RH', id: 'timber', expected: { humidityPct: { min: 60, max: 85 } } },
    { name: 'no-freeze ≥ +2 °C', id: 'no-freeze', expected: { tempC: { min: 2 } } },
    { name: 'equipment ≤ 2 g', id: 'equipment', expected: { shockMaxG: 2 } },
  ];
  it.each(limits)('$name', ({ id, expected }) => {
    expect(CARGO_PROFILES[id]).toMatchObject({ ...expected, excursionMinutes: 10 });
  });

  it('general cargo has no limits at all', () => {
    const { tempC, humidityPct, shockMaxG, defrost, mkt, hardLimitsC } = CARGO_PROFILES.general;
    expect([tempC, humidityPct, shockMaxG, defrost, mkt, hardLimitsC]).toEqual(Array(6).fill(undefined));
  });

  it('the shared catalogue cannot be changed by one caller under another', () => {
    expect(() => {
      (CARGO_PROFILES.frozen.tempC as { max: number }).max = 0;
    }).toThrow(TypeError);
    expect(CARGO_PROFILES.frozen.tempC?.max).toBe(-18);
  });
});

describe('mergeProfile', () => {
  it('a tighter maximum keeps the base minimum', () => {
    const merged = mergeProfile(CARGO_PROFILES['chilled-meat'], { tempC: { max: 5 } });
    expect(merged.tempC).toEqual({ min: -1.5, max: 5 });
    expect(merged.id).toBe('chilled-meat');
  });

  it('a limit given as undefined is removed', () => {
    const merged = mergeProfile(CARGO_PROFILES['chilled-meat'], { tempC: { min: undefined } });
    expect(merged.tempC).toEqual({ max: 7 });
  });

  it('a nested object given as undefined is removed', () => {
    const merged = mergeProfile(CARGO_PROFILES.frozen, { defrost: undefined });
    expect(merged).not.toHaveProperty('defrost');
    expect(merged.tempC).toEqual({ max: -18 });
  });

  it('a part of defrost merges with the base defrost', () => {
    const merged = mergeProfile(CARGO_PROFILES.frozen, { defrost: { maxMinutes: 30 } });
    expect(merged.defrost).toEqual({ toleranceC: 3, maxMinutes: 30 });
  });

  it('top-level fields replace: a consignment shock limit on general cargo', () => {
    const merged = mergeProfile(CARGO_PROFILES.general, {
      shockMaxG: 5,
      excursionMinutes: 30,
      name: 'turbine',
    });
    expect(merged).toMatchObject({ id: 'general', name: 'turbine', shockMaxG: 5, excursionMinutes: 30 });
  });

  it('changes neither the base nor the override', () => {
    const base = structuredClone(CARGO_PROFILES['fresh-produce']);
    const override = { humidityPct: { max: 98 } };
    mergeProfile(base, override);
    expect(base).toEqual(CARGO_PROFILES['fresh-produce']);
    expect(override).toEqual({ humidityPct: { max: 98 } });
  });

  const invalid: {
    name: string;
    base: string;
    override: Parameters<typeof mergeProfile>[1];
    problems: string[];
  }[] = [
    {
      name: 'a minimum above the maximum',
      base: 'dairy',
      override: { tempC: { min: 8 } },
      problems: ['tempC.min 8 is above tempC.max 6'],
    },
    {
      name: 'half a defrost on a profile without one',
      base: 'poultry',
      override: { defrost: { maxMinutes: 15 } },
      problems: ['defrost.toleranceC is required'],
    },
    {
      name: 'defrost without a maximum to rise above',
      base: 'frozen',
      override: { tempC: { max: undefined } },
      problems: ['defrost needs tempC.max to rise above'],
    },
    {
      name: 'hard limits inside the ordinary range',
      base: 'pharma-2-8',
      override: { hardLimitsC: { min: 3, max: 7 } },
      problems: ['hardLimitsC.min 3 is above tempC.min 2', 'hardLimitsC.max 7 is below tempC.max 8'],
    },
    {
      name: 'humidity over 100 % and a negative excursion time, both listed',
      base: 'metals',
      override: { humidityPct: { max: 120 }, excursionMinutes: -1 },
      problems: [
        'humidityPct.max must be within 0…100, got 120',
        'excursionMinutes must be a non-negative number, got -1',
      ],
    },
    {
      name: 'the excursion time removed',
      base: 'general',
      override: { excursionMinutes: undefined },
      problems: ['excursionMinutes is required'],
    },
  ];
  it.each(invalid)('$name → RangeError listing every problem', ({ base, override, problems }) => {
    let error: unknown;
    try {
      mergeProfile(CARGO_PROFILES[base], override);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RangeError);
    for (const problem of problems) expect((error as RangeError).message).toContain(problem);
  });
});

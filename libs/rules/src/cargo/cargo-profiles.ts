/** Inclusive limits: a value exactly at a limit is within it ("≤ −18 °C" allows −18 °C). */
export interface LimitRange {
  min?: number;
  max?: number;
}

/**
 * What a cargo tolerates. Every number is a default from docs/domain.md §5 that a shipment may override
 * (`mergeProfile`); `source` names the publication it comes from (a bibliographic reference, shown to
 * API callers).
 */
export interface CargoProfile {
  id: string;
  name: string;
  /** Keep above `min`, keep below `max`, °C. */
  tempC?: LimitRange;
  /** Relative humidity, %. */
  humidityPct?: LimitRange;
  /** Peak acceleration, g. */
  shockMaxG?: number;
  /** How long a condition must hold before it counts as an excursion; default 10 [design, §5]. */
  excursionMinutes: number;
  /** Frozen food: a rise of at most `toleranceC` above `tempC.max` counts only after `maxMinutes` (§5 [S]). */
  defrost?: { toleranceC: number; maxMinutes: number };
  /**
   * Pharmaceuticals: excursions out of `tempC` are allowed while the mean kinetic temperature over
   * `windowHours` stays at or below `maxC` (USP <659>, §5).
   */
  mkt?: { windowHours: number; maxC: number };
  /** How long the owner needs to act on a failing reefer; default 60 minutes (docs/domain.md §9) [design]. */
  reactionMinutes?: number;
  /** Beyond these, alert at once whatever the MKT (pharma CRT spikes ≤ 40 °C etc.). */
  hardLimitsC?: LimitRange;
  /** Which docs/domain.md row the numbers come from. */
  source: string;
}

/** A per-shipment override: any field; nested objects are merged field by field. */
export type CargoProfileOverride = Partial<Omit<CargoProfile, 'defrost' | 'mkt'>> & {
  defrost?: Partial<NonNullable<CargoProfile['defrost']>>;
  mkt?: Partial<NonNullable<CargoProfile['mkt']>>;
};

// docs/domain.md §5, "How long before an excursion counts: no standard; per profile, default 10 minutes" [design].
export const DEFAULT_EXCURSION_MINUTES = 10;

// docs/domain.md §5, ATP Annex 2: "a brief rise of +3 °C is tolerated (defrost)" [S]. No source says how
// brief; 15 minutes covers an evaporator defrost cycle [design].
const FROZEN_DEFROST = { toleranceC: 3, maxMinutes: 15 };

const PROFILES: CargoProfile[] = [
  {
    id: 'frozen',
    name: 'quick-frozen food',
    tempC: { max: -18 }, // docs/domain.md §5, ATP Annex 2: quick-frozen food −18 °C [C]
    excursionMinutes: DEFAULT_EXCURSION_MINUTES,
    defrost: FROZEN_DEFROST,
    source: 'ATP Annex 2: quick-frozen food ≤ −18 °C, a brief +3 °C rise tolerated (defrost)',
  },
  {
    id: 'ice-cream',
    name: 'ice cream',
    tempC: { max: -20 }, // docs/domain.md §5, ATP Annex 2: ice cream −20 °C [C]
    excursionMinutes: DEFAULT_EXCURSION_MINUTES,
    // The §5 defrost tolerance is stated for the frozen row as a whole, ice cream included.
    defrost: FROZEN_DEFROST,
    source: 'ATP Annex 2: ice cream ≤ −20 °C, a brief +3 °C rise tolerated (defrost)',
  },
  {
    id: 'chilled-meat',
    name: 'chilled red meat',
    // max: docs/domain.md §5, ATP Annex 3 red meat +7 °C [C]. min: keep above −1.5 °C so the meat does
    // not start to freeze in an Amur winter [design].
    tempC: { min: -1.5, max: 7 },
    excursionMinutes: DEFAULT_EXCURSION_MINUTES,
    source: 'ATP Annex 3: red meat ≤ +7 °C',
  },
  {
    id: 'poultry',
    name: 'poultry',
    tempC: { max: 4 }, // docs/domain.md §5, ATP Annex 3 poultry/rabbit +4 °C [C]
    excursionMinutes: DEFAULT_EXCURSION_MINUTES,
    source: 'ATP Annex 3: poultry/rabbit ≤ +4 °C',
  },
  {
    id: 'dairy',
    name: 'dairy products',
    // max: docs/domain.md §5, ATP Annex 3 raw milk and dairy products +6 °C [C]. min: keep above 0 °C,
    // milk products must not freeze [design].
    tempC: { min: 0, max: 6 },
    excursionMinutes: DEFAULT_EXCURSION_MINUTES,
    source: 'ATP Annex 3: raw milk, dairy products ≤ +6 °C',
  },
  {
    id: 'fresh-produce',
    name: 'fresh produce (apples)',
    tempC: { min: -1, max: 4 }, // docs/domain.md §5, fresh produce: apples −1…+4 °C [S]
    humidityPct: { min: 90, max: 95 }, // docs/domain.md §5, fresh produce: apples 90–95 % RH [S]
    excursionMinutes: DEFAULT_EXCURSION_MINUTES,
    source: 'Fresh-produce carriage tables: apples −1…+4 °C, 90–95 % RH',
  },
  {
    id: 'pharma-2-8',
    name: 'pharma 2–8 °C',
    tempC: { min: 2, max: 8 }, // docs/domain.md §5, USP <659> cold chain 2–8 °C [S]
    excursionMinutes: DEFAULT_EXCURSION_MINUTES,
    mkt: { windowHours: 24, maxC: 8 }, // docs/domain.md §5, USP <659>: excursions allowed if the 24-h MKT ≤ 8 °C [S]
    // 0 °C: a frozen vaccine is lost whatever the mean; 25 °C: the top of room temperature,
    // beyond which a cold-chain product is not "on an excursion" any more [design].
    hardLimitsC: { min: 0, max: 25 },
    source: 'USP <659>, <1160>: 2–8 °C, 24-h mean kinetic temperature ≤ 8 °C',
  },
  {
    id: 'pharma-crt',
    name: 'pharma controlled room temperature',
    tempC: { min: 20, max: 25 }, // docs/domain.md §5, USP <659> controlled room temperature 20–25 °C [S]
    excursionMinutes: DEFAULT_EXCURSION_MINUTES,
    mkt: { windowHours: 720, maxC: 25 }, // docs/domain.md §5, USP <659>: 30-day MKT ≤ 25 °C [S]
    // docs/domain.md §5, USP <659>: excursions 15–30 °C, spikes ≤ 40 °C [S]. Below 15 °C is no allowed
    // excursion, above 40 °C no allowed spike.
    hardLimitsC: { min: 15, max: 40 },
    source:
      'USP <659>, <1160>: controlled room temperature 20–25 °C, excursions 15–30 °C, spikes ≤ 40 °C, 30-day mean kinetic temperature ≤ 25 °C',
  },
  {
    id: 'metals',
    name: 'steel and metals',
    humidityPct: { max: 50 }, // docs/domain.md §5: steel corrodes above 60 % RH, keep < 40–50 % [S]
    excursionMinutes: DEFAULT_EXCURSION_MINUTES,
    source: 'GDV Container Handbook: steel corrodes above 60 % RH, keep below 40–50 %',
  },
  {
    id: 'timber',
    name: 'sawn timber',
    // docs/domain.md §5: sawn timber travels at ~75 % RH [S]; the 60–85 % band around it is [design].
    // No temperature limit: none is sourced.
    humidityPct: { min: 60, max: 85 },
    excursionMinutes: DEFAULT_EXCURSION_MINUTES,
    source: 'GDV Container Handbook: sawn timber travels at about 75 % RH',
  },
  {
    id: 'no-freeze',
    name: 'liquids and paints (keep from freezing)',
    // docs/domain.md §5: in an Amur winter the danger for liquids and paints is freezing; +2 °C keeps a
    // margin above 0 °C [design].
    tempC: { min: 2 },
    excursionMinutes: DEFAULT_EXCURSION_MINUTES,
    source: 'No published limit: kept above +2 °C, as freezing is the winter danger for liquids and paints',
  },
  {
    id: 'equipment',
    name: 'industrial equipment',
    // docs/domain.md §5 [C]: equipment limits come per consignment, so override this per shipment. The
    // CTU Code securing accelerations (0.8 g forward on road, 1.0 g on rail) are what lashings must
    // hold in ordinary transport, not damage levels: a limit there would fire on every braking.
    // 2 g marks a blow beyond ordinary transport [design]. Peak only: a reading carries no pulse
    // duration, though damage depends on it (300 g for 1 ms is harmless, for 20 ms critical).
    shockMaxG: 2,
    excursionMinutes: DEFAULT_EXCURSION_MINUTES,
    source: 'Equipment limits come per consignment; 2 g peak by default',
  },
  {
    id: 'general',
    name: 'general cargo',
    excursionMinutes: DEFAULT_EXCURSION_MINUTES,
    source: 'No limits for general container goods; door and battery rules still apply',
  },
];

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const nested of Object.values(value)) deepFreeze(nested);
  }
  return value;
}

/** The built-in profiles by id. Frozen: a per-shipment change goes through `mergeProfile`. */
export const CARGO_PROFILES: Record<string, CargoProfile> = deepFreeze(
  Object.fromEntries(PROFILES.map((profile) => [profile.id, profile])),
);

function checkRange(
  problems: string[],
  field: string,
  range: LimitRange | undefined,
  bounds?: LimitRange,
): void {
  if (range === undefined) return;
  for (const end of ['min', 'max'] as const) {
    const value = range[end];
    if (value === undefined) continue;
    if (!Number.isFinite(value)) problems.push(`${field}.${end} must be a finite number, got ${value}`);
    else if (bounds && ((bounds.min ?? -Infinity) > value || value > (bounds.max ?? Infinity))) {
      problems.push(`${field}.${end} must be within ${bounds.min}…${bounds.max}, got ${value}`);
    }
  }
  if (range.min !== undefined && range.max !== undefined && range.min > range.max) {
    problems.push(`${field}.min ${range.min} is above ${field}.max ${range.max}`);
  }
}

function checkQuantity(
  problems: string[],
  field: string,
  value: number | undefined,
  { allowZero, required }: { allowZero: boolean; required: boolean },
): void {
  if (value === undefined) {
    if (required) problems.push(`${field} is required`);
    return;
  }
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    problems.push(`${field} must be a ${allowZero ? 'non-negative' : 'positive'} number, got ${value}`);
  }
}

/** Every inconsistency of a profile, as plain sentences; empty when the profile is usable. */
export function cargoProfileProblems(profile: CargoProfile): string[] {
  const problems: string[] = [];
  if (!profile.id) problems.push('id must not be empty');
  if (!profile.name) problems.push('name must not be empty');
  if (!profile.source) problems.push('source must name the publication the limits come from');
  checkRange(problems, 'tempC', profile.tempC);
  checkRange(problems, 'humidityPct', profile.humidityPct, { min: 0, max: 100 });
  checkRange(problems, 'hardLimitsC', profile.hardLimitsC);
  checkQuantity(problems, 'shockMaxG', profile.shockMaxG, { allowZero: false, required: false });
  checkQuantity(problems, 'excursionMinutes', profile.excursionMinutes, { allowZero: true, required: true });
  if (profile.defrost) {
    checkQuantity(problems, 'defrost.toleranceC', profile.defrost.toleranceC, {
      allowZero: false,
      required: true,
    });
    checkQuantity(problems, 'defrost.maxMinutes', profile.defrost.maxMinutes, {
      allowZero: true,
      required: true,
    });
    if (profile.tempC?.max === undefined) problems.push('defrost needs tempC.max to rise above');
  }
  if (profile.mkt) {
    checkQuantity(problems, 'mkt.windowHours', profile.mkt.windowHours, { allowZero: false, required: true });
    if (!Number.isFinite(profile.mkt.maxC))
      problems.push(`mkt.maxC must be a finite number, got ${profile.mkt.maxC}`);
  }
  // Hard limits are the outer fence: inside the ordinary range they would make it meaningless.
  const { tempC, hardLimitsC } = profile;
  if (hardLimitsC?.min !== undefined && tempC?.min !== undefined && hardLimitsC.min > tempC.min) {
    problems.push(`hardLimitsC.min ${hardLimitsC.min} is above tempC.min ${tempC.min}`);
  }
  if (hardLimitsC?.max !== undefined && tempC?.max !== undefined && hardLimitsC.max < tempC.max) {
    problems.push(`hardLimitsC.max ${hardLimitsC.max} is below tempC.max ${tempC.max}`);
  }
  return problems;
}

const NESTED_KEYS = ['tempC', 'humidityPct', 'defrost', 'mkt', 'hardLimitsC'] as const;

/** Drops keys whose value is undefined, so a merged profile carries no "present but empty" fields. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * A per-shipment profile: `override` on top of `base`. Nested objects (`tempC`, `humidityPct`,
 * `defrost`, `mkt`, `hardLimitsC`) merge field by field, so `{ tempC: { max: 5 } }` keeps the
 * base minimum; a key given as `undefined` removes that limit (`{ tempC: { min: undefined } }`,
 * `{ defrost: undefined }`). Neither argument is changed. Throws RangeError listing every problem
 * of the result (see `cargoProfileProblems`).
 */
export function mergeProfile(base: CargoProfile, override: CargoProfileOverride): CargoProfile {
  const merged: Record<string, unknown> = { ...base, ...override };
  for (const key of NESTED_KEYS) {
    const baseValue = base[key];
    const overrideValue = override[key];
    if (key in override && overrideValue === undefined) {
      merged[key] = undefined;
    } else if (baseValue !== undefined || overrideValue !== undefined) {
      const combined = withoutUndefined({ ...baseValue, ...overrideValue });
      merged[key] = Object.keys(combined).length > 0 ? combined : undefined;
    }
  }
  const profile = withoutUndefined(merged) as unknown as CargoProfile;
  const problems = cargoProfileProblems(profile);
  if (problems.length > 0) {
    throw new RangeError(`cargo profile "${profile.id}" after override: ${problems.join('; ')}`);
  }
  return profile;
}

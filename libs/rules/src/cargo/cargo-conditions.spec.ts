import {
  type CargoContext,
  type CargoReading,
  type ConditionObservation,
  cargoObservations,
  warmingVerdict,
} from './cargo-conditions';
import { renderReason } from '../reasons';
import { CARGO_PROFILES, type CargoProfile, mergeProfile } from './cargo-profiles';

const MIN = 60_000;
const TS = Date.UTC(2026, 0, 20, 3, 0); // a January night; the evaluation never reads a clock

function observe(profileId: string, reading: Omit<CargoReading, 'ts'>, context: CargoContext = {}) {
  return cargoObservations(CARGO_PROFILES[profileId], { ts: TS, ...reading }, context);
}

/** The reason as the API's English text. */
function text(observation: ConditionObservation | undefined): string | undefined {
  return observation && renderReason(observation.reason);
}

function byRule(observations: ConditionObservation[], ruleId: string): ConditionObservation | undefined {
  return observations.find((observation) => observation.ruleId === ruleId);
}

interface Case {
  name: string;
  profile: string;
  reading: Omit<CargoReading, 'ts'>;
  context?: CargoContext;
  ruleId: string;
  /** The observation's fields, or 'absent' when the rule must not speak at all. */
  expected: Partial<ConditionObservation> | 'absent';
}

const temperatureCases: Case[] = [
  {
    name: 'frozen at −15 °C (a +3 °C defrost rise) → temp-high breached with forMs = 15 min, not the 10-min excursion',
    profile: 'frozen',
    reading: { tempC: -15 },
    ruleId: 'cargo.temp-high',
    expected: { breached: true, forMs: 15 * MIN, severity: 'critical', value: -15 },
  },
  {
    name: 'frozen at −14.9 °C (3.1 °C over, beyond the defrost tolerance) → temp-high breached after the 10-min excursion',
    profile: 'frozen',
    reading: { tempC: -14.9 },
    ruleId: 'cargo.temp-high',
    expected: { breached: true, forMs: 10 * MIN },
  },
  {
    name: 'frozen at exactly −18 °C → temp-high not breached (the limit itself is allowed)',
    profile: 'frozen',
    reading: { tempC: -18 },
    ruleId: 'cargo.temp-high',
    expected: { breached: false },
  },
  {
    name: 'frozen at −45 °C in an Amur night → no temp-low rule (frozen food has no minimum)',
    profile: 'frozen',
    reading: { tempC: -45 },
    ruleId: 'cargo.temp-low',
    expected: 'absent',
  },
  {
    name: 'ice cream at −18 °C (2 °C over −20) → defrost tolerance, forMs = 15 min',
    profile: 'ice-cream',
    reading: { tempC: -18 },
    ruleId: 'cargo.temp-high',
    expected: { breached: true, forMs: 15 * MIN },
  },
  {
    name: 'chilled meat at 7.5 °C → temp-high breached after 10 min (no defrost for chilled)',
    profile: 'chilled-meat',
    reading: { tempC: 7.5 },
    ruleId: 'cargo.temp-high',
    expected: { breached: true, forMs: 10 * MIN },
  },
  {
    name: 'chilled meat at −2 °C → temp-low breached (starting to freeze)',
    profile: 'chilled-meat',
    reading: { tempC: -2 },
    ruleId: 'cargo.temp-low',
    expected: { breached: true, forMs: 10 * MIN, severity: 'critical' },
  },
  {
    name: 'poultry at exactly 4 °C → not breached',
    profile: 'poultry',
    reading: { tempC: 4 },
    ruleId: 'cargo.temp-high',
    expected: { breached: false },
  },
  {
    name: 'poultry at 4.1 °C → temp-high breached',
    profile: 'poultry',
    reading: { tempC: 4.1 },
    ruleId: 'cargo.temp-high',
    expected: { breached: true },
  },
  {
    name: 'dairy at −0.5 °C → temp-low breached',
    profile: 'dairy',
    reading: { tempC: -0.5 },
    ruleId: 'cargo.temp-low',
    expected: { breached: true },
  },
  {
    name: 'no-freeze at +1 °C → temp-low breached',
    profile: 'no-freeze',
    reading: { tempC: 1 },
    ruleId: 'cargo.temp-low',
    expected: { breached: true, forMs: 10 * MIN, value: 1 },
  },
  {
    name: 'no-freeze at +2 °C → temp-low not breached',
    profile: 'no-freeze',
    reading: { tempC: 2 },
    ruleId: 'cargo.temp-low',
    expected: { breached: false },
  },
  {
    name: 'no-freeze at 30 °C → no temp-high rule (only "keep above")',
    profile: 'no-freeze',
    reading: { tempC: 30 },
    ruleId: 'cargo.temp-high',
    expected: 'absent',
  },
];

const pharmaCases: Case[] = [
  {
    name: 'pharma at 9 °C with a 24-h MKT of 6 °C → no temp alert, mkt not breached (temp-high)',
    profile: 'pharma-2-8',
    reading: { tempC: 9 },
    context: { mkt24hC: 6 },
    ruleId: 'cargo.temp-high',
    expected: { breached: false },
  },
  {
    name: 'pharma at 9 °C with a 24-h MKT of 6 °C → no temp alert, mkt not breached (mkt)',
    profile: 'pharma-2-8',
    reading: { tempC: 9 },
    context: { mkt24hC: 6 },
    ruleId: 'cargo.mkt',
    expected: { breached: false, value: 6 },
  },
  {
    name: 'pharma at 9 °C with no MKT known yet → still no temp alert (the MKT rule decides)',
    profile: 'pharma-2-8',
    reading: { tempC: 9 },
    ruleId: 'cargo.temp-high',
    expected: { breached: false },
  },
  {
    name: 'pharma 24-h MKT 8.2 °C → cargo.mkt breached, critical, at once',
    profile: 'pharma-2-8',
    reading: {},
    context: { mkt24hC: 8.2 },
    ruleId: 'cargo.mkt',
    expected: { breached: true, severity: 'critical', forMs: 0, value: 8.2 },
  },
  {
    name: 'pharma 24-h MKT exactly 8 °C → cargo.mkt not breached',
    profile: 'pharma-2-8',
    reading: {},
    context: { mkt24hC: 8 },
    ruleId: 'cargo.mkt',
    expected: { breached: false },
  },
  {
    name: 'pharma at 1 °C (below 2, above the 0 °C hard limit) → temp-low not breached',
    profile: 'pharma-2-8',
    reading: { tempC: 1 },
    context: { mkt24hC: 5 },
    ruleId: 'cargo.temp-low',
    expected: { breached: false },
  },
  {
    name: 'pharma at −0.5 °C (beyond the 0 °C hard limit) → temp-low breached at once',
    profile: 'pharma-2-8',
    reading: { tempC: -0.5 },
    context: { mkt24hC: 5 },
    ruleId: 'cargo.temp-low',
    expected: { breached: true, forMs: 0, severity: 'critical' },
  },
  {
    name: 'pharma at 26 °C (beyond the 25 °C hard limit) with a fine MKT → temp-high breached at once',
    profile: 'pharma-2-8',
    reading: { tempC: 26 },
    context: { mkt24hC: 5 },
    ruleId: 'cargo.temp-high',
    expected: { breached: true, forMs: 0 },
  },
  {
    name: 'pharma at exactly 25 °C (the hard limit itself) → temp-high not breached',
    profile: 'pharma-2-8',
    reading: { tempC: 25 },
    ruleId: 'cargo.temp-high',
    expected: { breached: false },
  },
  {
    name: 'pharma CRT at 35 °C (a spike ≤ 40 °C) → temp-high not breached',
    profile: 'pharma-crt',
    reading: { tempC: 35 },
    ruleId: 'cargo.temp-high',
    expected: { breached: false },
  },
  {
    name: 'pharma CRT at 41 °C → temp-high breached at once',
    profile: 'pharma-crt',
    reading: { tempC: 41 },
    ruleId: 'cargo.temp-high',
    expected: { breached: true, forMs: 0 },
  },
  {
    name: 'pharma CRT at 14 °C (below the 15 °C excursion floor) → temp-low breached at once',
    profile: 'pharma-crt',
    reading: { tempC: 14 },
    ruleId: 'cargo.temp-low',
    expected: { breached: true, forMs: 0 },
  },
  {
    name: 'pharma CRT 30-day MKT 25.4 °C → cargo.mkt breached',
    profile: 'pharma-crt',
    reading: {},
    context: { mkt24hC: 25.4 },
    ruleId: 'cargo.mkt',
    expected: { breached: true },
  },
  {
    name: 'an MKT for a profile without an MKT rule → no mkt observation',
    profile: 'chilled-meat',
    reading: {},
    context: { mkt24hC: 12 },
    ruleId: 'cargo.mkt',
    expected: 'absent',
  },
];

const otherCases: Case[] = [
  {
    name: 'fresh produce at 97 % RH → humidity-high breached (major, 10 min)',
    profile: 'fresh-produce',
    reading: { humidityPct: 97 },
    ruleId: 'cargo.humidity-high',
    expected: { breached: true, severity: 'major', forMs: 10 * MIN, value: 97 },
  },
  {
    name: 'fresh produce at 85 % RH → humidity-low breached',
    profile: 'fresh-produce',
    reading: { humidityPct: 85 },
    ruleId: 'cargo.humidity-low',
    expected: { breached: true },
  },
  {
    name: 'metals at 55 % RH → humidity-high breached',
    profile: 'metals',
    reading: { humidityPct: 55 },
    ruleId: 'cargo.humidity-high',
    expected: { breached: true },
  },
  {
    name: 'metals at exactly 50 % RH → not breached',
    profile: 'metals',
    reading: { humidityPct: 50 },
    ruleId: 'cargo.humidity-high',
    expected: { breached: false },
  },
  {
    name: 'metals at 5 % RH → no humidity-low rule',
    profile: 'metals',
    reading: { humidityPct: 5 },
    ruleId: 'cargo.humidity-low',
    expected: 'absent',
  },
  {
    name: 'timber at 55 % RH → humidity-low breached (drying out)',
    profile: 'timber',
    reading: { humidityPct: 55 },
    ruleId: 'cargo.humidity-low',
    expected: { breached: true },
  },
  {
    name: 'equipment hit by 2.5 g → shock breached at once (major)',
    profile: 'equipment',
    reading: { shockG: 2.5 },
    ruleId: 'cargo.shock',
    expected: { breached: true, forMs: 0, severity: 'major', value: 2.5 },
  },
  {
    name: 'equipment at exactly 2 g → shock not breached',
    profile: 'equipment',
    reading: { shockG: 2 },
    ruleId: 'cargo.shock',
    expected: { breached: false },
  },
  {
    name: 'a shock reading on frozen food (no shock limit) → no shock observation',
    profile: 'frozen',
    reading: { shockG: 9 },
    ruleId: 'cargo.shock',
    expected: 'absent',
  },
  {
    name: 'condensation risk → warning breached after the excursion time',
    profile: 'timber',
    reading: {},
    context: { dewPointRisk: true },
    ruleId: 'cargo.condensation',
    expected: { breached: true, severity: 'warning', forMs: 10 * MIN },
  },
  {
    name: 'no condensation risk → condensation cleared',
    profile: 'general',
    reading: {},
    context: { dewPointRisk: false },
    ruleId: 'cargo.condensation',
    expected: { breached: false },
  },
  {
    name: 'dew-point risk unknown → no condensation observation',
    profile: 'general',
    reading: { tempC: 5 },
    ruleId: 'cargo.condensation',
    expected: 'absent',
  },
  {
    name: 'door open outside an inspection zone → critical at once',
    profile: 'general',
    reading: { doorOpen: true },
    context: { insideInspectionZone: false },
    ruleId: 'cargo.door-open-outside-zone',
    expected: { breached: true, severity: 'critical', forMs: 0 },
  },
  {
    name: 'door open inside a zone → not breached',
    profile: 'general',
    reading: { doorOpen: true },
    context: { insideInspectionZone: true },
    ruleId: 'cargo.door-open-outside-zone',
    expected: { breached: false },
  },
  {
    name: 'door open where the zone is unknown → breached (fail safe)',
    profile: 'general',
    reading: { doorOpen: true },
    ruleId: 'cargo.door-open-outside-zone',
    expected: { breached: true, forMs: 0 },
  },
  {
    name: 'door closed outside a zone → not breached (clears a door alert)',
    profile: 'general',
    reading: { doorOpen: false },
    context: { insideInspectionZone: false },
    ruleId: 'cargo.door-open-outside-zone',
    expected: { breached: false },
  },
  {
    name: 'battery at 14 % → battery-low warning',
    profile: 'general',
    reading: { batteryPct: 14 },
    ruleId: 'device.battery-low',
    expected: { breached: true, severity: 'warning', forMs: 10 * MIN, value: 14 },
  },
  {
    name: 'battery at exactly 15 % → not low',
    profile: 'general',
    reading: { batteryPct: 15 },
    ruleId: 'device.battery-low',
    expected: { breached: false },
  },
  {
    name: 'a NaN temperature → no temperature observation (neither breached nor cleared)',
    profile: 'chilled-meat',
    reading: { tempC: Number.NaN },
    ruleId: 'cargo.temp-high',
    expected: 'absent',
  },
];

describe('cargoObservations', () => {
  describe.each([
    ['temperature', temperatureCases],
    ['pharmaceuticals (USP <659>)', pharmaCases],
    ['humidity, shock, condensation, door, battery', otherCases],
  ])('%s', (_group, cases) => {
    it.each(cases)('$name', ({ profile, reading, context, ruleId, expected }) => {
      const observation = byRule(observe(profile, reading, context), ruleId);
      if (expected === 'absent') expect(observation).toBeUndefined();
      else expect(observation).toMatchObject({ ruleId, ...expected });
    });
  });

  describe('which rules speak', () => {
    const cases: { name: string; profile: string; reading: Omit<CargoReading, 'ts'>; ruleIds: string[] }[] = [
      { name: 'metric absent → no observation', profile: 'pharma-2-8', reading: {}, ruleIds: [] },
      {
        name: 'a position alone → no observation',
        profile: 'general',
        reading: { lat: 53.47, lon: 122.35 },
        ruleIds: [],
      },
      {
        name: 'general cargo with temperature and humidity → none',
        profile: 'general',
        reading: { tempC: 60, humidityPct: 100 },
        ruleIds: [],
      },
      {
        name: 'fresh produce with temperature and humidity → both ends of both',
        profile: 'fresh-produce',
        reading: { tempC: 2, humidityPct: 92 },
        ruleIds: ['cargo.temp-high', 'cargo.temp-low', 'cargo.humidity-high', 'cargo.humidity-low'],
      },
      {
        name: 'a full container reading on general cargo → door and battery only',
        profile: 'general',
        reading: { tempC: 5, humidityPct: 60, shockG: 3, doorOpen: false, batteryPct: 80 },
        ruleIds: ['cargo.door-open-outside-zone', 'device.battery-low'],
      },
    ];
    it.each(cases)('$name', ({ profile, reading, ruleIds }) => {
      expect(observe(profile, reading).map((observation) => observation.ruleId)).toEqual(ruleIds);
    });
  });

  describe('reasons', () => {
    it('pharma at 9 °C with a 24-h MKT of 6.3 °C → names the container, the limit and the MKT', () => {
      const observation = byRule(
        observe('pharma-2-8', { tempC: 9 }, { mkt24hC: 6.3, label: 'container CSQU3054383' }),
        'cargo.temp-high',
      );
      expect(text(observation)).toBe(
        'container CSQU3054383: 9.0 °C, above the 8 °C limit of pharma 2–8 °C; ' +
          '24-h mean kinetic temperature 6.3 °C is within 8 °C (USP <659>)',
      );
    });

    it('pharma CRT MKT breach → speaks of the 30-day mean', () => {
      const observation = byRule(observe('pharma-crt', {}, { mkt24hC: 25.4 }), 'cargo.mkt');
      expect(text(observation)).toBe(
        '30-day mean kinetic temperature 25.4 °C is above the 25 °C limit of pharma controlled room temperature (USP <659>)',
      );
    });

    it('frozen at −15 °C → says it is within the defrost tolerance and for how long', () => {
      const observation = byRule(
        observe('frozen', { tempC: -15 }, { label: 'reefer R-7' }),
        'cargo.temp-high',
      );
      expect(text(observation)).toBe(
        'reefer R-7: -15.0 °C, above the -18 °C limit of quick-frozen food by 3.0 °C, ' +
          'within the 3.0 °C defrost tolerance for 15 min',
      );
    });

    it('door opened outside a zone with a position → says where, and the DCSA code', () => {
      const observation = byRule(
        observe('general', { doorOpen: true, lat: 53.4712, lon: 122.3469 }, { insideInspectionZone: false }),
        'cargo.door-open-outside-zone',
      );
      expect(text(observation)).toBe(
        'door open at 53.4712, 122.3469 outside an inspection zone (DCSA DRO "door opened")',
      );
    });

    it('without a label → the reason does not start with an empty subject', () => {
      const [observation] = observe('poultry', { tempC: 5 });
      expect(text(observation)).toBe('5.0 °C, above the 4 °C limit of poultry');
    });

    it('a value that rounds to zero → "0.0", never "-0.0"', () => {
      const [observation] = observe('no-freeze', { tempC: -0.01 });
      expect(text(observation)).toBe(
        '0.0 °C, below the 2 °C limit of liquids and paints (keep from freezing)',
      );
    });
  });

  it('a per-shipment override applies: frozen tightened to −25 °C, −23 °C is a defrost rise', () => {
    const profile: CargoProfile = mergeProfile(CARGO_PROFILES.frozen, { tempC: { max: -25 } });
    const observation = byRule(cargoObservations(profile, { ts: TS, tempC: -23 }, {}), 'cargo.temp-high');
    expect(observation).toMatchObject({ breached: true, forMs: 15 * MIN });
  });

  it('the excursion time of the profile sets forMs', () => {
    const profile = mergeProfile(CARGO_PROFILES.poultry, { excursionMinutes: 30 });
    const observation = byRule(cargoObservations(profile, { ts: TS, tempC: 6 }, {}), 'cargo.temp-high');
    expect(observation).toMatchObject({ breached: true, forMs: 30 * MIN });
  });
});

describe('cargo.temp-rising (warmingVerdict)', () => {
  const apples = { deviceId: 'CONT-02', isoNumber: 'TGHU2345673', ts: TS, tempC: 3.5 };
  it.each([
    {
      name: 'warming 3.0 °C in an hour → clear (the threshold itself is allowed)',
      risePerHourC: 3,
      breached: false,
    },
    { name: 'warming 3.2 °C in an hour → breached, a warning', risePerHourC: 3.2, breached: true },
    { name: 'cooling → clear', risePerHourC: -1, breached: false },
  ])('$name', ({ risePerHourC, breached }) => {
    const result = warmingVerdict({ ...apples, risePerHourC }, CARGO_PROFILES['fresh-produce'], 5 * MIN);
    expect(result.observation).toMatchObject({
      breached,
      severity: 'warning',
      clearForMs: 5 * MIN,
      value: risePerHourC,
    });
  });

  it('the reason gives the rate, the temperature now and the profile limit', () => {
    const result = warmingVerdict(
      { ...apples, risePerHourC: 3.24 },
      CARGO_PROFILES['fresh-produce'],
      5 * MIN,
    );
    expect(renderReason(result.observation.reason)).toBe(
      'container TGHU2345673: warming 3.2 °C in an hour (now 3.5 °C; fresh produce (apples) must stay at or below 4 °C)',
    );
  });
});

import { CARGO_PROFILES } from '../cargo/cargo-profiles';
import { limitOverrideProblems, shipmentProfile, type LimitOverrides } from './limit-overrides';
import { isActive, ownsReading, shipmentOwning, type Shipment, type ShipmentDraft } from './shipment';
import { shipmentDraftProblems } from './shipment-draft';
import { transition } from './shipment-state';

const T0 = Date.parse('2026-01-10T06:00:00Z');
const HOUR = 3_600_000;

function shipment(overrides: Partial<Shipment> = {}): Shipment {
  return {
    id: 'shp-1',
    containerNumber: 'MSKU1234565',
    owner: 'amur-foods',
    cargoProfile: 'chilled-meat',
    overrides: {},
    trackers: ['trk-1'],
    legs: [],
    state: 'planned',
    origin: 'api',
    createdAt: T0,
    ...overrides,
  };
}

describe('shipment state machine', () => {
  const cases: {
    name: string;
    from: Shipment['state'];
    action: 'start' | 'deliver' | 'cancel';
    to?: Shipment['state'];
  }[] = [
    { name: 'planned, start → in transit', from: 'planned', action: 'start', to: 'in_transit' },
    { name: 'planned, cancel → cancelled', from: 'planned', action: 'cancel', to: 'cancelled' },
    { name: 'in transit, deliver → delivered', from: 'in_transit', action: 'deliver', to: 'delivered' },
    { name: 'in transit, cancel → cancelled', from: 'in_transit', action: 'cancel', to: 'cancelled' },
    { name: 'planned, deliver → refused: it never left', from: 'planned', action: 'deliver' },
    { name: 'in transit, start → refused: already started', from: 'in_transit', action: 'start' },
    { name: 'delivered, cancel → refused: final', from: 'delivered', action: 'cancel' },
    { name: 'delivered, start → refused: final', from: 'delivered', action: 'start' },
    { name: 'cancelled, start → refused: final', from: 'cancelled', action: 'start' },
    { name: 'cancelled, deliver → refused: final', from: 'cancelled', action: 'deliver' },
  ];
  it.each(cases)('$name', ({ from, action, to }) => {
    const startedAt = from === 'planned' ? undefined : T0;
    const result = transition(shipment({ state: from, startedAt }), action, T0 + HOUR);
    if (to === undefined) {
      expect(result).toEqual({ ok: false, problem: expect.stringContaining(`cannot ${action}`) });
    } else {
      expect(result).toMatchObject({ ok: true, shipment: { state: to } });
    }
  });

  it('start sets the first owned moment, deliver the end, and the input stays as it was', () => {
    const planned = shipment();
    const started = transition(planned, 'start', T0 + HOUR);
    if (!started.ok) throw new Error(started.problem);
    const delivered = transition(started.shipment, 'deliver', T0 + 5 * HOUR);
    if (!delivered.ok) throw new Error(delivered.problem);
    expect(delivered.shipment).toMatchObject({ startedAt: T0 + HOUR, endedAt: T0 + 5 * HOUR });
    expect(planned.state).toBe('planned');
  });

  it('an end before the start is refused', () => {
    expect(transition(shipment({ state: 'in_transit', startedAt: T0 }), 'deliver', T0 - 1)).toEqual({
      ok: false,
      problem: 'cannot deliver before the shipment started',
    });
  });

  it.each([
    ['planned', true],
    ['in_transit', true],
    ['delivered', false],
    ['cancelled', false],
  ] as const)('%s holds its container and trackers: %s', (state, active) => {
    expect(isActive({ state })).toBe(active);
  });
});

describe('the readings a shipment owns', () => {
  const done = shipment({ state: 'delivered', startedAt: T0, endedAt: T0 + 10 * HOUR });
  it.each([
    ['a reading before the start', T0 - 1, false],
    ['a reading exactly at the start', T0, true],
    ['a reading during the journey', T0 + HOUR, true],
    ['a reading exactly at the end', T0 + 10 * HOUR, false],
  ])('%s → owned: %s', (_name, ts, owned) => {
    expect(ownsReading(done, ts)).toBe(owned);
  });

  it('a planned shipment owns no reading yet', () => {
    expect(ownsReading(shipment(), T0)).toBe(false);
  });

  it('a tracker moved to a new shipment: old readings stay with the old one, new ones go to the new one', () => {
    const old = done;
    const next = shipment({ id: 'shp-2', state: 'in_transit', startedAt: T0 + 12 * HOUR });
    expect(shipmentOwning([old, next], 'trk-1', T0 + HOUR)?.id).toBe('shp-1');
    expect(shipmentOwning([old, next], 'trk-1', T0 + 11 * HOUR)).toBeUndefined();
    expect(shipmentOwning([old, next], 'trk-1', T0 + 13 * HOUR)?.id).toBe('shp-2');
    expect(shipmentOwning([old, next], 'trk-9', T0 + 13 * HOUR)).toBeUndefined();
  });
});

describe('per-shipment limit overrides only narrow the profile', () => {
  const cases: { name: string; profile: string; overrides: LimitOverrides; fields: string[] }[] = [
    {
      name: 'a lower maximum on chilled meat',
      profile: 'chilled-meat',
      overrides: { tempC: { max: 4 } },
      fields: [],
    },
    { name: 'a higher minimum on dairy', profile: 'dairy', overrides: { tempC: { min: 2 } }, fields: [] },
    {
      name: 'pharma narrowed to 3–7 °C',
      profile: 'pharma-2-8',
      overrides: { tempC: { min: 3, max: 7 } },
      fields: [],
    },
    {
      name: 'a limit the profile lacks: general cargo at most 30 °C',
      profile: 'general',
      overrides: { tempC: { max: 30 } },
      fields: [],
    },
    {
      name: 'a maximum exactly at the profile maximum',
      profile: 'poultry',
      overrides: { tempC: { max: 4 } },
      fields: [],
    },
    { name: 'a shorter excursion time', profile: 'frozen', overrides: { excursionMinutes: 5 }, fields: [] },
    {
      name: 'pharma widened to 12 °C',
      profile: 'pharma-2-8',
      overrides: { tempC: { max: 12 } },
      fields: ['overrides.tempC.max'],
    },
    {
      name: 'dairy widened below 0 °C',
      profile: 'dairy',
      overrides: { tempC: { min: -2 } },
      fields: ['overrides.tempC.min'],
    },
    {
      name: 'timber humidity widened both ways',
      profile: 'timber',
      overrides: { humidityPct: { min: 50, max: 90 } },
      fields: ['overrides.humidityPct.min', 'overrides.humidityPct.max'],
    },
    {
      name: 'a higher shock limit for equipment',
      profile: 'equipment',
      overrides: { shockMaxG: 3 },
      fields: ['overrides.shockMaxG'],
    },
    {
      name: 'a longer excursion time',
      profile: 'dairy',
      overrides: { excursionMinutes: 60 },
      fields: ['overrides.excursionMinutes'],
    },
    {
      name: 'a minimum above the profile maximum',
      profile: 'dairy',
      overrides: { tempC: { min: 7 } },
      fields: ['overrides.tempC'],
    },
  ];
  it.each(cases)('$name → problems at $fields', ({ profile, overrides, fields }) => {
    expect(limitOverrideProblems(CARGO_PROFILES[profile], overrides).map((p) => p.field)).toEqual(fields);
  });

  it('the judged profile is the narrowed one, the base minimum kept', () => {
    expect(shipmentProfile(CARGO_PROFILES['chilled-meat'], { tempC: { max: 4 } }).tempC).toEqual({
      min: -1.5,
      max: 4,
    });
  });
});

describe('shipment drafts', () => {
  const context = { profiles: CARGO_PROFILES, isTracker: (id: string) => id.startsWith('trk-') };
  const legs = [
    { mode: 'rail', from: 'Blagoveshchensk', to: 'Skovorodino', departAt: T0, arriveAt: T0 + 20 * HOUR },
    {
      mode: 'truck',
      from: 'Skovorodino',
      to: 'Dzhalinda checkpoint',
      departAt: T0 + 22 * HOUR,
      arriveAt: T0 + 26 * HOUR,
    },
    { mode: 'crossing', from: 'Dzhalinda', to: 'Mohe', departAt: T0 + 27 * HOUR, arriveAt: T0 + 28 * HOUR },
    { mode: 'onward', from: 'Mohe', to: 'Harbin', departAt: T0 + 29 * HOUR, arriveAt: T0 + 50 * HOUR },
  ] as ShipmentDraft['legs'];
  const draft = (changes: Partial<ShipmentDraft> = {}): ShipmentDraft => ({
    containerNumber: 'MSKU1234565',
    owner: 'amur-foods',
    cargoProfile: 'chilled-meat',
    overrides: {},
    trackers: ['trk-1'],
    legs,
    ...changes,
  });
  const fields = (changes: Partial<ShipmentDraft>) =>
    shipmentDraftProblems(draft(changes), context).map((p) => p.field);

  it('the whole route in order is valid', () => {
    expect(fields({})).toEqual([]);
  });
  it('an unknown cargo profile names the field', () => {
    expect(fields({ cargoProfile: 'caviar' })).toEqual(['cargoProfile']);
  });
  it('a device that is not a tracker, and a tracker named twice', () => {
    expect(fields({ trackers: ['trk-1', 'ice-7', 'trk-1'] })).toEqual(['trackers[1]', 'trackers[2]']);
  });
  it('a leg arriving before it departs', () => {
    expect(fields({ legs: [{ ...legs[0], arriveAt: T0 - 1 }] })).toEqual(['legs[0].arriveAt']);
  });
  it('a leg departing before the previous one arrives', () => {
    expect(fields({ legs: [legs[0], { ...legs[1], departAt: T0 + 19 * HOUR }] })).toEqual([
      'legs[1].departAt',
    ]);
  });
  it('the crossing planned before the rail leg', () => {
    expect(
      fields({ legs: [{ ...legs[2], departAt: T0 - 3 * HOUR, arriveAt: T0 - 2 * HOUR }, legs[0]] }),
    ).toEqual(['legs[1].mode']);
  });
  it('a widening override names its field', () => {
    expect(fields({ overrides: { tempC: { max: 9 } } })).toEqual(['overrides.tempC.max']);
  });
});

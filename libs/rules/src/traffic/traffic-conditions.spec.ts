import { renderReason } from '../reasons';
import {
  overweightVerdict,
  silentOnIceVerdict,
  spacingVerdict,
  speedVerdict,
  stoppedVerdict,
  type IceCrossingNow,
  type VehicleReading,
} from './traffic-conditions';

const T0 = Date.UTC(2026, 1, 3, 9, 0); // a February morning; the conditions never read a clock
const MIN = 60_000;
// 4 m of water: the resonance band is 15.8–29.3 km/h (docs/domain.md §3).
const ICE: IceCrossingNow = {
  crossingId: 'jalinda-mohe-ice',
  state: 'restricted',
  maxGrossTonnes: 25,
  waterDepthM: 4,
};
const truck = (fields: Partial<VehicleReading> = {}): VehicleReading => ({
  vehicleId: 'TRUCK-01',
  ts: T0,
  position: [53.4806, 123.9031],
  speedKmh: 8,
  grossMassKg: 20_000,
  ...fields,
});

describe('overweightVerdict', () => {
  it.each([
    { name: '20 t on ice that allows 25 t → clear', vehicle: truck(), crossing: ICE, breached: false },
    {
      name: '26 t on ice that allows 25 t → breached, critical',
      vehicle: truck({ grossMassKg: 26_000 }),
      crossing: ICE,
      breached: true,
    },
    {
      name: 'unknown mass on the ice → breached: it may be too heavy',
      vehicle: truck({ grossMassKg: undefined }),
      crossing: ICE,
      breached: true,
    },
    {
      name: '5 t on a closed crossing → breached: it allows no traffic',
      vehicle: truck({ grossMassKg: 5_000 }),
      crossing: { ...ICE, state: 'closed', maxGrossTonnes: 0 },
      breached: true,
    },
    {
      name: '60 t off the ice → clear',
      vehicle: truck({ grossMassKg: 60_000 }),
      crossing: undefined,
      breached: false,
    },
  ])('$name', ({ vehicle, crossing, breached }) => {
    const result = overweightVerdict(vehicle, crossing);
    expect(result.observation).toMatchObject({ breached, severity: 'critical', ts: T0 });
  });

  it('the reason names the mass and what the crossing allows, or that it allows no traffic', () => {
    const heavy = overweightVerdict(truck({ grossMassKg: 38_000 }), ICE);
    expect(renderReason(heavy.observation.reason)).toBe(
      'vehicle TRUCK-01 (38 t) is on jalinda-mohe-ice, which allows 25 t now',
    );
    const closed = overweightVerdict(truck(), { ...ICE, state: 'unknown', maxGrossTonnes: 0 });
    expect(renderReason(closed.observation.reason)).toBe(
      'vehicle TRUCK-01 (20 t) is on jalinda-mohe-ice, which allows no traffic (unknown) now',
    );
  });
});

describe('speedVerdict', () => {
  it.each([
    {
      name: '8 km/h on 4 m of water → clear',
      speedKmh: 8,
      crossing: ICE,
      breached: false,
      text: 'vehicle TRUCK-01: speed within limits',
    },
    {
      name: '25 km/h → breached: above the 20 km/h limit',
      speedKmh: 25,
      crossing: ICE,
      breached: true,
      text: 'vehicle TRUCK-01 at 25 km/h on jalinda-mohe-ice: above the 20 km/h limit (ОДН 218.010-98 §8.2)',
    },
    {
      name: '18 km/h on 4 m of water → breached: inside the resonance band',
      speedKmh: 18,
      crossing: ICE,
      breached: true,
      text: 'vehicle TRUCK-01 at 18 km/h on jalinda-mohe-ice: inside the resonance band 15.8–29.3 km/h for 4 m of water',
    },
    {
      name: '18 km/h with a 15 km/h site limit → breached as too fast',
      speedKmh: 18,
      crossing: { ...ICE, speedLimitKmh: 15 },
      breached: true,
      text: 'vehicle TRUCK-01 at 18 km/h on jalinda-mohe-ice: above the 15 km/h limit (ОДН 218.010-98 §8.2)',
    },
    {
      name: '90 km/h off the ice → clear',
      speedKmh: 90,
      crossing: undefined,
      breached: false,
      text: 'vehicle TRUCK-01: speed within limits',
    },
  ])('$name', ({ speedKmh, crossing, breached, text }) => {
    const result = speedVerdict(truck({ speedKmh }), crossing);
    expect(result.observation.breached).toBe(breached);
    expect(renderReason(result.observation.reason)).toBe(text);
  });
});

describe('stoppedVerdict', () => {
  it.each([
    {
      name: 'within the GPS noise of one place for 2 min on the ice → breached (the default)',
      speedKmh: 0.5,
      stationaryForMs: 2 * MIN,
      crossing: ICE,
      breached: true,
    },
    {
      name: 'GPS jitter reports 3 km/h but the truck has not left one place for 2 min → still stopped',
      speedKmh: 3,
      stationaryForMs: 2 * MIN,
      crossing: ICE,
      breached: true,
    },
    {
      name: 'mirror: 0 km/h reported but it moved beyond the noise within 2 min → not stopped',
      speedKmh: 0,
      stationaryForMs: 2 * MIN - 1,
      crossing: ICE,
      breached: false,
    },
    {
      name: 'standing 4 min with a 5-min site maximum → not yet',
      speedKmh: 0,
      stationaryForMs: 4 * MIN,
      crossing: { ...ICE, maxStopMinutes: 5 },
      breached: false,
    },
    {
      name: 'standing 5 min with a 5-min site maximum → breached',
      speedKmh: 0,
      stationaryForMs: 5 * MIN,
      crossing: { ...ICE, maxStopMinutes: 5 },
      breached: true,
    },
    {
      name: 'standing off the ice → clear',
      speedKmh: 0,
      stationaryForMs: 60 * MIN,
      crossing: undefined,
      breached: false,
    },
  ])('$name', ({ speedKmh, stationaryForMs, crossing, breached }) => {
    const result = stoppedVerdict(truck({ speedKmh, stationaryForMs }), crossing);
    expect(result.observation.breached).toBe(breached);
  });
});

describe('spacingVerdict', () => {
  // 0.001° of latitude is about 111 m.
  const other = (fields: Partial<VehicleReading>) =>
    truck({ vehicleId: 'TRUCK-02', position: [53.4816, 123.9031], ...fields });
  it.each([
    {
      name: 'two 20 t trucks 111 m apart → breached: above 7 t they need 250 m',
      others: [other({})],
      breached: true,
    },
    {
      name: 'two 5 t vans 111 m apart → clear: 30 m is enough',
      vehicle: truck({ grossMassKg: 5_000 }),
      others: [other({ grossMassKg: 5_000 })],
      breached: false,
    },
    {
      name: 'a van of unknown mass 111 m behind a 5 t van → breached: unknown counts as heavy',
      vehicle: truck({ grossMassKg: 5_000 }),
      others: [other({ grossMassKg: undefined })],
      breached: true,
    },
    {
      name: 'the other position is 61 s older → not compared',
      others: [other({ ts: T0 - 61_000 })],
      breached: false,
    },
    { name: 'alone on the ice → clear', others: [], breached: false },
  ])('$name', ({ vehicle, others, breached }) => {
    expect(spacingVerdict(vehicle ?? truck(), ICE, others).observation.breached).toBe(breached);
  });

  it('the reason names the closest vehicle, the distance and what is required', () => {
    const result = spacingVerdict(truck(), ICE, [other({})]);
    expect(renderReason(result.observation.reason)).toMatch(
      /^vehicle TRUCK-01 is 111(\.\d)? m from TRUCK-02 on jalinda-mohe-ice; at least 250 m required$/,
    );
  });
});

describe('silentOnIceVerdict', () => {
  it.each([
    {
      name: 'last seen on the ice 2 min ago → clear (exactly the stop allowance)',
      lastTs: T0 - 2 * MIN,
      crossing: ICE,
      breached: false,
    },
    {
      name: 'last seen on the ice 3 min ago → breached: where is it?',
      lastTs: T0 - 3 * MIN,
      crossing: ICE,
      breached: true,
    },
    {
      name: 'last seen off the ice an hour ago → clear',
      lastTs: T0 - 60 * MIN,
      crossing: undefined,
      breached: false,
    },
  ])('$name', ({ lastTs, crossing, breached }) => {
    const result = silentOnIceVerdict({ vehicleId: 'TRUCK-02', lastTs }, crossing, T0);
    expect(result.observation).toMatchObject({ breached, ts: T0, severity: 'major' });
  });

  it('the reason gives the minutes since the vehicle was seen', () => {
    const result = silentOnIceVerdict({ vehicleId: 'TRUCK-02', lastTs: T0 - 3 * MIN }, ICE, T0);
    expect(renderReason(result.observation.reason)).toBe(
      'vehicle TRUCK-02 last seen on jalinda-mohe-ice 3 min ago and silent since: where is it?',
    );
  });
});

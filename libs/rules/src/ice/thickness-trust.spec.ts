import { HOUR, NOW, RULES } from './crossing-fixture';
import { evaluateIceCrossing } from './crossing-status';
import { implausibleThicknessVerdict, stuckSensorVerdict } from './ice-conditions';
import {
  DEFAULT_THICKNESS_TRUST as TRUST,
  maxGrowthCmPerDay,
  stuckGauge,
  trustedStation,
  trustedThickness,
  type ThicknessPoint,
} from './thickness-trust';

const DAY = 24 * HOUR;

/** Hourly readings ending at NOW: values[i] at NOW − (n − 1 − i) h. */
function hourly(values: number[]): ThicknessPoint[] {
  return values.map((value, i) => ({ ts: NOW - (values.length - 1 - i) * HOUR, value }));
}

function crossingWith(points: ThicknessPoint[], airTemps: { ts: number; tempC: number }[] = []) {
  const station = trustedStation({ deviceId: 'st-1' }, points, airTemps, NOW, TRUST);
  const status = evaluateIceCrossing({
    crossingId: 'x',
    rules: RULES,
    stations: [station],
    meanAirTemp3dC: -20,
    now: NOW,
  });
  return { station, status };
}

describe("maxGrowthCmPerDay (Stefan's law, α = 2.7, −50 °C)", () => {
  it.each([
    { cm: 30, perDay: 6.075 },
    { cm: 60, perDay: 3.0375 },
    { cm: 5, perDay: 18.225 }, // floored at 10 cm
  ])('$cm cm → $perDay cm/day', ({ cm, perDay }) => {
    expect(maxGrowthCmPerDay(cm, TRUST)).toBeCloseTo(perDay, 6);
  });
});

describe('trustedThickness', () => {
  it.each([
    {
      name: '60 cm for days, then 120 cm an hour later → held: 60 cm believed, 120 cm unconfirmed',
      points: hourly([60, 60, 60, 120]),
      believed: 60,
      held: 120,
    },
    {
      name: 'mirror: a real slow thickening, +0.1 cm an hour for a day → every reading believed',
      points: hourly(Array.from({ length: 25 }, (_, i) => 60 + i * 0.1)),
      believed: 62.4,
      held: undefined,
    },
    {
      name: 'mirror: a real decrease, 60 → 40 cm in an hour → believed at once',
      points: hourly([60, 60, 40]),
      believed: 40,
      held: undefined,
    },
    {
      name: 'a rise within gauge noise (60 → 62 cm in an hour) → believed',
      points: hourly([60, 62]),
      believed: 62,
      held: undefined,
    },
    {
      name: 'spike then back to 61 cm → the spike is forgotten, 61 believed',
      points: hourly([60, 120, 61]),
      believed: 61,
      held: undefined,
    },
    {
      name: 'a spike sustained for 1 day is still held (60 → 120 cm needs ~20 days at 3 cm/day)',
      points: hourly([60, ...Array.from({ length: 24 }, () => 120)]),
      believed: 60,
      held: 120,
    },
    {
      name: 'a rise sustained at a plausible rate: 60 cm, then 66 cm two days later → confirmed',
      points: [
        { ts: NOW - 2 * DAY, value: 60 },
        { ts: NOW - 2 * DAY + HOUR, value: 66 },
        { ts: NOW, value: 66 },
      ],
      believed: 66,
      held: undefined,
    },
  ])('$name', ({ points, believed, held }) => {
    const trust = trustedThickness(points, TRUST);
    expect(trust.believed).toEqual({ value: believed, ts: NOW });
    expect(trust.held?.reported.value).toBe(held);
  });

  it('an operator’s manual measurement confirms a held rise and is named', () => {
    const points = [...hourly([60, 60, 120]), { ts: NOW + 1, value: 118, manualBy: 'Anna Petrova' }];
    const trust = trustedThickness(points, TRUST);
    expect(trust.believed).toEqual({ value: 118, ts: NOW + 1 });
    expect(trust.held).toBeUndefined();
    expect(trust.confirmedBy).toEqual({ by: 'Anna Petrova', ts: NOW + 1, valueCm: 118 });
  });

  it('flooded snow freezing: 115 → 130 cm in an hour with white ice 8 → 23 cm → believed (clear ice unchanged)', () => {
    const points = hourly([115, 130]);
    const white = [
      { ts: NOW - HOUR, value: 8 },
      { ts: NOW, value: 23 },
    ];
    const station = trustedStation({ deviceId: 'st-1' }, points, [], NOW, TRUST, white);
    expect(station.iceThicknessCm).toEqual({ value: 130, ts: NOW });
    expect(station.heldRise).toBeUndefined();
  });

  it('mirror: 115 → 130 cm in an hour with the white ice unchanged at 8 cm → held', () => {
    const white = [{ ts: NOW - HOUR, value: 8 }];
    const station = trustedStation({ deviceId: 'st-1' }, hourly([115, 130]), [], NOW, TRUST, white);
    expect(station.iceThicknessCm).toEqual({ value: 115, ts: NOW });
    expect(station.heldRise?.reported.value).toBe(130);
  });

  it('readings in any order give the same answer (time order, not arrival order)', () => {
    const points = hourly([60, 60, 120, 61]);
    expect(trustedThickness([...points].reverse(), TRUST)).toEqual(trustedThickness(points, TRUST));
  });

  it('no finite reading → nothing believed', () => {
    expect(trustedThickness([{ ts: NOW, value: Number.NaN }], TRUST)).toEqual({});
  });
});

describe('crossing status with a held rise', () => {
  it('60 → 120 cm in an hour → still restricted at 14.4 t, with the unconfirmed reason', () => {
    const { station, status } = crossingWith(hourly([60, 60, 120]));
    expect(status).toMatchObject({ status: 'restricted', maxGrossTonnes: 14.4 });
    const held = status.reasons.find((r) => r.code === 'unconfirmed_thickness');
    expect(held?.text).toContain('reported 120 cm');
    expect(implausibleThicknessVerdict(station, NOW).observation.breached).toBe(true);
  });

  it('mirror: 60 → 60.1 cm → no held rise, the engineers’ alert is clear', () => {
    const { station, status } = crossingWith(hourly([60, 60.1]));
    expect(status.reasons.map((r) => r.code)).not.toContain('unconfirmed_thickness');
    expect(implausibleThicknessVerdict(station, NOW).observation.breached).toBe(false);
  });

  it('a manual measurement of 118 cm → open, and the reason names who confirmed it', () => {
    const points = [...hourly([60, 120]), { ts: NOW, value: 118, manualBy: 'Anna Petrova' }];
    const { status } = crossingWith(points.filter((p, i) => i !== 1 || p.manualBy));
    expect(status.status).toBe('open');
    expect(status.reasons.find((r) => r.code === 'manual_thickness')?.text).toContain('Anna Petrova');
  });
});

describe('stuckGauge', () => {
  const swingingAir = Array.from({ length: 25 }, (_, i) => ({
    ts: NOW - (24 - i) * HOUR,
    tempC: -40 + i * (20 / 24),
  }));
  const steadyAir = swingingAir.map((t) => ({ ...t, tempC: -30 }));
  const flat = hourly(Array.from({ length: 25 }, () => 80));

  it('25 hourly readings of exactly 80 cm while the air went −40 → −20 °C → stuck, crossing unknown', () => {
    const { station, status } = crossingWith(flat, swingingAir);
    expect(station.stuck).toMatchObject({ valueCm: 80, readings: 25, airSwingC: 20 });
    expect(status.status).toBe('unknown');
    expect(status.reasons[0].code).toBe('stuck_thickness');
    expect(stuckSensorVerdict(station, NOW).observation.breached).toBe(true);
  });

  it('mirror: the same gauge varying by 0.5 cm → not stuck, crossing judged on its thickness (restricted)', () => {
    const varying = hourly(Array.from({ length: 25 }, (_, i) => 80 + (i % 2) * 0.5));
    const { station, status } = crossingWith(varying, swingingAir);
    expect(station.stuck).toBeUndefined();
    expect(status.status).toBe('restricted');
    expect(stuckSensorVerdict(station, NOW).observation.breached).toBe(false);
  });

  it('mirror: the same value while the air was steady → not stuck (nothing drove a change)', () => {
    expect(stuckGauge(flat, steadyAir, NOW, TRUST)).toBeUndefined();
  });

  it('a flat gauge for only 6 hours of the 24-hour window → not yet stuck', () => {
    expect(stuckGauge(flat.slice(-6), swingingAir, NOW, TRUST)).toBeUndefined();
  });
});

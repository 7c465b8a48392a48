import { HOUR, NOW, RULES } from './crossing-fixture';
import fc from 'fast-check';
import { evaluateIceCrossing, type StationSnapshot } from './crossing-status';
import { StationReadings } from './station-readings';
import { DEFAULT_THICKNESS_TRUST as TRUST, trustedStation, type ThicknessPoint } from './thickness-trust';

// The air swung 20 °C over the last two days, so a flat gauge can be judged stuck.
const AIR = Array.from({ length: 48 }, (_, i) => ({ ts: NOW - (47 - i) * HOUR, tempC: -40 + (i % 12) * 2 }));

interface Reading {
  station: 'ICE-1' | 'ICE-2';
  metric: 'iceThicknessCm' | 'whiteIceCm' | 'crackWidthMm' | 'overflow';
  ts: number;
  value: number | boolean;
}

// Hours on a coarse grid (0–60 h before NOW) so that duplicates and same-timestamp corrections are
// frequent; thickness from a few values so that plausible rises, spikes, falls and flat runs all occur.
const hoursAgo = fc.integer({ min: 0, max: 60 });
const reading: fc.Arbitrary<Reading> = fc
  .oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        metric: fc.constant('iceThicknessCm' as const),
        value: fc.constantFrom(40, 60, 60.5, 61, 62, 75, 120),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ metric: fc.constant('whiteIceCm' as const), value: fc.constantFrom(0, 5, 20) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        metric: fc.constant('crackWidthMm' as const),
        value: fc.constantFrom(0, 5, 12),
      }),
    },
    { weight: 1, arbitrary: fc.record({ metric: fc.constant('overflow' as const), value: fc.boolean() }) },
  )
  .chain((point) =>
    fc
      .record({ station: fc.constantFrom('ICE-1' as const, 'ICE-2' as const), h: hoursAgo })
      .map(({ station, h }) => ({
        ...point,
        station,
        ts: NOW - h * HOUR,
      })),
  );

/** The status reading by reading, as the monitor builds it: one StationReadings per station. */
function incremental(readings: Reading[]) {
  const stations = new Map(['ICE-1', 'ICE-2'].map((id) => [id, new StationReadings(id)]));
  for (const r of readings) stations.get(r.station)!.add(r.metric, r.ts, r.value);
  return status([...stations.values()].map((s) => s.snapshot(AIR, NOW, TRUST)));
}

/**
 * The status recomputed from what a store holds at the end: one value per (station, metric, ts),
 * the last written winning; the newest point of each metric; every thickness point.
 */
function fromStore(readings: Reading[]) {
  const store = new Map<string, Reading>();
  for (const r of readings) store.set(`${r.station}|${r.metric}|${r.ts}`, r);
  const points = [...store.values()];
  const snapshots = ['ICE-1', 'ICE-2'].map((deviceId) => {
    const mine = points.filter((p) => p.station === deviceId);
    const newest = (metric: Reading['metric']) =>
      mine
        .filter((p) => p.metric === metric)
        .reduce<Reading | undefined>((a, p) => (!a || p.ts > a.ts ? p : a), undefined);
    const station: StationSnapshot = { deviceId };
    const white = newest('whiteIceCm');
    const crack = newest('crackWidthMm');
    const overflow = newest('overflow');
    if (white) station.whiteIceCm = { value: white.value as number, ts: white.ts };
    if (crack) station.crackWidthMm = { value: crack.value as number, ts: crack.ts };
    if (overflow) station.overflow = { value: overflow.value as boolean, ts: overflow.ts };
    const thickness: ThicknessPoint[] = mine
      .filter((p) => p.metric === 'iceThicknessCm')
      .map((p) => ({ ts: p.ts, value: p.value as number }));
    const whiteIce = mine
      .filter((p) => p.metric === 'whiteIceCm')
      .map((p) => ({ ts: p.ts, value: p.value as number }));
    return trustedStation(station, thickness, AIR, NOW, TRUST, whiteIce);
  });
  return status(snapshots);
}

function status(stations: StationSnapshot[]) {
  return evaluateIceCrossing({ crossingId: 'x', rules: RULES, stations, meanAirTemp3dC: -20, now: NOW });
}

describe('derived crossing status against the stored points (property)', () => {
  it('for any sequence of readings — duplicates, same-timestamp corrections, out of order, gaps — the status equals the one recomputed from the store', () => {
    fc.assert(
      fc.property(fc.array(reading, { maxLength: 80 }), (readings) => {
        expect(incremental(readings)).toEqual(fromStore(readings));
      }),
      { numRuns: 400, seed: 20260201 },
    );
  });

  it('a same-timestamp correction 120 → 60 cm is believed: the status is the 60 cm one', () => {
    const station = new StationReadings('ICE-1');
    station.add('iceThicknessCm', NOW - HOUR, 60);
    station.add('iceThicknessCm', NOW, 120);
    station.add('iceThicknessCm', NOW, 60);
    const result = status([station.snapshot([], NOW, TRUST)]);
    expect(result).toMatchObject({ status: 'restricted', maxGrossTonnes: 14.4 });
    expect(result.reasons.map((r) => r.code)).not.toContain('unconfirmed_thickness');
  });

  it('a late reading newer than what was believed changes it; an older one does not hide the newest', () => {
    const station = new StationReadings('ICE-1');
    station.add('iceThicknessCm', NOW - HOUR, 60);
    station.add('iceThicknessCm', NOW, 40); // arrives first
    station.add('iceThicknessCm', NOW - 2 * HOUR, 60); // an old reading flushed late
    expect(station.snapshot([], NOW, TRUST).iceThicknessCm).toEqual({ value: 40, ts: NOW });
  });
});

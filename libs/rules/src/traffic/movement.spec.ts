import { distanceM, type LatLon } from '../ice/traffic';
import { DEFAULT_GPS_NOISE_M, stationaryForMs, withPosition, type TrackPoint } from './movement';

const T0 = Date.parse('2026-02-01T03:00:00Z');
const SEC = 1000;
const PARKED: LatLon = [53.4816, 123.9031];
// Offsets within ~11 m of the parked position: a consumer GNSS receiver standing still (§8).
// 0.0001° of latitude ≈ 11 m; 0.0001° of longitude at 53.5° N ≈ 6.6 m.
const JITTER: [number, number][] = [
  [0, 0],
  [0.00006, 0.00004],
  [-0.00005, 0.0001],
  [0.00003, -0.00009],
  [-0.00007, -0.00003],
  [0.00008, 0.00006],
];

/** One position every 10 s for `seconds`, jittered, drifting `metresPerSecond` northwards. */
function track(seconds: number, metresPerSecond: number): TrackPoint[] {
  const points: TrackPoint[] = [];
  for (let s = 0, i = 0; s <= seconds; s += 10, i++) {
    const [dLat, dLon] = JITTER[i % JITTER.length];
    const drift = (metresPerSecond * s) / 111_320;
    points.push({ ts: T0 + s * SEC, position: [PARKED[0] + dLat + drift, PARKED[1] + dLon] });
  }
  return points;
}

describe('stationaryForMs', () => {
  it('the jitter stays within ~11 m of the parked position', () => {
    const farthest = Math.max(...track(240, 0).map((p) => distanceM(p.position, PARKED)));
    expect(farthest).toBeGreaterThan(8);
    expect(farthest).toBeLessThan(12);
  });

  it.each([
    {
      name: 'standing 4 min with ~11 m of jitter → stationary for 4 min',
      seconds: 240,
      speed: 0,
      ms: 240 * SEC,
    },
    {
      name: 'mirror: the same jitter on a truck moving at 15 km/h → stationary for 0 ms',
      seconds: 240,
      speed: 15 / 3.6,
      ms: 0,
    },
  ])('$name', ({ seconds, speed, ms }) => {
    expect(stationaryForMs(track(seconds, speed), DEFAULT_GPS_NOISE_M)).toBeCloseTo(ms, -4);
  });

  it('creeping at 1 km/h for 4 min (2.8 m per 10 s) → within 25 m for under the 2-min maximum', () => {
    const ms = stationaryForMs(track(240, 1 / 3.6), DEFAULT_GPS_NOISE_M);
    expect(ms).toBeGreaterThan(30 * SEC);
    expect(ms).toBeLessThan(120 * SEC);
  });

  it('a single position → 0 (not yet known to be standing)', () => {
    expect(stationaryForMs([{ ts: T0, position: PARKED }], DEFAULT_GPS_NOISE_M)).toBe(0);
  });

  it('order of arrival does not matter: time order decides', () => {
    const points = track(240, 0);
    expect(stationaryForMs([...points].reverse(), 25)).toBe(stationaryForMs(points, 25));
  });
});

describe('withPosition', () => {
  it('keeps time order, replaces a same-timestamp correction and drops what is older than keepMs', () => {
    let kept: TrackPoint[] = [];
    kept = withPosition(kept, { ts: T0 + 20 * SEC, position: PARKED }, 60 * SEC);
    kept = withPosition(kept, { ts: T0, position: PARKED }, 60 * SEC);
    kept = withPosition(kept, { ts: T0 + 20 * SEC, position: [53.5, 123.9] }, 60 * SEC);
    kept = withPosition(kept, { ts: T0 + 70 * SEC, position: PARKED }, 60 * SEC);
    expect(kept).toEqual([
      { ts: T0 + 20 * SEC, position: [53.5, 123.9] },
      { ts: T0 + 70 * SEC, position: PARKED },
    ]);
  });
});

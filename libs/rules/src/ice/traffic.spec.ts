import {
  criticalSpeedKmh,
  distanceM,
  distanceToPolylineM,
  forbiddenSpeedBand,
  insideCorridor,
  minSpacingM,
  pointInPolygon,
  type LatLon,
} from './traffic';

// One degree of latitude on a sphere of the IUGG mean radius: 6 371 008.8 m · π / 180.
const METRES_PER_DEGREE = 111_195.08;

describe('criticalSpeedKmh (docs/domain.md §3, v_c = √(g·H))', () => {
  it.each([
    { depthM: 3, kmh: 19.5 },
    { depthM: 5, kmh: 25.2 },
    { depthM: 10, kmh: 35.7 },
  ])('$depthM m of water → $kmh km/h', ({ depthM, kmh }) => {
    expect(criticalSpeedKmh(depthM)).toBeCloseTo(kmh, 1);
  });
});

describe('forbiddenSpeedBand (docs/domain.md §3, 0.7·v_c … 1.3·v_c [design])', () => {
  it('5 m of water → 17.6 … 32.8 km/h', () => {
    const [from, to] = forbiddenSpeedBand(5);
    expect(from).toBeCloseTo(0.7 * 25.21, 1);
    expect(to).toBeCloseTo(1.3 * 25.21, 1);
  });
  it('10 m of water → 25.0 … 46.4 km/h (Estonia bans 25–40 km/h)', () => {
    const [from, to] = forbiddenSpeedBand(10);
    expect(from).toBeCloseTo(24.96, 1);
    expect(to).toBeCloseTo(46.36, 1);
  });
});

describe('minSpacingM (docs/domain.md §3, 30 m up to 7 t, 250 m above [design])', () => {
  it.each([
    { name: '3.5 t van → 30 m', kg: 3500, metres: 30 },
    { name: 'exactly 7 t → 30 m', kg: 7000, metres: 30 },
    { name: '7001 kg → 250 m', kg: 7001, metres: 250 },
    { name: '40 t truck → 250 m', kg: 40_000, metres: 250 },
    { name: 'unknown mass (NaN) → 250 m, fail safe', kg: NaN, metres: 250 },
  ])('$name', ({ kg, metres }) => {
    expect(minSpacingM(kg)).toBe(metres);
  });
});

describe('distanceM (haversine)', () => {
  it.each<{ name: string; a: LatLon; b: LatLon; metres: number; within: number }>([
    { name: 'same point → 0 m', a: [53.48, 123.9], b: [53.48, 123.9], metres: 0, within: 1e-6 },
    {
      name: 'one degree of latitude → 111 195 m',
      a: [53, 123.9],
      b: [54, 123.9],
      metres: METRES_PER_DEGREE,
      within: 1,
    },
    {
      name: '0.01° of longitude at 53.5° N → 661.4 m',
      a: [53.5, 123.9],
      b: [53.5, 123.91],
      metres: METRES_PER_DEGREE * 0.01 * Math.cos((53.5 * Math.PI) / 180),
      within: 0.01,
    },
    {
      name: 'a quarter of the equator → π/2 · R',
      a: [0, 0],
      b: [0, 90],
      metres: (Math.PI / 2) * 6_371_008.8,
      within: 1e-3,
    },
  ])('$name', ({ a, b, metres, within }) => {
    expect(Math.abs(distanceM(a, b) - metres)).toBeLessThanOrEqual(within);
    expect(Math.abs(distanceM(b, a) - metres)).toBeLessThanOrEqual(within);
  });
});

describe('distanceToPolylineM (local equirectangular projection)', () => {
  // A north–south centre line across the river, 2.2 km, and a dog-leg corridor.
  const straight: LatLon[] = [
    [53.48, 123.9],
    [53.5, 123.9],
  ];
  const dogLeg: LatLon[] = [
    [53.48, 123.9],
    [53.49, 123.9],
    [53.49, 123.92],
  ];
  it.each<{ name: string; point: LatLon; line: LatLon[]; metres: number; within: number }>([
    {
      name: 'beside the middle of a segment → the perpendicular distance (agrees with haversine to 0.5 m)',
      point: [53.49, 123.91],
      line: straight,
      metres: distanceM([53.49, 123.91], [53.49, 123.9]),
      within: 0.5,
    },
    {
      name: 'beyond the end of the line → the distance to the end point',
      point: [53.51, 123.9],
      line: straight,
      metres: METRES_PER_DEGREE * 0.01,
      within: 0.5,
    },
    { name: 'on the line → 0 m', point: [53.485, 123.9], line: straight, metres: 0, within: 1e-6 },
    {
      name: 'nearest to the second segment of a dog-leg',
      point: [53.492, 123.91],
      line: dogLeg,
      metres: METRES_PER_DEGREE * 0.002,
      within: 0.5,
    },
    {
      name: 'a single-vertex line is a point',
      point: [53.49, 123.9],
      line: [[53.48, 123.9]],
      metres: METRES_PER_DEGREE * 0.01,
      within: 0.01,
    },
  ])('$name', ({ point, line, metres, within }) => {
    expect(Math.abs(distanceToPolylineM(point, line) - metres)).toBeLessThanOrEqual(within);
  });

  it('an empty line is infinitely far away', () => {
    expect(distanceToPolylineM([53.49, 123.9], [])).toBe(Infinity);
  });
});

describe('insideCorridor (distance to the centre line ≤ width / 2)', () => {
  const corridor: LatLon[] = [
    [53.48, 123.9],
    [53.5, 123.9],
  ];
  const eastBy = (metres: number): LatLon => [
    53.49,
    123.9 + metres / (METRES_PER_DEGREE * Math.cos((53.49 * Math.PI) / 180)),
  ];
  it.each([
    { name: 'on the centre line → inside', point: eastBy(0), expected: true },
    { name: '99 m off a 200 m corridor → inside', point: eastBy(99), expected: true },
    { name: '101 m off a 200 m corridor → outside', point: eastBy(101), expected: false },
    {
      name: '100 m past the northern end → outside',
      point: [53.5 + 100 / METRES_PER_DEGREE + 1e-6, 123.9] as LatLon,
      expected: false,
    },
  ])('$name', ({ point, expected }) => {
    expect(insideCorridor(point, corridor, 200)).toBe(expected);
  });

  it('an empty corridor contains nothing', () => {
    expect(insideCorridor([53.49, 123.9], [], 10_000)).toBe(false);
  });
});

describe('pointInPolygon (ray casting)', () => {
  const square: LatLon[] = [
    [53.0, 123.0],
    [53.0, 124.0],
    [54.0, 124.0],
    [54.0, 123.0],
  ];
  // An L: the square without its north-east quarter.
  const ell: LatLon[] = [
    [53.0, 123.0],
    [53.0, 124.0],
    [53.5, 124.0],
    [53.5, 123.5],
    [54.0, 123.5],
    [54.0, 123.0],
  ];
  it.each<{ name: string; point: LatLon; polygon: LatLon[]; expected: boolean }>([
    { name: 'centre of a square → inside', point: [53.5, 123.5], polygon: square, expected: true },
    { name: 'north of a square → outside', point: [54.5, 123.5], polygon: square, expected: false },
    { name: 'east of a square → outside', point: [53.5, 124.5], polygon: square, expected: false },
    { name: 'in the arm of an L → inside', point: [53.25, 123.75], polygon: ell, expected: true },
    { name: 'in the notch of an L → outside', point: [53.75, 123.75], polygon: ell, expected: false },
    {
      name: 'fewer than three vertices → nothing is inside',
      point: [53.5, 123.5],
      polygon: square.slice(0, 2),
      expected: false,
    },
  ])('$name', ({ point, polygon, expected }) => {
    expect(pointInPolygon(point, polygon)).toBe(expected);
  });
});

/**
 * Traffic on the ice (docs/domain.md §3): resonance speed, vehicle spacing and where a vehicle is
 * relative to the crossing corridor. Positions are [latitude, longitude] in degrees (WGS 84), as in
 * the site configuration.
 */

export type LatLon = readonly [lat: number, lon: number];

/** Standard gravity, m/s². */
const G = 9.80665;
/** Mean Earth radius (IUGG), m. */
const EARTH_RADIUS_M = 6_371_008.8;
const DEG = Math.PI / 180;

/**
 * The critical (resonance) speed of a vehicle on floating ice: the speed of shallow-water waves,
 * v_c = √(g·H) for water depth H, in km/h. Near it the ice deflection wave builds up under the load.
 * docs/domain.md §3, critical speed [C]/[D]: 3 m → 19.5 km/h, 5 m → 25 km/h, 10 m → 36 km/h.
 */
export function criticalSpeedKmh(waterDepthM: number): number {
  return Math.sqrt(G * waterDepthM) * 3.6;
}

/**
 * Speeds to keep out of: [0.7·v_c, 1.3·v_c] in km/h.
 * docs/domain.md §3, forbidden speed band [design] (Estonia bans 25–40 km/h for the same reason [S]).
 */
export function forbiddenSpeedBand(waterDepthM: number): [fromKmh: number, toKmh: number] {
  const critical = criticalSpeedKmh(waterDepthM);
  return [0.7 * critical, 1.3 * critical];
}

/** docs/domain.md §3, default spacing: vehicles up to 7 t gross [design]. */
const LIGHT_VEHICLE_MAX_KG = 7000;
/** docs/domain.md §3: ≥ 30 m (ОДН 218.010-98) [S]. */
const LIGHT_SPACING_M = 30;
/** docs/domain.md §3: ≥ 250 m (Estonia) [S], between ОДН's 30 m and Manitoba's 1 km for > 7 t [design]. */
const HEAVY_SPACING_M = 250;

/**
 * Minimum distance to the vehicle ahead: 30 m up to 7 t gross (inclusive), 250 m above.
 * An unknown mass (not a number) gets the heavy spacing: fail safe.
 * docs/domain.md §3, default spacing [design, between the sources]
 */
export function minSpacingM(grossMassKg: number): number {
  return grossMassKg <= LIGHT_VEHICLE_MAX_KG ? LIGHT_SPACING_M : HEAVY_SPACING_M;
}

/** Great-circle distance in metres (haversine, spherical Earth of mean radius). */
export function distanceM(a: LatLon, b: LatLon): number {
  const dLat = (b[0] - a[0]) * DEG;
  const dLon = (b[1] - a[1]) * DEG;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * DEG) * Math.cos(b[0] * DEG) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Shortest distance in metres from a point to a polyline (the centre line of a corridor).
 *
 * Works in a local equirectangular projection centred on the point: x = R·Δλ·cos φ₀, y = R·Δφ.
 * Over a river crossing of a few kilometres at 53° N the error is well under 1 m per km, far below
 * GPS error; it would not do for hundreds of kilometres, near the poles or across the 180° meridian.
 * A single-vertex polyline is a point; an empty one is infinitely far away (nothing is inside it).
 */
export function distanceToPolylineM(point: LatLon, polyline: readonly LatLon[]): number {
  if (polyline.length === 0) return Infinity;
  if (polyline.length === 1) return distanceM(point, polyline[0]);
  const cosLat = Math.cos(point[0] * DEG);
  const project = ([lat, lon]: LatLon): [number, number] => [
    (lon - point[1]) * DEG * cosLat * EARTH_RADIUS_M,
    (lat - point[0]) * DEG * EARTH_RADIUS_M,
  ];
  let best = Infinity;
  for (let i = 1; i < polyline.length; i++) {
    best = Math.min(best, distanceToSegmentFromOrigin(project(polyline[i - 1]), project(polyline[i])));
  }
  return best;
}

/** Distance from (0, 0), the projected point, to the segment a–b in the plane. */
function distanceToSegmentFromOrigin([ax, ay]: [number, number], [bx, by]: [number, number]): number {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  // Where the perpendicular from the origin meets the line, clamped to the segment's ends.
  const t = lengthSquared === 0 ? 0 : Math.min(1, Math.max(0, -(ax * dx + ay * dy) / lengthSquared));
  return Math.hypot(ax + t * dx, ay + t * dy);
}

/**
 * Whether a point lies within the corridor: at most widthM/2 from its centre line (edge included).
 * docs/domain.md §3 and the site configuration's corridorWidthM: vehicles stay within the marked route.
 */
export function insideCorridor(point: LatLon, corridor: readonly LatLon[], widthM: number): boolean {
  return distanceToPolylineM(point, corridor) <= widthM / 2;
}

/**
 * Whether a point lies inside a polygon (an inspection zone, a checkpoint), by ray casting on
 * latitude and longitude as plane coordinates: exact enough for zones of a few kilometres away from
 * the poles and the 180° meridian. A point exactly on an edge may fall either way; a polygon of fewer
 * than three vertices contains nothing. The polygon need not repeat its first vertex.
 */
export function pointInPolygon(point: LatLon, polygon: readonly LatLon[]): boolean {
  if (polygon.length < 3) return false;
  const [y, x] = point;
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [yi, xi] = polygon[i];
    const [yj, xj] = polygon[j];
    // The edge straddles the horizontal through the point, and crosses it to the point's east.
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

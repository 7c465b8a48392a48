import { distanceM, type LatLon } from '@jct/rules';

/** A path of points with distances along it: where a vehicle is after `metres`, and its heading. */
export class Route {
  private readonly cumulative: number[] = [0];

  constructor(readonly points: readonly LatLon[]) {
    if (points.length < 2) throw new Error('a route needs two points or more');
    for (let i = 1; i < points.length; i++) {
      this.cumulative.push(this.cumulative[i - 1] + distanceM(points[i - 1], points[i]));
    }
  }

  get lengthM(): number {
    return this.cumulative[this.cumulative.length - 1];
  }

  /** Position `metres` along the route (clamped to its ends), and the heading there in degrees. */
  at(metres: number, lateralM = 0): { position: LatLon; headingDeg: number } {
    const d = Math.min(Math.max(metres, 0), this.lengthM);
    let i = 1;
    while (i < this.cumulative.length - 1 && this.cumulative[i] < d) i++;
    const [a, b] = [this.points[i - 1], this.points[i]];
    const span = this.cumulative[i] - this.cumulative[i - 1];
    const f = span === 0 ? 0 : (d - this.cumulative[i - 1]) / span;
    const lat = a[0] + (b[0] - a[0]) * f;
    const lon = a[1] + (b[1] - a[1]) * f;
    const heading = bearingDeg(a, b);
    if (lateralM === 0) return { position: [lat, lon], headingDeg: heading };
    // Sideways to the right of the heading, in a local flat projection (a few hundred metres).
    const right = ((heading + 90) * Math.PI) / 180;
    const metresPerDegLat = 111_195;
    const metresPerDegLon = metresPerDegLat * Math.cos((lat * Math.PI) / 180);
    return {
      position: [
        lat + (lateralM * Math.cos(right)) / metresPerDegLat,
        lon + (lateralM * Math.sin(right)) / metresPerDegLon,
      ],
      headingDeg: heading,
    };
  }
}

/** Initial great-circle bearing from a to b, degrees clockwise from north, in [0, 360). */
export function bearingDeg(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLon = (b[1] - a[1]) * rad;
  const y = Math.sin(dLon) * Math.cos(b[0] * rad);
  const x =
    Math.cos(a[0] * rad) * Math.sin(b[0] * rad) -
    Math.sin(a[0] * rad) * Math.cos(b[0] * rad) * Math.cos(dLon);
  return (((Math.atan2(y, x) / rad) % 360) + 360) % 360;
}

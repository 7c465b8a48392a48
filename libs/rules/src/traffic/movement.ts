import { distanceM, type LatLon } from '../ice/traffic';

/**
 * Stopped means not moving (docs/domain.md §8): judged from displacement over time against the GPS
 * noise of the device class, never from one speed value. A receiver standing still scatters by
 * 3–10 m and reports a few km/h; one such sample must neither start nor reset a stop.
 */

/** GPS scatter a standing vehicle or ferry may show, m; default 25 (§8: 3–10 m, with margin) [design]. */
export const DEFAULT_GPS_NOISE_M = 25;

export interface TrackPoint {
  ts: number;
  position: LatLon;
}

/**
 * How long the device has stayed within `noiseM` of its newest position, ms: from the oldest
 * position of the unbroken run that ends at the newest. 0 with a single position (not yet known
 * to be standing).
 */
export function stationaryForMs(track: readonly TrackPoint[], noiseM: number): number {
  if (track.length === 0) return 0;
  const sorted = [...track].sort((a, b) => a.ts - b.ts);
  const newest = sorted[sorted.length - 1];
  let since = newest.ts;
  for (let i = sorted.length - 2; i >= 0; i--) {
    // Written as !(d <= noise) so that a NaN position ends the run: not known to be standing.
    if (!(distanceM(sorted[i].position, newest.position) <= noiseM)) break;
    since = sorted[i].ts;
  }
  return newest.ts - since;
}

/**
 * The track with `point` added in time order (a same-timestamp correction replaces the old
 * position), keeping positions no older than `keepMs` before the newest: bounded memory.
 */
export function withPosition(track: readonly TrackPoint[], point: TrackPoint, keepMs: number): TrackPoint[] {
  const next = [...track.filter((p) => p.ts !== point.ts), point].sort((a, b) => a.ts - b.ts);
  const newest = next[next.length - 1].ts;
  return next.filter((p) => p.ts >= newest - keepMs);
}

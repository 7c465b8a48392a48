import type { LatLon } from '@jct/rules';
import type { Crossing, SiteConfig } from '@jct/site-config';

/** A point on the road from Skovorodino, between checkpoints: no inspection zone [design]. */
export const ROAD_POSITION: LatLon = [53.75, 123.93];

/** The first crossing of a mode in the site configuration. */
export function crossingOf(site: SiteConfig, mode: 'ice' | 'ferry'): Crossing {
  const crossing = site.crossings.find((c) => c.mode === mode);
  if (!crossing) throw new Error(`the site configuration has no ${mode} crossing`);
  return crossing;
}

/** The centre of an inspection zone (or a place's location). */
export function placeCentre(site: SiteConfig, assetId: string): LatLon {
  const asset = site.assets.find((a) => a.id === assetId);
  if (asset?.type === 'inspection-zone' || asset?.type === 'rail-hub') {
    const points = (asset.polygon ?? (asset.location ? [asset.location] : [])) as LatLon[];
    if (points.length > 0) {
      return [
        points.reduce((sum, p) => sum + p[0], 0) / points.length,
        points.reduce((sum, p) => sum + p[1], 0) / points.length,
      ];
    }
  }
  throw new Error(`the site configuration has no place "${assetId}" with a location`);
}

import { distanceM, insideCorridor, pointInPolygon, type LatLon } from '../ice/traffic';

/** Where a container is on its way to China, from its position alone (docs/domain.md §0: the route). */
export type JourneyStage =
  'rail-hub' | 'on-road' | 'checkpoint' | 'on-ice' | 'on-ferry' | 'beyond-crossing' | 'unknown';
/** The leg of the route a stage belongs to: rail to the hub, road to the river, the crossing, China. */
export type JourneyLeg = 'rail' | 'road' | 'crossing' | 'destination' | 'unknown';

/** The site's places as the stage needs them: the crossings' corridors and the named zones. */
export interface RoutePlaces {
  crossings: readonly {
    id: string;
    mode: 'ice' | 'ferry';
    corridor: readonly LatLon[];
    corridorWidthM: number;
  }[];
  /** Rail hubs with a location; inspection zones (checkpoints, terminals) with a polygon. */
  zones: readonly { id: string; type: string; polygon?: readonly LatLon[]; location?: LatLon }[];
}

export interface JourneyPosition {
  stage: JourneyStage;
  leg: JourneyLeg;
  /** The crossing or zone the container is in, when it is in one. */
  placeId?: string;
}

/** A container this close to a rail hub's location is at the hub (its yards and terminal) [design]. */
export const RAIL_HUB_RADIUS_M = 3000;

const LEG: Record<JourneyStage, JourneyLeg> = {
  'rail-hub': 'rail',
  'on-road': 'road',
  checkpoint: 'crossing',
  'on-ice': 'crossing',
  'on-ferry': 'crossing',
  'beyond-crossing': 'destination',
  unknown: 'unknown',
};

const at = (stage: JourneyStage, placeId?: string): JourneyPosition => ({ stage, leg: LEG[stage], placeId });

/**
 * The stage of a container at `position`: inside a crossing's corridor it is on the ice or the
 * ferry; near a rail hub it is at the hub; inside an inspection zone at a checkpoint; farther from
 * the rail hub than the farthest checkpoint it is beyond the crossing; anywhere else on the road.
 * No position: unknown (never guessed from an older leg).
 */
export function journeyStage(position: LatLon | undefined, places: RoutePlaces): JourneyPosition {
  if (!position) return at('unknown');
  for (const crossing of places.crossings) {
    if (insideCorridor(position, crossing.corridor, crossing.corridorWidthM))
      return at(crossing.mode === 'ice' ? 'on-ice' : 'on-ferry', crossing.id);
  }
  const hubs = places.zones.filter((zone) => zone.type === 'rail-hub' && zone.location);
  const hub = hubs.find((zone) => distanceM(position, zone.location!) <= RAIL_HUB_RADIUS_M);
  if (hub) return at('rail-hub', hub.id);
  const checkpoints = places.zones.filter((zone) => zone.type === 'inspection-zone' && zone.polygon);
  const inside = checkpoints.find((zone) => pointInPolygon(position, zone.polygon!));
  if (inside) return at('checkpoint', inside.id);
  if (hubs.length > 0 && checkpoints.length > 0) {
    const origin = hubs[0].location!;
    const farthest = Math.max(
      ...checkpoints.flatMap((zone) => zone.polygon!.map((corner) => distanceM(origin, corner))),
    );
    if (distanceM(origin, position) > farthest) return at('beyond-crossing');
  }
  return at('on-road');
}

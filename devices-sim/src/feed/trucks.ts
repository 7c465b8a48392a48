import type { LatLon } from '@jct/rules';
import { drainBattery } from '../physics/battery';
import { Random, round } from '../physics/prng';
import { Route } from '../physics/route';
import type { TruckPlan } from '../scenario/schema';
import { reading, requireDevice, type FeedContext } from './context';
import type { FeedMessage } from './feed-message';
import { crossingOf, placeCentre } from './places';

/**
 * Trucks crossing the ice in single file (docs/domain.md §3): from the checkpoint of their bank along
 * the corridor's centre line to the other checkpoint, at their speed, reporting GPS, speed,
 * heading and gross mass; optionally stopping on the way.
 */
export function truckMessages(trucks: TruckPlan[], context: FeedContext): FeedMessage[] {
  const ice = crossingOf(context.site, 'ice');
  const south: LatLon[] = [
    placeCentre(context.site, 'jalinda-checkpoint'),
    ...(ice.corridor as LatLon[]),
    placeCentre(context.site, 'mohe-checkpoint'),
  ];
  const messages: FeedMessage[] = [];
  for (const [i, plan] of trucks.entries()) {
    requireDevice(context, plan.id, 'vehicle', `trucks[${i}]`);
    const random = Random.stream(context.seed, plan.id);
    const route = new Route(plan.direction === 'south' ? south : [...south].reverse());
    const metresPerMs = plan.speedKmh / 3600; // km/h → m/ms
    const stopMs = plan.stop ? plan.stop.forMinutes * 60_000 : 0;
    const stopAtMs = plan.stop ? plan.stop.atM / metresPerMs : Number.POSITIVE_INFINITY;
    const travelMs = route.lengthM / metresPerMs + stopMs;
    let battery = random.between(80, 100);
    for (let moved = 0; ; moved += plan.every) {
      const at = plan.departAt + Math.round(Math.min(moved, travelMs));
      if (at >= context.durationMs) break;
      const stopped = moved >= stopAtMs && moved < stopAtMs + stopMs;
      const drivingMs = moved < stopAtMs ? moved : Math.max(stopAtMs, moved - stopMs);
      const { position: onRoute, headingDeg } = route.at(drivingMs * metresPerMs);
      // A receiver standing still scatters and reports a few km/h (docs/domain.md §8).
      const jitterM = stopped ? (plan.stop?.gpsJitterM ?? 0) : 0;
      const position: LatLon = jitterM > 0 ? scatter(onRoute, jitterM, random) : onRoute;
      const standingKmh = jitterM > 0 ? round(random.between(0, 3)) : 0;
      battery = drainBattery(battery, context.weather.airTempC(at), plan.every / 3_600_000);
      const arrived = moved >= travelMs;
      messages.push(
        reading(context, plan.id, at, {
          lat: round(position[0], 6),
          lon: round(position[1], 6),
          speedKmh: arrived
            ? 0
            : stopped
              ? standingKmh
              : round(Math.max(1, plan.speedKmh + random.gaussian(0.3))),
          headingDeg: round(headingDeg, 0) % 360,
          grossMassKg: plan.grossMassKg,
          batteryPct: round(battery),
        }),
      );
      if (arrived) break;
    }
  }
  return messages;
}

/** A point within `radiusM` of `centre`, uniformly over the disc. */
function scatter(centre: LatLon, radiusM: number, random: Random): LatLon {
  const r = radiusM * Math.sqrt(random.between(0, 1));
  const angle = random.between(0, 2 * Math.PI);
  const dLat = (r * Math.cos(angle)) / 111_320;
  const dLon = (r * Math.sin(angle)) / (111_320 * Math.cos((centre[0] * Math.PI) / 180));
  return [centre[0] + dLat, centre[1] + dLon];
}

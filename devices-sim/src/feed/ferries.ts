import type { LatLon } from '@jct/rules';
import { drainBattery } from '../physics/battery';
import { Random, round } from '../physics/prng';
import { Route } from '../physics/route';
import type { FerryPlan } from '../scenario/schema';
import { reading, requireDevice, type FeedContext } from './context';
import type { FeedMessage } from './feed-message';
import { crossingOf } from './places';

/** A ferry keeps within a few tens of metres of its line in open water [design]. */
const NORMAL_DRIFT_M = 15;

/**
 * A ferry in open water (docs/domain.md §1): crossings bank to bank at its speed, alternating
 * direction, docked at a landing in between (speed 0); water level and air temperature aboard.
 */
export function ferryMessages(ferries: FerryPlan[], context: FeedContext): FeedMessage[] {
  const crossing = crossingOf(context.site, 'ferry');
  const messages: FeedMessage[] = [];
  for (const [i, plan] of ferries.entries()) {
    requireDevice(context, plan.id, 'ferry', `ferries[${i}]`);
    const random = Random.stream(context.seed, plan.id);
    const routes = [
      new Route(crossing.corridor as LatLon[]),
      new Route([...(crossing.corridor as LatLon[])].reverse()),
    ];
    const travelMs = routes[0].lengthM / (plan.speedKmh / 3600); // km/h → m/ms
    const drift = random.between(0.5, 1) * NORMAL_DRIFT_M;
    let battery = random.between(80, 100);
    for (let at = 0; at < context.durationMs; at += plan.reportEvery) {
      const sinceFirst = at - plan.firstDepartureAt;
      const number = sinceFirst < 0 ? -1 : Math.floor(sinceFirst / plan.every);
      const intoCrossing = sinceFirst - number * plan.every;
      const moving = number >= 0 && intoCrossing < travelMs;
      let position: LatLon;
      let headingDeg: number;
      if (moving) {
        const route = routes[number % 2];
        const fraction = intoCrossing / travelMs;
        const off = plan.offCorridor?.crossing === number + 1 ? plan.offCorridor.byM : drift;
        ({ position, headingDeg } = route.at(fraction * route.lengthM, off * Math.sin(Math.PI * fraction)));
      } else {
        // Docked where the last crossing ended (before the first: at its departure landing).
        const route = routes[Math.max(number, 0) % 2];
        ({ position, headingDeg } = route.at(number < 0 ? 0 : route.lengthM));
      }
      battery = drainBattery(battery, context.weather.airTempC(at), plan.reportEvery / 3_600_000);
      messages.push(
        reading(context, plan.id, at, {
          lat: round(position[0], 6),
          lon: round(position[1], 6),
          speedKmh: moving ? round(Math.max(1, plan.speedKmh + random.gaussian(0.3))) : 0,
          headingDeg: round(headingDeg, 0) % 360,
          waterLevelCm: round(plan.waterLevelCm + random.gaussian(2), 0),
          airTempC: round(context.weather.airTempC(at) + random.gaussian(0.2)),
          batteryPct: round(battery),
        }),
      );
    }
  }
  return messages;
}

import { drainBattery } from '../physics/battery';
import { iceAt, simulateIce } from '../physics/ice';
import { Random, round } from '../physics/prng';
import type { IcePlan } from '../scenario/schema';
import { reading, requireDevice, type FeedContext } from './context';
import type { FeedMessage, Values } from './feed-message';

/** Thickness sensors read to about ±2 cm (SIMBA, docs/domain.md §4); the noise here is smaller, 0.3 cm [design]. */
const THICKNESS_NOISE_CM = 0.3;

/** Ice stations: thickness, white ice, snow, ice and air temperature, battery; overflow and cracks. */
export function iceStationMessages(plan: IcePlan, context: FeedContext): FeedMessage[] {
  const { site, weather, durationMs, seed } = context;
  const ids = plan.stations ?? site.devices.filter((d) => d.kind === 'ice-station').map((d) => d.id);
  const messages: FeedMessage[] = [];
  for (const id of ids) {
    requireDevice(context, id, 'ice-station', 'ice.stations');
    const random = Random.stream(seed, id);
    const override = plan.overrides[id] ?? {};
    // Stations a few hundred metres apart differ by a few cm [design].
    const thicknessCm = override.thicknessCm ?? plan.thicknessCm + random.between(-2, 2);
    const ice = simulateIce(
      weather,
      durationMs,
      { thicknessCm, whiteIceCm: override.whiteIceCm ?? plan.whiteIceCm, snowDepthCm: plan.snowDepthCm },
      plan.stefanCoefficient,
    );
    let battery = random.between(70, 100);
    let previousMs = 0;
    const end = Math.min(durationMs, override.silentFrom ?? Number.POSITIVE_INFINITY);
    let stuckCm: number | undefined;
    for (let at = 0; at < end; at += plan.every) {
      const state = iceAt(ice, at);
      const air = weather.airTempC(at);
      battery = drainBattery(battery, air, (at - previousMs) / 3_600_000);
      previousMs = at;
      const values: Values = {
        iceThicknessCm: round(state.thicknessCm + random.gaussian(THICKNESS_NOISE_CM)),
        whiteIceCm: round(state.whiteIceCm),
        snowDepthCm: round(state.snowDepthCm),
        iceTempC: round(Math.min(0, state.iceTempC + random.gaussian(0.1))),
        airTempC: round(air + random.gaussian(0.2)),
        batteryPct: round(battery),
      };
      if (override.overflow) values.overflow = at >= override.overflow.from && at < override.overflow.to;
      if (override.crack && at >= override.crack.at) values.crackWidthMm = override.crack.mm;
      // Gauge faults (docs/domain.md §8): a spike, a stuck reading, a same-timestamp correction.
      if (override.spike && at >= override.spike.at) values.iceThicknessCm = override.spike.cm;
      if (override.stuckFrom !== undefined && at >= override.stuckFrom) {
        stuckCm ??= values.iceThicknessCm as number;
        values.iceThicknessCm = stuckCm;
      }
      const correction = override.correction;
      if (correction && at >= correction.at && at < correction.at + plan.every) {
        messages.push(reading(context, id, at, { ...values, iceThicknessCm: correction.wrongCm }));
      }
      messages.push(reading(context, id, at, values));
    }
  }
  return messages;
}

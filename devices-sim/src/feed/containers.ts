import { CARGO_PROFILES, type CargoProfile, type LatLon } from '@jct/rules';
import { drainBattery } from '../physics/battery';
import { Random, round } from '../physics/prng';
import { stepBox, type BoxState } from '../physics/reefer';
import type { ContainerPlan } from '../scenario/schema';
import { reading, requireDevice, type FeedContext } from './context';
import type { FeedMessage } from './feed-message';
import { placeCentre, ROAD_POSITION } from './places';

const MINUTE_MS = 60_000;
/** A heated warehouse at the checkpoint [design]. */
const WAREHOUSE_C = 18;
const DEFROST_MS = 10 * MINUTE_MS;

/**
 * Containers with trackers (docs/domain.md §5): inside temperature from the box's heat exchange and its
 * refrigeration unit's cycles (physics/reefer.ts), humidity, small shocks, door openings and
 * position; a unit failure lets the box drift to the outside temperature.
 */
export function containerMessages(containers: ContainerPlan[], context: FeedContext): FeedMessage[] {
  const messages: FeedMessage[] = [];
  for (const [i, plan] of containers.entries()) {
    requireDevice(context, plan.id, 'container', `containers[${i}]`);
    const profile = profileOf(context, plan.id);
    const random = Random.stream(context.seed, plan.id);
    const position = positionOf(context, plan.place);
    const ambient = (at: number) =>
      plan.ambientC ?? (plan.place === 'warehouse' ? WAREHOUSE_C : context.weather.airTempC(at));
    const setpointC = plan.setpointC ?? setpointOf(profile);
    const humidity = plan.humidityPct ?? humidityOf(profile);
    let box: BoxState = { tempC: plan.startTempC ?? setpointC ?? ambient(plan.from), mode: 'off' };
    let battery = plan.batteryPct ?? random.between(60, 100);
    const doorOpenAt = (at: number) =>
      plan.doors.some((d) => at >= d.at && at < d.at + d.forMinutes * MINUTE_MS);
    const defrostingAt = (at: number) =>
      plan.defrostEvery !== undefined && at >= plan.defrostEvery && at % plan.defrostEvery < DEFROST_MS;
    // The box is stepped every minute; the tracker reports every `every`.
    for (let at = plan.from, nextReport = plan.from; at < context.durationMs; at += MINUTE_MS) {
      if (at >= nextReport) {
        messages.push(
          reading(context, plan.id, at, {
            tempC: round(box.tempC + random.gaussian(0.1)),
            humidityPct: round(Math.min(100, Math.max(0, humidity + random.gaussian(0.5)))),
            shockG: round(Math.abs(random.gaussian(0.1)) + 0.05, 2),
            doorOpen: doorOpenAt(at),
            lat: round(position[0], 6),
            lon: round(position[1], 6),
            batteryPct: round(battery),
          }),
        );
        nextReport += plan.every;
      }
      box = stepBox(
        box,
        {
          ambientC: ambient(at),
          setpointC,
          unitWorks: plan.failure === undefined || at < plan.failure.at,
          doorOpen: doorOpenAt(at),
          defrosting: defrostingAt(at),
        },
        MINUTE_MS / 3_600_000,
      );
      battery = drainBattery(battery, ambient(at), MINUTE_MS / 3_600_000);
    }
  }
  return messages;
}

function profileOf(context: FeedContext, deviceId: string): CargoProfile | undefined {
  const device = context.site.devices.find((d) => d.id === deviceId);
  const asset = context.site.assets.find((a) => a.id === device?.asset);
  return asset?.type === 'container' ? CARGO_PROFILES[asset.cargoProfile] : undefined;
}

/** The middle of the profile's range; 3 °C inside a one-sided limit; none for a dry box. */
function setpointOf(profile: CargoProfile | undefined): number | undefined {
  const limits = profile?.tempC;
  if (limits?.min !== undefined && limits.max !== undefined) return (limits.min + limits.max) / 2;
  if (limits?.max !== undefined) return limits.max - 3;
  if (limits?.min !== undefined) return limits.min + 3;
  return undefined;
}

function humidityOf(profile: CargoProfile | undefined): number {
  const limits = profile?.humidityPct;
  if (limits?.min !== undefined && limits.max !== undefined) return (limits.min + limits.max) / 2;
  return 45;
}

function positionOf(context: FeedContext, place: ContainerPlan['place']): LatLon {
  if (Array.isArray(place)) return place as LatLon;
  if (place === 'road') return ROAD_POSITION;
  if (place === 'warehouse') return placeCentre(context.site, 'jalinda-checkpoint');
  return placeCentre(context.site, place);
}

import { reason } from '../catalogue';
import { verdict, type RuleVerdict } from '../alerts/rule-verdict';
import { distanceM, forbiddenSpeedBand, minSpacingM, type LatLon } from '../ice/traffic';

/**
 * Traffic on the ice (docs/domain.md §3), pure: a vehicle heavier than the crossing allows now, too
 * fast or in the resonance band, stopped on the ice, too close to another, or last seen on the ice
 * and silent since. The caller holds each vehicle's newest readings and passes them in.
 */

/** Speed limit on the ice crossing: ОДН 218.010-98 §8.2 (quoted), docs/domain.md §3 [S]. */
export const DEFAULT_SPEED_LIMIT_KMH = 20;
/** Stopping on the ice is forbidden (Manitoba; RU rules, docs/domain.md §3); a short halt is tolerated [design]. */
export const DEFAULT_MAX_STOP_MINUTES = 2;
/** Positions older than this are not used for spacing [design]. */
export const FRESH_POSITION_MS = 60_000;
const MINUTE_MS = 60_000;

export interface VehicleReading {
  vehicleId: string;
  /** Device time of the position. */
  ts: number;
  position: LatLon;
  speedKmh?: number;
  grossMassKg?: number;
  /** How long it has stayed within the GPS noise of this position (movement.ts); none → 0. */
  stationaryForMs?: number;
}

/** The ice crossing a vehicle is on, as the caller knows it now. */
export interface IceCrossingNow {
  crossingId: string;
  /** The crossing status: open, restricted, closed or unknown. */
  state: string;
  /** 0 unless open or restricted. */
  maxGrossTonnes: number;
  waterDepthM: number;
  speedLimitKmh?: number;
  maxStopMinutes?: number;
}

/** Every traffic condition of one position report; `crossing` undefined when off the ice. */
export function trafficVerdicts(
  vehicle: VehicleReading,
  crossing: IceCrossingNow | undefined,
  others: VehicleReading[],
): RuleVerdict[] {
  return [
    overweightVerdict(vehicle, crossing),
    speedVerdict(vehicle, crossing),
    stoppedVerdict(vehicle, crossing),
    spacingVerdict(vehicle, crossing, others),
  ];
}

/** On the ice heavier than the crossing allows now; an unknown mass counts as too heavy. */
export function overweightVerdict(
  vehicle: VehicleReading,
  crossing: IceCrossingNow | undefined,
): RuleVerdict {
  const { vehicleId } = vehicle;
  const tonnes = vehicle.grossMassKg === undefined ? undefined : vehicle.grossMassKg / 1000;
  const allowed =
    crossing && (crossing.state === 'open' || crossing.state === 'restricted') ? crossing.maxGrossTonnes : 0;
  return verdict({
    ruleId: 'traffic.overweight-on-ice',
    subjectId: vehicleId,
    ts: vehicle.ts,
    breached: crossing !== undefined && (tonnes === undefined || tonnes > allowed),
    value: tonnes,
    metric: 'grossMassKg',
    reason: crossing
      ? reason('traffic.mass-on-ice', {
          vehicleId,
          tonnes,
          crossingId: crossing.crossingId,
          allowedTonnes: allowed,
          crossingState: crossing.state,
        })
      : reason('traffic.off-ice', { vehicleId }),
  });
}

/** Above the speed limit, or inside the resonance band of the water depth. */
export function speedVerdict(vehicle: VehicleReading, crossing: IceCrossingNow | undefined): RuleVerdict {
  const { vehicleId, speedKmh } = vehicle;
  const limitKmh = crossing?.speedLimitKmh ?? DEFAULT_SPEED_LIMIT_KMH;
  const [fromKmh, toKmh] = crossing ? forbiddenSpeedBand(crossing.waterDepthM) : [0, 0];
  const tooFast = speedKmh !== undefined && speedKmh > limitKmh;
  const resonant = speedKmh !== undefined && speedKmh >= fromKmh && speedKmh <= toKmh;
  const on = crossing && speedKmh !== undefined && (tooFast || resonant) ? crossing : undefined;
  return verdict({
    ruleId: 'traffic.speed-on-ice',
    subjectId: vehicleId,
    ts: vehicle.ts,
    breached: on !== undefined,
    value: speedKmh,
    metric: 'speedKmh',
    reason: !on
      ? reason('traffic.speed-ok', { vehicleId })
      : tooFast
        ? reason('traffic.too-fast', { vehicleId, speedKmh: speedKmh!, crossingId: on.crossingId, limitKmh })
        : reason('traffic.resonant-speed', {
            vehicleId,
            speedKmh: speedKmh!,
            crossingId: on.crossingId,
            fromKmh,
            toKmh,
            waterDepthM: on.waterDepthM,
          }),
  });
}

/**
 * Stopped on the ice: breached once the vehicle has stayed within the GPS noise of one place for the
 * crossing's maximum (docs/domain.md §8: from displacement over time, not from a speed value, so a
 * jittering 0–3 km/h neither starts nor resets the stop). The duration is the track's, so no
 * pending period is added on top.
 */
export function stoppedVerdict(vehicle: VehicleReading, crossing: IceCrossingNow | undefined): RuleVerdict {
  const { vehicleId, speedKmh } = vehicle;
  const minutes = crossing?.maxStopMinutes ?? DEFAULT_MAX_STOP_MINUTES;
  const stopped = crossing !== undefined && (vehicle.stationaryForMs ?? 0) >= minutes * MINUTE_MS;
  return verdict({
    ruleId: 'traffic.stopped-on-ice',
    subjectId: vehicleId,
    ts: vehicle.ts,
    breached: stopped,
    value: speedKmh,
    metric: 'speedKmh',
    reason:
      stopped && crossing
        ? reason('traffic.stopped', { vehicleId, crossingId: crossing.crossingId, minutes })
        : reason('traffic.moving', { vehicleId }),
  });
}

/**
 * Closer to another vehicle on the same crossing than the heavier of the two needs (an unknown
 * mass counts as heavy); positions more than a minute apart are not compared.
 */
export function spacingVerdict(
  vehicle: VehicleReading,
  crossing: IceCrossingNow | undefined,
  others: VehicleReading[],
): RuleVerdict {
  const { vehicleId } = vehicle;
  let closest: { otherId: string; metres: number; neededM: number } | undefined;
  if (crossing) {
    for (const other of others) {
      if (other.vehicleId === vehicleId || Math.abs(other.ts - vehicle.ts) > FRESH_POSITION_MS) continue;
      const metres = distanceM(vehicle.position, other.position);
      const neededM = Math.max(
        minSpacingM(vehicle.grossMassKg ?? Number.POSITIVE_INFINITY),
        minSpacingM(other.grossMassKg ?? Number.POSITIVE_INFINITY),
      );
      if (metres < neededM && (!closest || metres < closest.metres)) {
        closest = { otherId: other.vehicleId, metres, neededM };
      }
    }
  }
  return verdict({
    ruleId: 'traffic.spacing-on-ice',
    subjectId: vehicleId,
    ts: vehicle.ts,
    breached: closest !== undefined,
    value: closest?.metres,
    metric: 'lat',
    reason:
      closest && crossing
        ? reason('traffic.too-close', { vehicleId, ...closest, crossingId: crossing.crossingId })
        : reason('traffic.spacing-kept', { vehicleId }),
  });
}

/**
 * Last seen on the ice and silent longer than a vehicle may stop there: nobody knows where it is —
 * through the ice, broken down or a dead tracker; the operators must look (docs/domain.md §3:
 * stopping is forbidden; §4: silence means unknown, never "still fine" [design]).
 */
export function silentOnIceVerdict(
  vehicle: { vehicleId: string; lastTs: number },
  crossing: Pick<IceCrossingNow, 'crossingId' | 'maxStopMinutes'> | undefined,
  now: number,
): RuleVerdict {
  const { vehicleId } = vehicle;
  const minutes = crossing?.maxStopMinutes ?? DEFAULT_MAX_STOP_MINUTES;
  const silentMs = now - vehicle.lastTs;
  const silent = crossing !== undefined && silentMs > minutes * MINUTE_MS;
  return verdict({
    ruleId: 'traffic.silent-on-ice',
    subjectId: vehicleId,
    ts: now,
    breached: silent,
    metric: 'lat',
    reason:
      silent && crossing
        ? reason('traffic.silent', { vehicleId, crossingId: crossing.crossingId, silentMs })
        : reason('traffic.reporting', { vehicleId }),
  });
}

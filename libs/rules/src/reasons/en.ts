import { formatDuration } from '../ice/format';
import type { AlertReasonParams, Side } from '../catalogue';
import { FORECAST_REASONS } from './forecast-reasons';
import { minutes, num, oneDecimal, windowDays, type AlertReasonRenderers } from './renderers';

const lead = (subject?: string) => (subject ? `${subject}: ` : '');
const celsius = (value: number) => `${oneDecimal(value)} °C`;
const limit = (value: number) => `${value} °C`;
const side = (value: Side) => (value === 'above' ? 'above' : 'below');
const at = (lat?: number, lon?: number) =>
  lat !== undefined && lon !== undefined ? ` at ${lat.toFixed(4)}, ${lon.toFixed(4)}` : '';

function mktName(windowHours: number): string {
  const { days, hours } = windowDays(windowHours);
  return `${days !== undefined ? `${days}-day` : `${hours}-h`} mean kinetic temperature`;
}

function mktVerdict(p: { windowHours: number; mktMaxC: number; mktC?: number }): string {
  const name = mktName(p.windowHours);
  if (p.mktC === undefined) {
    return `an excursion is allowed while the ${name} stays within ${limit(p.mktMaxC)} (USP <659>)`;
  }
  return `${name} ${celsius(p.mktC)} ${p.mktC > p.mktMaxC ? 'is above' : 'is within'} ${limit(p.mktMaxC)} (USP <659>)`;
}

function temperatureWithin(p: AlertReasonParams['cargo.temp-within']): string {
  const bound = p.limitC === undefined ? 'no limit' : `the ${limit(p.limitC)}${p.hard ? ' hard' : ''} limit`;
  return `${lead(p.subject)}${celsius(p.tempC)}, within ${bound} of ${p.profile}`;
}

/** English, the language of the API's `text` and of the alert log. */
export const EN: AlertReasonRenderers = {
  ...FORECAST_REASONS.en,
  'ice.effective-thickness': (p) =>
    `station ${p.stationId}: ${num(p.effectiveCm)} cm effective ice (${num(p.totalCm)} cm, ${num(p.whiteCm)} cm white); ` +
    `a ${num(p.designLoadTonnes)} t truck needs ${num(p.requiredCm)} cm (Gold, A = ${num(p.goldA)}${p.derated ? ', derated' : ''})`,
  'ice.water-on-ice': (p) =>
    `station ${p.stationId}: water on the ice; design load cut by ${num(p.loadCutPct)} %`,
  'ice.no-water-on-ice': (p) => `station ${p.stationId}: no water on the ice`,
  'ice.crack-width': (p) =>
    `station ${p.stationId}: crack ${num(p.widthMm)} mm wide (closes the lane at ${num(p.closeAtMm)} mm)`,
  'ice.thinning-rate': (p) =>
    `station ${p.stationId}: ice thinning ${num(p.cmPerDay)} cm/day (${num(p.fromCm)} → ${num(p.toCm)} cm effective); alert above ${num(p.limitCmPerDay)} cm/day`,
  'ice.thaw-mean': (p) =>
    `${p.crossingId}: 3-day mean air temperature ${num(p.meanAirC)} °C; ice capacity derated (×${p.capacityFactor})`,
  'station.no-thickness': (p) =>
    `station ${p.stationId} has sent no ice thickness; ${p.crossingId} is unknown, not open`,
  'station.silent-for': (p) =>
    `station ${p.stationId} silent for ${formatDuration(p.silentMs)}; ${p.crossingId} is unknown, not open`,
  'station.thickness-unconfirmed': (p) =>
    `station ${p.stationId} reports ${num(p.reportedCm)} cm of ice, a rise faster than ice can grow (at most ${num(p.allowedRiseCm)} cm since ${num(p.believedCm)} cm); ${num(p.believedCm)} cm is kept until the rise is confirmed`,
  'station.thickness-plausible': (p) => `station ${p.stationId}: ice thickness readings plausible again`,
  'station.stuck-gauge': (p) =>
    `station ${p.stationId} has read exactly ${num(p.valueCm)} cm for ${num(p.hours)} h while the air temperature changed by ${num(p.airSwingC)} °C; the gauge is treated as silent`,
  'station.gauge-varies': (p) => `station ${p.stationId}: ice thickness gauge varies again`,
  'traffic.mass-on-ice': (p) =>
    `vehicle ${p.vehicleId} ${p.tonnes === undefined ? 'of unknown mass' : `(${num(p.tonnes)} t)`} is on ${p.crossingId}, which allows ` +
    `${p.allowedTonnes > 0 ? `${num(p.allowedTonnes)} t` : `no traffic (${p.crossingState})`} now`,
  'traffic.off-ice': (p) => `vehicle ${p.vehicleId} is off the ice`,
  'traffic.too-fast': (p) =>
    `vehicle ${p.vehicleId} at ${num(p.speedKmh)} km/h on ${p.crossingId}: above the ${num(p.limitKmh)} km/h limit (ОДН 218.010-98 §8.2)`,
  'traffic.resonant-speed': (p) =>
    `vehicle ${p.vehicleId} at ${num(p.speedKmh)} km/h on ${p.crossingId}: inside the resonance band ` +
    `${num(p.fromKmh)}–${num(p.toKmh)} km/h for ${num(p.waterDepthM)} m of water`,
  'traffic.speed-ok': (p) => `vehicle ${p.vehicleId}: speed within limits`,
  'traffic.stopped': (p) =>
    `vehicle ${p.vehicleId} stopped on ${p.crossingId} for ${num(p.minutes)} min or more: stopping on the ice is forbidden`,
  'traffic.moving': (p) => `vehicle ${p.vehicleId} moving or off the ice`,
  'traffic.too-close': (p) =>
    `vehicle ${p.vehicleId} is ${num(p.metres)} m from ${p.otherId} on ${p.crossingId}; at least ${num(p.neededM)} m required`,
  'traffic.spacing-kept': (p) => `vehicle ${p.vehicleId}: spacing kept`,
  'traffic.silent': (p) =>
    `vehicle ${p.vehicleId} last seen on ${p.crossingId} ${minutes(p.silentMs)} min ago and silent since: where is it?`,
  'traffic.reporting': (p) => `vehicle ${p.vehicleId} reporting or off the ice`,
  'ferry.water-level': (p) =>
    `${p.crossingId}: water level ${num(p.levelCm)} cm, below the ${num(p.minimumCm)} cm the ferry needs`,
  'ferry.out-of-season': (p) =>
    `ferry ${p.ferryId} operating on ${p.crossingId} outside its season ${p.opens} – ${p.closes} (ice runs, no safe crossing)`,
  'ferry.off-corridor': (p) =>
    `ferry ${p.ferryId} is ${num(Math.max(0, p.offByM))} m outside the ${num(p.corridorWidthM)} m corridor of ${p.crossingId}`,
  'ferry.stopped': (p) =>
    `ferry ${p.ferryId} stopped midstream on ${p.crossingId} for ${num(p.minutes)} min or more`,
  'ferry.silent': (p) =>
    `ferry ${p.ferryId} last seen midstream on ${p.crossingId} ${minutes(p.silentMs)} min ago and silent since`,
  'ferry.reporting': (p) => `ferry ${p.ferryId} reporting or at a landing`,
  'cargo.shock': (p) =>
    `${lead(p.subject)}shock ${oneDecimal(p.shockG)} g, ${p.breached ? 'above' : 'within'} the ${p.limitG} g limit of ${p.profile}`,
  'cargo.condensation': (p) =>
    `${lead(p.subject)}a surface is at or below the dew point of the inside air: condensation ("container rain", GDV Container Handbook)`,
  'cargo.no-condensation': (p) => `${lead(p.subject)}surfaces are above the dew point of the inside air`,
  'cargo.temp-hard-limit': (p) =>
    `${lead(p.subject)}${celsius(p.tempC)}, ${side(p.side)} the ${limit(p.limitC)} hard limit of ${p.profile}: alert at once, whatever the mean kinetic temperature`,
  'cargo.temp-within': temperatureWithin,
  'cargo.temp-excursion-mkt': (p) =>
    `${lead(p.subject)}${celsius(p.tempC)}, ${side(p.side)} the ${limit(p.limitC)} limit of ${p.profile}; ${mktVerdict(p)}`,
  'cargo.temp-defrost': (p) =>
    `${lead(p.subject)}${celsius(p.tempC)}, above the ${limit(p.limitC)} limit of ${p.profile} by ${celsius(p.riseC)}, ` +
    `within the ${celsius(p.toleranceC)} defrost tolerance for ${p.maxMinutes} min`,
  'cargo.temp-outside': (p) =>
    `${lead(p.subject)}${celsius(p.tempC)}, ${side(p.side)} the ${limit(p.limitC)} limit of ${p.profile}` +
    (p.beyondDefrost
      ? ` by ${celsius(p.beyondDefrost.riseC)}, beyond the ${celsius(p.beyondDefrost.toleranceC)} defrost tolerance`
      : ''),
  'cargo.mkt-above': (p) =>
    `${lead(p.subject)}${mktName(p.windowHours)} ${celsius(p.mktC)} is above the ${limit(p.limitC)} limit of ${p.profile} (USP <659>)`,
  'cargo.mkt-within': (p) =>
    `${lead(p.subject)}${mktVerdict({ windowHours: p.windowHours, mktMaxC: p.limitC, mktC: p.mktC })}`,
  'cargo.humidity': (p) =>
    `${lead(p.subject)}relative humidity ${oneDecimal(p.humidityPct)} %, ${p.breached ? side(p.side) : 'within'} the ${p.limitPct} % limit of ${p.profile}`,
  'cargo.door-open': (p) => {
    const zone = {
      unknown: 'with the inspection zone unknown',
      outside: 'outside an inspection zone',
      inside: 'inside an inspection zone',
    }[p.zone];
    return `${lead(p.subject)}door open${at(p.lat, p.lon)} ${zone}${p.breached ? ' (DCSA DRO "door opened")' : ''}`;
  },
  'cargo.door-closed': (p) => `${lead(p.subject)}door closed${at(p.lat, p.lon)}`,
  'cargo.warming': (p) =>
    `container ${p.container}: warming ${p.risePerHourC.toFixed(1)} °C in an hour (now ${p.tempC.toFixed(1)} °C; ${p.profile} must stay at or below ${p.maxC} °C)`,
  'device.battery': (p) =>
    `${lead(p.subject)}battery ${oneDecimal(p.batteryPct)} %, ${p.breached ? 'below' : 'at or above'} ${p.limitPct} %`,
  'device.tracker-silent': (p) =>
    `tracker of container ${p.container} silent for ${formatDuration(p.silentMs)}`,
};

import type { DeviceKind } from './device-kinds';
import type { UnitCode } from './unit-codes';

/**
 * The metric vocabulary: unit, value type, physically possible range and the kinds that may send
 * each metric. A value outside its range is rejected as impossible, not clamped: a wrong number on
 * the ice is worse than no number (docs/domain.md §4, "fail safe").
 */
export interface MetricDefinition {
  /** The unit code of the API and of SenML (`unit-codes.ts`, with the form people read); '' for booleans. */
  readonly unit: UnitCode;
  readonly type: 'number' | 'boolean';
  /** Inclusive physically possible range (numbers only). */
  readonly min?: number;
  readonly max?: number;
  readonly kinds: readonly DeviceKind[];
  readonly description: string;
}

const MOVING: readonly DeviceKind[] = ['vehicle', 'ferry', 'container'];
const ALL: readonly DeviceKind[] = ['ice-station', 'vehicle', 'ferry', 'container'];

export const METRICS = {
  // Ice station (docs/domain.md §2, §4). Late-winter Amur ice is ~80–120 cm; 400 cm bounds any river ice.
  iceThicknessCm: {
    unit: 'cm',
    type: 'number',
    min: 0,
    max: 400,
    kinds: ['ice-station'],
    description: 'Total ice thickness',
  },
  whiteIceCm: {
    unit: 'cm',
    type: 'number',
    min: 0,
    max: 400,
    kinds: ['ice-station'],
    description: 'White (snow) ice part of the thickness; counts half in the effective thickness',
  },
  snowDepthCm: {
    unit: 'cm',
    type: 'number',
    min: 0,
    max: 500,
    kinds: ['ice-station'],
    description: 'Snow on the ice',
  },
  iceTempC: {
    unit: 'Cel',
    type: 'number',
    min: -60,
    max: 5,
    kinds: ['ice-station'],
    description: 'Ice temperature',
  },
  // Record lows on the route are about −53 °C (docs/domain.md §1); −70 leaves room for sensor self-cooling.
  airTempC: {
    unit: 'Cel',
    type: 'number',
    min: -70,
    max: 50,
    kinds: ['ice-station', 'ferry'],
    description: 'Air temperature',
  },
  waterLevelCm: {
    unit: 'cm',
    type: 'number',
    min: -1000,
    max: 3000,
    kinds: ['ice-station', 'ferry'],
    description: 'Water level against the gauge datum',
  },
  overflow: { unit: '', type: 'boolean', kinds: ['ice-station'], description: 'Water on the ice (overflow)' },
  crackWidthMm: {
    unit: 'mm',
    type: 'number',
    min: 0,
    max: 2000,
    kinds: ['ice-station'],
    description: 'Widest crack seen by the station',
  },
  // Anything that moves.
  lat: { unit: 'lat', type: 'number', min: -90, max: 90, kinds: MOVING, description: 'WGS 84 latitude' },
  lon: { unit: 'lon', type: 'number', min: -180, max: 180, kinds: MOVING, description: 'WGS 84 longitude' },
  speedKmh: { unit: 'km/h', type: 'number', min: 0, max: 200, kinds: MOVING, description: 'Ground speed' },
  headingDeg: {
    unit: 'deg',
    type: 'number',
    min: 0,
    max: 360,
    kinds: MOVING,
    description: 'Course over ground',
  },
  grossMassKg: {
    unit: 'kg',
    type: 'number',
    min: 0,
    max: 150000,
    kinds: ['vehicle'],
    description: 'Gross vehicle mass',
  },
  // Container (docs/domain.md §5).
  tempC: {
    unit: 'Cel',
    type: 'number',
    min: -70,
    max: 90,
    kinds: ['container'],
    description: 'Cargo air temperature',
  },
  humidityPct: {
    unit: '%RH',
    type: 'number',
    min: 0,
    max: 100,
    kinds: ['container'],
    description: 'Relative humidity',
  },
  shockG: {
    // SenML's "g" is the gram and it has no code for standard gravity: UCUM's [g] says which g.
    unit: '[g]',
    type: 'number',
    min: 0,
    max: 500,
    kinds: ['container'],
    description: 'Peak acceleration',
  },
  doorOpen: { unit: '', type: 'boolean', kinds: ['container'], description: 'Door open' },
  // Every device.
  batteryPct: { unit: '%EL', type: 'number', min: 0, max: 100, kinds: ALL, description: 'Battery level' },
} as const satisfies Record<string, MetricDefinition>;

export type MetricName = keyof typeof METRICS;

export function metricDefinition(name: string): MetricDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(METRICS, name) ? METRICS[name as MetricName] : undefined;
}

export function metricsOfKind(kind: DeviceKind): MetricName[] {
  return (Object.keys(METRICS) as MetricName[]).filter((name) =>
    (METRICS[name].kinds as readonly DeviceKind[]).includes(kind),
  );
}

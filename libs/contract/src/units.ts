import type { MetricName } from './metrics';

/**
 * SenML units (RFC 8428 §12.1 and RFC 8798) a device may send, and how to turn them into the
 * metric's own unit. Only exact, unambiguous conversions: anything else is rejected.
 */
type Conversion = (value: number) => number;
const same: Conversion = (v) => v;

const LENGTH_CM: Record<string, Conversion> = { cm: same, m: (v) => v * 100, mm: (v) => v / 10 };
const TEMPERATURE_C: Record<string, Conversion> = { Cel: same, K: (v) => v - 273.15 };

const CONVERSIONS: Partial<Record<MetricName, Record<string, Conversion>>> = {
  iceThicknessCm: LENGTH_CM,
  whiteIceCm: LENGTH_CM,
  snowDepthCm: LENGTH_CM,
  waterLevelCm: LENGTH_CM,
  crackWidthMm: { mm: same, m: (v) => v * 1000, cm: (v) => v * 10 },
  iceTempC: TEMPERATURE_C,
  airTempC: TEMPERATURE_C,
  tempC: TEMPERATURE_C,
  lat: { lat: same },
  lon: { lon: same },
  speedKmh: { 'km/h': same, 'm/s': (v) => v * 3.6 },
  headingDeg: { deg: same, rad: (v) => (v * 180) / Math.PI },
  grossMassKg: { kg: same, g: (v) => v / 1000 },
  humidityPct: { '%RH': same },
  // SenML has no unit for standard gravity ("g" is the gram): only m/s2, divided by g_n (ISO 80000-3).
  shockG: { 'm/s2': (v) => v / 9.80665 },
  batteryPct: { '%EL': same, '%': same },
};

/** Converts a SenML value to the metric's unit, or returns undefined when the unit does not fit. */
export function convertToMetricUnit(metric: MetricName, unit: string, value: number): number | undefined {
  // Own keys only: a unit named "__proto__" or "toString" must not find Object.prototype's.
  const table = Object.hasOwn(CONVERSIONS, metric) ? CONVERSIONS[metric] : undefined;
  const conversion = table && Object.hasOwn(table, unit) ? table[unit] : undefined;
  return conversion ? conversion(value) : undefined;
}

export function acceptedUnits(metric: MetricName): string[] {
  return Object.hasOwn(CONVERSIONS, metric) ? Object.keys(CONVERSIONS[metric] ?? {}) : [];
}

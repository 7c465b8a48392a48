/** Drain at 0 °C or warmer, % per hour [design: a tracker lasting ~80 days on a charge]. */
const BASE_DRAIN_PCT_PER_HOUR = 0.05;
/** Lithium cells lose capacity in frost: the drain doubles every 20 °C below zero [design]. */
const COLD_DOUBLING_C = 20;

/** Battery charge after a step at `tempC` for `hours`, never below 0. */
export function drainBattery(pct: number, tempC: number, hours: number): number {
  const coldFactor = 2 ** (Math.max(0, -tempC) / COLD_DOUBLING_C);
  return Math.max(0, pct - BASE_DRAIN_PCT_PER_HOUR * coldFactor * hours);
}

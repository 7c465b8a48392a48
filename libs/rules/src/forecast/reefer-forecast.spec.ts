import { newtonReadings } from './early-warning-fixture';
import { fitNewtonCooling, limitTowards, timeToLimitMs } from './reefer-forecast';

const T0 = Date.UTC(2026, 0, 15, 6, 0);
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** Readings rounded to 0.1 °C with a deterministic ±0.1 °C of noise, as a tracker sends them. */
function noisy(readings: { ts: number; tempC: number }[]) {
  return readings.map((r, i) => ({
    ts: r.ts,
    tempC: Math.round((r.tempC + (i % 3 === 0 ? 0.1 : i % 3 === 1 ? -0.1 : 0)) * 10) / 10,
  }));
}

describe("a failed reefer by Newton's law of cooling", () => {
  it.each([
    // [case, start °C, outside °C, τ h, limit °C, minutes of readings]
    ['summer, chilled goods from 0 °C towards +25 °C, τ = 6 h, crossing 4 °C', 0, 25, 6, 4, 30],
    ['summer, a light load from 1 °C towards +30 °C, τ = 2 h, crossing 8 °C', 1, 30, 2, 8, 10],
    ['winter, apples from +2 °C towards −25 °C, τ = 10 h, crossing −1 °C', 2, -25, 10, -1, 20],
  ])('%s: predicted within ±10 % of the true time', (_case, startC, ambientC, tauHours, limitC, minutes) => {
    const readings = noisy(newtonReadings(T0, { tempC: startC, ambientC, tauHours }, minutes));
    const fit = fitNewtonCooling(readings, ambientC)!;
    expect(fit).toBeDefined();
    const newest = readings[readings.length - 1];
    const predictedAt = newest.ts + timeToLimitMs(newest.tempC, limitC, fit)!;
    const trueAt = T0 + -tauHours * Math.log((ambientC - limitC) / (ambientC - startC)) * HOUR_MS;
    expect(Math.abs(predictedAt - trueAt)).toBeLessThanOrEqual(0.1 * (trueAt - T0));
  });

  it('a working unit cycling within ±0.5 °C of its setpoint: no fit, no forecast', () => {
    const cycling = Array.from({ length: 31 }, (_, i) => ({
      ts: T0 + i * 2 * MINUTE_MS,
      tempC: 1.5 + 0.5 * Math.sin(i / 3),
    }));
    expect(fitNewtonCooling(cycling, -25)).toBeUndefined();
  });

  it('a box moving away from the outside air (its unit heating): no fit', () => {
    const heating = Array.from({ length: 10 }, (_, i) => ({ ts: T0 + i * MINUTE_MS, tempC: i }));
    expect(fitNewtonCooling(heating, -25)).toBeUndefined();
  });

  it.each([
    ['already beyond the limit: 0', -2, -1, 0],
    ['outside air inside the range: never', 2, -1, undefined],
  ])('time to the limit, %s', (_case, tempC, limitC, expected) => {
    const ambientC = _case.startsWith('outside') ? 0 : -25;
    expect(timeToLimitMs(tempC, limitC, { tauHours: 5, ambientC, rmsC: 0 })).toBe(expected);
  });

  it('the limit towards the outside air: the maximum in summer, the minimum in winter', () => {
    expect(limitTowards(2, 25, { min: -1, max: 4 })).toEqual({ limitC: 4, side: 'above' });
    expect(limitTowards(2, -25, { min: -1, max: 4 })).toEqual({ limitC: -1, side: 'below' });
    expect(limitTowards(2, -25, { max: 4 })).toBeUndefined();
  });
});

import { batteryHoursLeft, coldDrainFactor } from './battery-forecast';

const T0 = Date.UTC(2026, 0, 15, 6, 0);
const HOUR_MS = 3_600_000;
const hourly = (pcts: number[], tempC?: number) =>
  pcts.map((pct, h) => ({ ts: T0 + h * HOUR_MS, pct, tempC }));

describe('tracker battery in the cold', () => {
  it('a steady 1 % an hour from 20 %, the air ahead as while measured: 16 h left at 16 %', () => {
    expect(batteryHoursLeft(hourly([20, 19, 18, 17, 16], -10), -10)).toBeCloseTo(16, 5);
  });

  it('measured at 0 °C, −40 °C ahead: the drain quadruples (doubling every 20 °C of frost)', () => {
    expect(coldDrainFactor(-40)).toBe(4);
    expect(batteryHoursLeft(hourly([20, 19, 18, 17, 16], 0), -40)).toBeCloseTo(4, 5);
  });

  it.each([
    ['two readings', hourly([20, 19])],
    ['less than 2 h of readings', hourly([20, 19.5, 19]).map((s, i) => ({ ...s, ts: T0 + i * 30 * 60_000 }))],
    ['a fall under 1 %', hourly([20, 20, 19.5])],
    ['a charge', hourly([20, 40, 60])],
  ])('%s: no estimate', (_case, samples) => {
    expect(batteryHoursLeft(samples)).toBeUndefined();
  });
});

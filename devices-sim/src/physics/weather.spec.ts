import { Weather } from './weather';

const HOUR = 3_600_000;
// 2026-01-20T00:00Z is 09:00 at Jalinda (UTC+9).
const START = Date.parse('2026-01-20T00:00:00Z');

describe('Weather', () => {
  const plan = { airTempC: -30, dailyAmplitudeC: 8, noiseC: 0, thaw: [], snowfall: [] };

  it('is coldest at 03:00 and warmest at 15:00 local time', () => {
    const weather = new Weather(plan, START, 48 * HOUR, 1);
    expect(weather.airTempC(6 * HOUR)).toBeCloseTo(-22, 5); // 15:00 local
    expect(weather.airTempC(18 * HOUR)).toBeCloseTo(-38, 5); // 03:00 local
    expect(weather.airTempC(0)).toBeCloseTo(-30, 5); // 09:00 local
  });

  it('a thaw spell lifts the mean, ramping in and out', () => {
    const weather = new Weather(
      { ...plan, dailyAmplitudeC: 0, thaw: [{ from: 24 * HOUR, to: 72 * HOUR, airTempC: 2 }] },
      START,
      96 * HOUR,
      1,
    );
    expect(weather.airTempC(12 * HOUR)).toBeCloseTo(-30, 5);
    expect(weather.airTempC(27 * HOUR)).toBeCloseTo(-14, 5); // half way up the 6-hour ramp
    expect(weather.airTempC(48 * HOUR)).toBeCloseTo(2, 5);
    expect(weather.airTempC(80 * HOUR)).toBeCloseTo(-30, 5);
  });

  it('its noise is repeatable with the seed', () => {
    const noisy = { ...plan, noiseC: 1 };
    const a = new Weather(noisy, START, 24 * HOUR, 5);
    const b = new Weather(noisy, START, 24 * HOUR, 5);
    const c = new Weather(noisy, START, 24 * HOUR, 6);
    expect(a.airTempC(7 * HOUR)).toBe(b.airTempC(7 * HOUR));
    expect(a.airTempC(7 * HOUR)).not.toBe(c.airTempC(7 * HOUR));
  });
});

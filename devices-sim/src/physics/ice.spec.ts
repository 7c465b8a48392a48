import type { WeatherPlan } from '../scenario/schema';
import { iceAt, simulateIce } from './ice';
import { Weather } from './weather';

const DAY = 86_400_000;
const steady = (airTempC: number, extra: Partial<WeatherPlan> = {}): Weather =>
  new Weather({ airTempC, dailyAmplitudeC: 0, noiseC: 0, thaw: [], snowfall: [], ...extra }, 0, 30 * DAY, 1);

describe('simulateIce', () => {
  it("grows by Stefan's law: h² − h₀² = α²·FDD at a steady −20 °C for 10 days", () => {
    const states = simulateIce(steady(-20), 10 * DAY, { thicknessCm: 40, whiteIceCm: 0, snowDepthCm: 0 }, 2);
    const h = iceAt(states, 10 * DAY).thicknessCm;
    // α = 2, FDD = 200 °C·day: √(40² + 4·200) = 49.0 cm; the explicit 10-minute steps stay within 0.1 cm.
    expect(h).toBeCloseTo(Math.sqrt(40 ** 2 + 4 * 200), 1);
  });

  it('thick ice grows slower than thin ice in the same frost', () => {
    const grow = (h0: number) =>
      iceAt(simulateIce(steady(-25), DAY, { thicknessCm: h0, whiteIceCm: 0, snowDepthCm: 0 }, 2), DAY)
        .thicknessCm - h0;
    expect(grow(20)).toBeGreaterThan(2 * grow(100));
  });

  it('melts above 0 °C by degree-days, white ice first', () => {
    const states = simulateIce(steady(4), 2 * DAY, { thicknessCm: 100, whiteIceCm: 10, snowDepthCm: 0 }, 2);
    const after = iceAt(states, 2 * DAY);
    // 0.5 cm per °C·day × 4 °C × 2 days = 4 cm.
    expect(after.thicknessCm).toBeCloseTo(96, 1);
    expect(after.whiteIceCm).toBeCloseTo(6, 1);
  });

  it('snow heavy enough to push the ice under water floods and turns into white ice', () => {
    const weather = steady(-0.001, { snowfall: [{ at: 3_600_000, cm: 40 }] });
    const states = simulateIce(weather, 3 * 3_600_000, { thicknessCm: 60, whiteIceCm: 0, snowDepthCm: 0 }, 2);
    const after = iceAt(states, 3 * 3_600_000);
    // 60 cm of ice floats 60·(1000 − 917)/300 = 16.6 cm of snow; the other 23.4 cm floods.
    expect(after.snowDepthCm).toBeCloseTo(16.6, 1);
    expect(after.whiteIceCm).toBeCloseTo(23.4 / 2, 1);
    expect(after.thicknessCm).toBeCloseTo(60 + 23.4 / 2, 0);
  });

  it('light snow stays snow', () => {
    const weather = steady(-10, { snowfall: [{ at: 3_600_000, cm: 5 }] });
    const after = iceAt(
      simulateIce(weather, 3 * 3_600_000, { thicknessCm: 60, whiteIceCm: 0, snowDepthCm: 0 }, 2),
      3 * 3_600_000,
    );
    expect(after.snowDepthCm).toBe(5);
    expect(after.whiteIceCm).toBe(0);
  });
});

import { DEFAULT_STEFAN_ALPHA, STEFAN_ALPHA_RANGE, fitStefanAlpha, stepIce } from './stefan';
import { syntheticSeason } from './synthetic-season';

const START = Date.UTC(2026, 11, 1);
const winterAir = (hour: number) => -22 + 8 * Math.sin((2 * Math.PI * hour) / 24) + 6 * Math.sin(hour / 90);

describe("Stefan's law, fitted per station", () => {
  it.each([0.9, 1.2, 1.5, 1.7])(
    'a noisy 30-day season made with α = %s: the fitted α is within 10 % of it',
    (alpha) => {
      const season = syntheticSeason({
        start: START,
        hours: 30 * 24,
        alpha,
        startCm: 15,
        airAt: winterAir,
        noiseCm: 2,
      });
      const fit = fitStefanAlpha(season.readings, season.air);
      expect(fit.fittedAlpha).toBeDefined();
      expect(Math.abs(fit.alpha - alpha) / alpha).toBeLessThan(0.1);
      expect(fit.samples).toBe(season.readings.length);
    },
  );

  it('ice that grew faster than any river with snow allows: α is held at the top of the range', () => {
    const season = syntheticSeason({
      start: START,
      hours: 20 * 24,
      alpha: 2.7,
      startCm: 10,
      airAt: winterAir,
    });
    const fit = fitStefanAlpha(season.readings, season.air);
    expect(fit.fittedAlpha).toBeCloseTo(2.7, 1);
    expect(fit).toMatchObject({ alpha: STEFAN_ALPHA_RANGE.max, bounded: true });
  });

  it('two days of history (less than 20 °C·day of frost at −5 °C): the default α', () => {
    const season = syntheticSeason({ start: START, hours: 48, alpha: 1.2, startCm: 40, airAt: () => -5 });
    const fit = fitStefanAlpha(season.readings, season.air);
    expect(fit).toMatchObject({ alpha: DEFAULT_STEFAN_ALPHA, bounded: true });
    expect(fit.fittedAlpha).toBeUndefined();
  });

  it('a thaw in the history: only the samples before the first thaw hour are fitted', () => {
    const air = (hour: number) => (hour >= 10 * 24 && hour < 12 * 24 ? 3 : -20);
    const season = syntheticSeason({
      start: START,
      hours: 20 * 24,
      alpha: 1.4,
      startCm: 20,
      airAt: air,
      everyHours: 12,
    });
    const fit = fitStefanAlpha(season.readings, season.air);
    expect(fit.samples).toBe(21);
    expect(fit.alpha).toBeCloseTo(1.4, 2);
  });

  it.each([
    ['a day at −24 °C grows 50 cm ice by α²·24/(2·50) cm', 50, -24, 24, 50 + (1.5 * 1.5 * 24) / 100],
    ['a day at +4 °C melts 0.5·4 = 2 cm', 50, 4, 24, 48],
    ['melt never goes below no ice', 1, 10, 24, 0],
  ])('%s', (_case, cm, tempC, hours, expected) => {
    let h = cm;
    for (let i = 0; i < hours; i++) h = stepIce(h, tempC, 1.5, 0.5);
    expect(h).toBeCloseTo(expected, 1);
  });
});

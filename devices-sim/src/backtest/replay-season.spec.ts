import { replaySeason } from './replay-season';
import { BACKTEST_SEASONS } from './seasons';

// The smoke run of `npm run backtest`: one short season, so the unit suite proves the backtest
// runs and that the forecast stays within the error stated in docs/benchmarks.md.
describe('backtest smoke run', () => {
  it('a 12-day freeze-up, forecasts every 12 h: errors at 24/48/72 h are finite and within 3 cm and 3 t', () => {
    const season = { ...BACKTEST_SEASONS[0], days: 12, everyHours: 12 };
    const errors = replaySeason(season, 1);
    expect(errors.map((e) => e.hours)).toEqual([24, 48, 72]);
    for (const error of errors) {
      expect(error.forecasts).toBeGreaterThan(0);
      expect(error.maeCm).toBeLessThanOrEqual(3);
      expect(error.maeTonnes).toBeLessThanOrEqual(3);
    }
  });

  it('the same seed replays the same season: identical errors', () => {
    const season = { ...BACKTEST_SEASONS[2], days: 9 };
    expect(replaySeason(season, 7)).toEqual(replaySeason(season, 7));
  });
});

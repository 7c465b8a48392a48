import type { SeasonSpec } from './replay-season';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const weather = (plan: Partial<SeasonSpec['weather']>): SeasonSpec['weather'] => ({
  airTempC: -25,
  dailyAmplitudeC: 5,
  noiseC: 0.7,
  thaw: [],
  snowfall: [],
  ...plan,
});

/**
 * The simulated seasons the backtest replays (docs/benchmarks.md): the same seeds give the same
 * seasons, so the figures can be regenerated exactly.
 */
export const BACKTEST_SEASONS: SeasonSpec[] = [
  {
    name: 'early winter: freeze-up from 10 cm at −25 °C',
    days: 40,
    weather: weather({ airTempC: -25, dailyAmplitudeC: 6, noiseC: 2 }),
    ice: { thicknessCm: 10, whiteIceCm: 0, snowDepthCm: 0, stefanCoefficient: 1.5 },
    warmUpDays: 5,
    everyHours: 12,
  },
  {
    name: 'deep winter with snowfalls: from 70 cm at −32 °C, α 2',
    days: 40,
    weather: weather({
      airTempC: -32,
      noiseC: 2,
      snowfall: [10, 18, 27].map((day) => ({ at: day * DAY_MS, cm: 20 })),
    }),
    ice: { thicknessCm: 70, whiteIceCm: 5, snowDepthCm: 10, stefanCoefficient: 2 },
    warmUpDays: 5,
    everyHours: 12,
  },
  {
    name: 'late winter into spring: from 110 cm at −12 °C with thaw spells',
    days: 40,
    weather: weather({
      airTempC: -12,
      noiseC: 2,
      thaw: [
        { from: 10 * DAY_MS, to: 14 * DAY_MS, airTempC: 3 },
        { from: 22 * DAY_MS, to: 25 * DAY_MS + 12 * HOUR_MS, airTempC: 2 },
        { from: 31 * DAY_MS, to: 40 * DAY_MS, airTempC: 5 },
      ],
    }),
    ice: { thicknessCm: 110, whiteIceCm: 10, snowDepthCm: 5, stefanCoefficient: 1.5 },
    warmUpDays: 5,
    everyHours: 12,
  },
];

// npm run backtest — how far off the ice forecast has been (docs/benchmarks.md, "Forecast backtest").
//
// Replays the simulated seasons of devices-sim/src/backtest/seasons.ts, three seeds each, forecasts
// from every origin with only the data before it, and reports the mean absolute error of the
// effective thickness (cm) and of the allowed gross mass (t) at 24, 48 and 72 h. Writes the figures
// and the inputs that made them to bench/results/backtest.json. Pure computation: the figures do not
// depend on the machine. --smoke: one short season.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaySeason } from '../devices-sim/src/backtest/replay-season';
import { BACKTEST_SEASONS } from '../devices-sim/src/backtest/seasons';

const SEEDS = [1, 2, 3];
const smoke = process.argv.includes('--smoke');
const seasons = smoke ? [{ ...BACKTEST_SEASONS[0], days: 12 }] : BACKTEST_SEASONS;
const seeds = smoke ? [1] : SEEDS;

const results = seasons.flatMap((season) =>
  seeds.map((seed) => ({ season: season.name, seed, errors: replaySeason(season, seed) })),
);
for (const r of results) {
  const cells = r.errors.map(
    (e) => `${e.hours} h: ${e.maeCm} cm / ${e.maeTonnes} t (${e.insideBandPct} % in band)`,
  );
  console.log(`${r.season}, seed ${r.seed}: ${cells.join('; ')}`);
}
const overall = [24, 48, 72].map((hours) => {
  const all = results.flatMap((r) => r.errors.filter((e) => e.hours === hours));
  const mean = (pick: (e: (typeof all)[number]) => number) =>
    Math.round(
      (all.reduce((s, e) => s + pick(e) * e.forecasts, 0) / all.reduce((s, e) => s + e.forecasts, 0)) * 100,
    ) / 100;
  return {
    hours,
    maeCm: mean((e) => e.maeCm),
    maeTonnes: mean((e) => e.maeTonnes),
    insideBandPct: mean((e) => e.insideBandPct),
  };
});
console.log(
  'all seasons:',
  overall
    .map((o) => `${o.hours} h: ${o.maeCm} cm / ${o.maeTonnes} t, ${o.insideBandPct} % in band`)
    .join('; '),
);
if (!smoke) {
  const file = join(__dirname, '..', '..', 'bench', 'results', 'backtest.json');
  writeFileSync(file, `${JSON.stringify({ seasons: BACKTEST_SEASONS, seeds, results, overall }, null, 2)}\n`);
  console.log(`written ${file}`);
}

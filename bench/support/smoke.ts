// Smoke mode (`BENCH_SMOKE=1` or `--smoke`): tiny counts, so a run takes seconds. It proves that a
// benchmark starts, runs every phase against real servers and finishes; the end-to-end suite runs
// every benchmark this way (test/e2e/bench-smoke.e2e-spec.ts), so none can rot unseen. Its figures
// mean nothing: targets are printed but do not set the exit code, and no results file is written.
export const SMOKE = process.env.BENCH_SMOKE === '1' || process.argv.slice(2).includes('--smoke');

/** The full-size value, or the smoke one in smoke mode. */
export function sized<T>(full: T, smoke: T): T {
  return SMOKE ? smoke : full;
}

/** The last line of a smoke run; the smoke test looks for it. */
export function smokeFinished(benchmark: string): void {
  console.log(`smoke run of ${benchmark} finished`);
}

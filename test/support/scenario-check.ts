import type { Scenario } from '../../devices-sim/src/scenario/schema';
import { formatSummary, runScenario, type RunSummary } from '../../devices-sim/src/run/run-scenario';

/** The simulator's keep-listening time after its last publish: one alert tick (1 s) and margin. */
export const SETTLE_MS = 2500;

/** Runs a scenario with --check against a broker and the service's API, as the CLI does. */
export function checkScenario(scenario: Scenario, url: string, apiUrl: string): Promise<RunSummary> {
  return runScenario({ scenario, url, apiUrl, check: true, settleMs: SETTLE_MS });
}

/** Every expectation held and every message was acknowledged; on failure, the CLI's summary. */
export function expectScenarioPassed(summary: RunSummary): void {
  expect({
    failed: summary.check!.lines.filter((line) => line.startsWith('FAILED')),
    summary: summary.check!.passed ? '' : formatSummary(summary),
  }).toEqual({ failed: [], summary: '' });
  expect(summary.check!.passed).toBe(true);
  expect(summary.acked).toBe(summary.messages);
}

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse, stringify } from 'yaml';
import { findScenario, shippedScenarioFiles } from '../../devices-sim/src/commands/options';
import { recordFeed } from '../../devices-sim/src/record/record';
import { replayFeed } from '../../devices-sim/src/record/replay';
import { AlertListener, type AlertEvent } from '../../devices-sim/src/run/alert-listener';
import { SERVICE_CLOCK_RULES } from '../../devices-sim/src/run/expectations';
import { runScenario } from '../../devices-sim/src/run/run-scenario';
import { loadScenario, writeScenarioSite } from '../../devices-sim/src/scenario/load-scenario';
import type { Scenario } from '../../devices-sim/src/scenario/schema';
import { devSecret } from '../support/devices';
import { startService, type ServiceProcess } from '../harness/service-process';
import { checkScenario, expectScenarioPassed, SETTLE_MS } from '../support/scenario-check';
import { runSimCli } from '../support/sim-cli';

// End to end against the built service (MQTT in; MQTT and HTTP out):
// every shipped scenario's expectations hold; a recording of ten simulated minutes replayed into a
// fresh service gives the same alerts; the same --seed gives byte-identical feeds.
//
// Each scenario gets a fresh service (its own DATA_DIR and the site configuration the scenario
// asks for): alert state would otherwise carry over, and an alert already firing cannot fire again.
// ALERT_TICK_SECONDS=1, so the service's clock rules (silence, thaw) catch up one second after the
// compressed run; the runner keeps listening SETTLE_MS after its last publish.
const MIN = 60_000;

async function serviceFor(scenario: Scenario): Promise<ServiceProcess> {
  return startService({ SITE_CONFIG: writeScenarioSite(scenario), ALERT_TICK_SECONDS: '1' });
}

/** What fired, judged on device time: (rule, subject, severity). Clock rules depend on wall timing. */
function firedSet(events: AlertEvent[]): string[] {
  return [
    ...new Set(
      events
        .filter(
          (e) =>
            (e.transition === 'firing' || e.transition === 'escalated') &&
            !SERVICE_CLOCK_RULES.has(e.alert.ruleId),
        )
        .map((e) => `${e.alert.ruleId} ${e.alert.subjectId} ${e.alert.severity}`),
    ),
  ].sort();
}

describe('device simulator scenarios against the running service', () => {
  const work = mkdtempSync(join(tmpdir(), 'jct-sim-e2e-'));
  let service: ServiceProcess | undefined;

  afterEach(async () => {
    await service?.destroy();
    service = undefined;
  }, 30_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it.each(shippedScenarioFiles().map((file) => [basename(file, '.yaml'), file]))(
    'scenario %s: every expectation holds and nothing forbidden fires',
    async (_name, file) => {
      const scenario = loadScenario(file);
      service = await serviceFor(scenario);
      const summary = await checkScenario(scenario, service.mqttUrl, service.httpUrl);
      // On failure: the check's FAILED lines and every alert seen, as the CLI prints them.
      expectScenarioPassed(summary);
      // A scenario that expects an alert must have seen one: the check is not vacuous.
      if (scenario.expect.length > 0)
        expect(summary.check!.lines.filter((l) => l.startsWith('ok') && l.includes('expect'))).toHaveLength(
          scenario.expect.length,
        );
    },
    90_000,
  );

  /** The CLI as an engineer types it: `run <scenario> --check` against the running service. */
  const runCheckCli = (scenario: string) =>
    runSimCli([
      'run',
      scenario,
      '--url',
      service!.mqttUrl,
      '--api',
      service!.httpUrl,
      '--check',
      '--settle',
      String(SETTLE_MS / 1000),
    ]);

  it('the CLI `run thin-spot --check` prints progress and a summary and exits 0', async () => {
    service = await serviceFor(findScenario('thin-spot'));
    const result = await runCheckCli('thin-spot');
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/\[\s+\d+\.\d s\] sim \d\d:\d\d:\d\d \/ 02:00:00 {2}sent \d+\/48/);
    expect(result.stdout).toMatch(/sent 48\/48, acked 48, failed 0; rejected 0 message\(s\)/);
    expect(result.stdout).toMatch(/firing +ice\.thickness-below-required on ICE-3/);
    expect(result.stdout).toContain('check: PASSED');
    expect(result.code).toBe(0);
  }, 60_000);

  it('the CLI refuses a second `run thin-spot --check` on the same data folder, saying why and how to fix it', async () => {
    service = await serviceFor(findScenario('thin-spot'));
    expect((await runCheckCli('thin-spot')).code).toBe(0);
    const again = await runCheckCli('thin-spot');
    expect(again.stderr).toContain('refusing to check thin-spot: 1 alert(s) it judges are already active');
    expect(again.stderr).toMatch(/ice\.thickness-below-required on ICE-3 \(firing since 20\d\d-/);
    expect(again.stderr).toContain('DATA_DIR=$(mktemp -d)');
    // Refused before publishing anything: no progress line, no summary.
    expect(again.stdout).toBe('');
    expect(again.code).toBe(2);
  }, 60_000);

  it('the CLI exits 1 when an expectation cannot be met (a crack nobody simulated), and names it', async () => {
    const document = parse(
      readFileSync(
        shippedScenarioFiles().find((f) => f.endsWith('/thin-spot.yaml'))!,
        'utf8',
      ),
    ) as {
      name: string;
      expect: unknown[];
    };
    document.name = 'thin-spot-with-an-impossible-crack';
    document.expect.push({ alert: 'ice.crack', subject: 'ICE-1', within: '1h' });
    const file = join(work, 'impossible.yaml');
    writeFileSync(file, stringify(document));
    service = await serviceFor(loadScenario(file));
    const result = await runCheckCli(file);
    expect(result.stdout).toContain('check: FAILED');
    expect(result.stdout).toMatch(/FAILED +expect ice\.crack on ICE-1 within 01:00:00: did not fire/);
    // The rest of the scenario still held: only the impossible expectation failed.
    expect(result.stdout).toMatch(/ok +expect ice\.thickness-below-required on ICE-3/);
    expect(result.stdout.match(/^\s+FAILED/gm)).toHaveLength(1);
    expect(result.code).toBe(1);
  }, 60_000);

  it('ten simulated minutes recorded live and replayed into a fresh service give the same alerts', async () => {
    const scenario = findScenario('convoy-too-close');
    const feedFile = join(work, 'convoy.ndjson');

    service = await serviceFor(scenario);
    const stop = new AbortController();
    let subscribed!: () => void;
    const ready = new Promise<void>((resolve) => (subscribed = resolve));
    const recording = recordFeed({
      url: service.mqttUrl,
      user: 'sim-recorder',
      password: devSecret('sim-recorder'),
      topics: ['devices/#'], // the filter: telemetry and the service's replies
      out: feedFile,
      signal: stop.signal,
      onSubscribed: subscribed,
    });
    await ready;
    const live = await runScenario({
      scenario,
      url: service.mqttUrl,
      apiUrl: service.httpUrl,
      untilMs: 10 * MIN,
      settleMs: SETTLE_MS,
    });
    stop.abort();
    const recorded = await recording;
    await service.destroy();
    service = undefined;
    expect(recorded.messages).toBe(live.sent);

    service = await serviceFor(scenario);
    const listener = await AlertListener.connect(
      service.mqttUrl,
      'ops-dashboard',
      devSecret('ops-dashboard'),
    );
    try {
      const replayed = await replayFeed({
        file: feedFile,
        url: service.mqttUrl,
        passwordTemplate: 'dev-secret-{id}',
        speed: 10,
        shiftToMs: Date.now(),
      });
      expect(replayed.acked).toBe(live.sent);
      expect(replayed.rejections.messages).toBe(0);
      await sleep(SETTLE_MS);
      const expected = firedSet(live.alerts);
      expect(expected).toEqual(expect.arrayContaining(['traffic.spacing-on-ice TRUCK-02 major']));
      expect(firedSet(listener.events)).toEqual(expected);
    } finally {
      await listener.close();
    }
  }, 90_000);

  it('the same --seed and --start give byte-identical feeds; another seed does not', async () => {
    const run = (seed: string, out: string) =>
      runSimCli([
        'run',
        'normal-winter-day',
        '--dry-run',
        '--seed',
        seed,
        '--start',
        '2026-01-20T00:00:00Z',
        '--out',
        join(work, out),
      ]);
    const results = await Promise.all([run('42', 'a.ndjson'), run('42', 'b.ndjson'), run('43', 'c.ndjson')]);
    expect(results.map((r) => r.code)).toEqual([0, 0, 0]);
    const [a, b, c] = ['a', 'b', 'c'].map((name) => readFileSync(join(work, `${name}.ndjson`)));
    expect(a.length).toBeGreaterThan(100_000);
    expect(b.equals(a)).toBe(true);
    expect(c.equals(a)).toBe(false);
  }, 60_000);
});

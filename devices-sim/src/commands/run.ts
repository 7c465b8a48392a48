import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatFeed } from '../feed/feed-file';
import { generateFeed } from '../feed/generate-feed';
import { scenarioSite } from '../scenario/load-scenario';
import {
  defaultStartMs,
  DEFAULT_API_KEY,
  DEFAULT_PASSWORD_TEMPLATE,
  formatSummary,
  runScenario,
} from '../run/run-scenario';
import { apiUrlOf, duration, findScenario, instant, positive, whole } from './options';

export const RUN_USAGE = `usage: npm run sim -- run <scenario> [options]

  Plays a scenario (a file, or a name from devices-sim/scenarios) into the service as its
  devices, prints a progress line and a summary; with --check, exits 1 when an expectation fails.

options:
  --url URL                  broker (default mqtt://127.0.0.1:1883)
  --api URL|none             the service's HTTP API, for the alerts active at the end
  --api-key KEY              an operator's API key for it (default ${DEFAULT_API_KEY})
                             (default http://<broker host>:3000)
  --site PATH                base site configuration the scenario's changes apply to
                             (default: the scenario's site.base, else config/jalinda-mohe.site.yaml)
  --seed N                   random seed (default the scenario's)
  --speed X                  simulated seconds per wall second (default the scenario's)
  --start ISO|now            simulated time 0 (default now − duration: the run ends about now)
  --until DURATION           stop at this simulated time (e.g. 10m)
  --settle S                 seconds to keep listening after the last publish (default 12: one
                             ALERT_TICK_SECONDS of the service and some)
  --check                    judge the scenario's expect/forbid/rejections; exit 1 on a miss
  --dry-run                  publish nothing: write the feed (ndjson) to --out or stdout
  --out PATH                 with --dry-run: where the feed goes
  --password-template TEXT   each device's password, {id} replaced (default ${DEFAULT_PASSWORD_TEMPLATE})
  --alerts-user ID           read-only client that may subscribe alerts/# (default ops-dashboard)
  --json                     print the summary as JSON too`;

export async function runCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      url: { type: 'string', default: 'mqtt://127.0.0.1:1883' },
      api: { type: 'string' },
      'api-key': { type: 'string', default: DEFAULT_API_KEY },
      site: { type: 'string' },
      seed: { type: 'string' },
      speed: { type: 'string' },
      start: { type: 'string' },
      until: { type: 'string' },
      settle: { type: 'string', default: '12' },
      check: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      out: { type: 'string' },
      'password-template': { type: 'string', default: DEFAULT_PASSWORD_TEMPLATE },
      'alerts-user': { type: 'string', default: 'ops-dashboard' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(RUN_USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new Error(`run takes one scenario\n\n${RUN_USAGE}`);
  const scenario = findScenario(positionals[0]);
  const site = scenarioSite(scenario, values.site);
  const seed = values.seed === undefined ? scenario.seed : whole('--seed', values.seed);
  const speed = values.speed === undefined ? scenario.speed : positive('--speed', values.speed);
  const untilMs = values.until === undefined ? undefined : duration('--until', values.until);
  const simulatedMs = Math.min(scenario.duration, untilMs ?? scenario.duration);
  const startMs = values.start === undefined ? defaultStartMs(simulatedMs) : instant('--start', values.start);

  if (values['dry-run']) {
    const feed = generateFeed(scenario, site, { startMs, seed, untilMs });
    const text = formatFeed(
      {
        feed: 'jct-devices-sim',
        version: 1,
        startedAt: startMs,
        source: `run ${scenario.name} --seed ${seed} --speed ${speed}`,
      },
      feed.map((m) => ({ t: Math.round(m.atMs / speed), topic: m.topic, payload: m.payload })),
    );
    if (values.out) {
      writeFileSync(values.out, text);
      console.error(`${feed.length} message(s) of ${scenario.name} → ${values.out}`);
    } else process.stdout.write(text);
    return 0;
  }

  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  try {
    const summary = await runScenario({
      scenario,
      url: values.url,
      apiUrl: apiUrlOf(values.api, values.url),
      apiKey: values['api-key'],
      site,
      seed,
      speed,
      startMs,
      untilMs,
      passwordTemplate: values['password-template'],
      alertsUser: values['alerts-user'],
      settleMs: positive('--settle', values.settle) * 1000,
      check: values.check,
      signal: controller.signal,
      onProgress: (line) => console.log(line),
    });
    console.log(formatSummary(summary));
    if (values.json) console.log(JSON.stringify(summary, null, 2));
    if (summary.check) return summary.check.passed ? 0 : 1;
    return summary.failed > 0 ? 1 : 0;
  } finally {
    process.removeListener('SIGINT', onSignal);
  }
}

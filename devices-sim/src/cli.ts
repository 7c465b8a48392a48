// Device simulator CLI: `npm run sim -- <command> [options]`.
import { loadSiteConfig } from '@jct/site-config';
import { parseArgs } from 'node:util';
import { runLoad, type LoadProgress, type LoadRate, type LoadResult } from './load/load-generator';
import { provisionDevices } from './load/provision';
import { recordCommand, replayCommand } from './commands/record-replay';
import { runCommand } from './commands/run';
import { listCommand, siteCommand } from './commands/site';

const USAGE = `usage: npm run sim -- <command> [options]     (each command: --help)

  run <scenario>   play a scenario into the service as its devices; --check judges the alerts;
                   --dry-run writes the feed instead (same --seed and --start: same bytes)
  list             the shipped scenarios (devices-sim/scenarios)
  site <scenario>  the site configuration a scenario needs (seasons, rule overrides)
  record           record a live feed with arrival times (ndjson)
  replay <file>    play a recorded feed back, --speed, --shift-to now
  load             container devices of a site configuration publish QoS 1 readings
                   {"ts", "values": {tempC, humidityPct, shockG}} and the PUBACK latency is measured

load options:
  --url URL                  broker (default mqtt://127.0.0.1:1883)
  --site-config PATH         where the devices come from (default config/jalinda-mohe.site.yaml)
  --devices N                the first N container devices of the site (default: all of them)
  --password-template TEXT   each device's password, {id} replaced (default dev-secret-{id})
  --rate R|max               readings per second over all devices, or max (default 100)
  --duration S               seconds of publishing (default 10)
  --inflight W               unacknowledged publishes per device: the window with --rate max
                             (default 10), the cap with a fixed rate (default 1000)
  --provision API_URL        provision one device SIM-<container> per container asset through the
                             service's API (POST /api/registry/devices) and publish as those,
                             instead of the site configuration's devices
  --api-key KEY              an engineer's or admin's API key, with --provision
  --json                     print the result as JSON at the end`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'load') return load(rest);
  if (command === 'run') return runCommand(rest);
  if (command === 'record') return recordCommand(rest);
  if (command === 'replay') return replayCommand(rest);
  if (command === 'site') return siteCommand(rest);
  if (command === 'list') return listCommand();
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  console.error(`unknown command "${command}"\n\n${USAGE}`);
  return 2;
}

async function load(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      url: { type: 'string', default: 'mqtt://127.0.0.1:1883' },
      'site-config': { type: 'string', default: 'config/jalinda-mohe.site.yaml' },
      devices: { type: 'string' },
      'password-template': { type: 'string', default: 'dev-secret-{id}' },
      rate: { type: 'string', default: '100' },
      duration: { type: 'string', default: '10' },
      inflight: { type: 'string' },
      provision: { type: 'string' },
      'api-key': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.provision !== undefined && values['api-key'] === undefined)
    throw new Error('--provision needs --api-key (an engineer or admin key)');
  const rate: LoadRate = values.rate === 'max' ? 'max' : positive('--rate', values.rate);
  const durationS = positive('--duration', values.duration);
  const inFlightPerDevice = values.inflight === undefined ? undefined : whole('--inflight', values.inflight);

  const devices =
    values.provision === undefined
      ? siteDevices(values['site-config'], values.devices, values['password-template'])
      : await provisionDevices(
          values.provision,
          values['api-key']!,
          containerAssets(values['site-config'], values.devices),
        );
  const count = devices.length;

  const controller = new AbortController();
  const onSignal = () => {
    console.error('stopping: waiting for outstanding PUBACKs (Ctrl-C again to quit at once)');
    process.removeListener('SIGINT', onSignal);
    controller.abort();
  };
  process.on('SIGINT', onSignal);

  console.log(
    `load: ${count} device(s) → ${values.url}, rate ${rate === 'max' ? 'max' : `${rate}/s`}, ${durationS} s`,
  );
  const result = await runLoad({
    url: values.url,
    devices,
    rate,
    durationS,
    inFlightPerDevice,
    signal: controller.signal,
    onProgress: (progress) => console.log(progressLine(progress)),
  });
  process.removeListener('SIGINT', onSignal);
  console.log(summary(result));
  if (values.json) console.log(JSON.stringify(result, null, 2));
  return result.failed > 0 || result.unacked > 0 ? 1 : 0;
}

/** The first N container devices of the site configuration, with their passwords from the template. */
function siteDevices(siteConfig: string, wanted: string | undefined, template: string) {
  const containers = loadSiteConfig(siteConfig).devices.filter((d) => d.kind === 'container');
  const count = wanted === undefined ? containers.length : whole('--devices', wanted);
  if (count > containers.length)
    throw new Error(`--devices ${count}: ${siteConfig} has only ${containers.length} container device(s)`);
  if (count === 0) throw new Error(`${siteConfig} has no container devices`);
  return containers.slice(0, count).map(({ id }) => ({ id, password: template.replaceAll('{id}', id) }));
}

/** The first N container assets of the site configuration, for devices provisioned through the API. */
function containerAssets(siteConfig: string, wanted: string | undefined): string[] {
  const containers = loadSiteConfig(siteConfig).assets.filter((a) => a.type === 'container');
  const count = wanted === undefined ? containers.length : whole('--devices', wanted);
  if (count > containers.length || count === 0)
    throw new Error(`--devices ${count}: ${siteConfig} has ${containers.length} container asset(s)`);
  return containers.slice(0, count).map((a) => a.id);
}

function progressLine(p: LoadProgress): string {
  return (
    `[${p.elapsedS.toFixed(0).padStart(4)} s] sent ${p.sent} (${p.sentPerS.toFixed(0)}/s)` +
    ` acked ${p.acked} (${p.ackedPerS.toFixed(0)}/s) failed ${p.failed}` +
    (p.skipped > 0 ? ` skipped ${p.skipped}` : '') +
    ` in flight ${p.inFlight} puback p50 ${ms(p.pubackMs.p50)} p99 ${ms(p.pubackMs.p99)}`
  );
}

function summary(r: LoadResult): string {
  return [
    `devices ${r.devices}, connected in ${ms(r.connectMs)}`,
    `sent ${r.sent}, acked ${r.acked}, failed ${r.failed}, skipped ${r.skipped}, unacked ${r.unacked}, disconnects ${r.disconnects}`,
    `achieved ${r.achievedRate.toFixed(0)} readings/s sent, ${r.ackedRate.toFixed(0)} acked/s (${r.acked * 3} values)`,
    `publish→PUBACK p50 ${ms(r.pubackMs.p50)}, p90 ${ms(r.pubackMs.p90)}, p99 ${ms(r.pubackMs.p99)}, max ${ms(r.pubackMs.max)}`,
    ...(r.errors.length > 0 ? [`errors: ${r.errors.join('; ')}`] : []),
  ].join('\n');
}

function ms(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(1)} ms` : '–';
}

function positive(flag: string, text: string): number {
  const value = Number(text);
  if (!(Number.isFinite(value) && value > 0)) throw new Error(`${flag}: "${text}" is not a positive number`);
  return value;
}

function whole(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new Error(`${flag}: "${text}" is not a whole number`);
  return Number(text);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(error.message);
      process.exit(2);
    },
  );
}

// npm run bench:reconnect — a reconnect storm after a service restart, and the registry listing.
//
// N container devices reconnect at once to a restarted service (its embedded broker) and each
// publishes one QoS 1 reading: the time from the first CONNECT until every reading is acknowledged,
// and the CPU seconds the service used meanwhile. Two ways to hold the devices:
//   api  — provisioned through the API (generated secrets, one SHA-256 per CONNECT);
//   yaml — declared in the site configuration with scrypt hashes (one scrypt per CONNECT after a
//          restart): the figures before provisioning.
// Then the registry list of the N provisioned devices, 100 a page, read through three times:
// p50/p99 of a page. BENCH_RECONNECT_DEVICES=N (default 1,000), BENCH_RECONNECT_MODES=api,yaml.
// --smoke: 20 devices.
import { connectAsync, type MqttClient } from 'mqtt';
import { performance } from 'node:perf_hooks';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupAll, cleanupOnSignals, removeDir, tempDir } from '../test/harness/cleanup';
import { REPO_ROOT } from '../test/harness/paths';
import { cpuSecondsOf } from './support/resources';
import { startService, type RunningService } from './support/service';
import { BENCH_API_KEY, benchDevices, writeBenchSiteConfig, type BenchDevice } from './support/site-config';
import { SMOKE, sized, smokeFinished } from './support/smoke';

const DEVICES = Number(process.env.BENCH_RECONNECT_DEVICES ?? sized(1000, 20));
const MODES = (process.env.BENCH_RECONNECT_MODES ?? 'api,yaml').split(',');
const PAGE = 100;
/** Provisioning requests in flight at once. */
const PROVISION_CONCURRENCY = 8;
/** How long every device has to reconnect and publish. */
const STORM_TIMEOUT_MS = 600_000;
/** The bench key provisions and lists thousands of times a minute: above the default rate limit. */
const SERVICE_ENV = { API_RATE_LIMIT_PER_MINUTE: '1000000' };

interface StormResult {
  mode: string;
  devices: number;
  provisionS?: number;
  allPublishedS: number;
  serviceCpuS: number;
  listPageMs?: { p50: number; p99: number; pages: number };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function request(service: RunningService, method: string, path: string, body?: unknown) {
  const response = await fetch(`${service.httpUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${BENCH_API_KEY}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as unknown;
}

/** Provisions every device through the API; their passwords become the generated secrets. */
async function provision(service: RunningService, devices: BenchDevice[]): Promise<BenchDevice[]> {
  const provisioned: BenchDevice[] = new Array<BenchDevice>(devices.length);
  let next = 0;
  const worker = async () => {
    while (next < devices.length) {
      const i = next++;
      const { secret } = (await request(service, 'POST', '/api/registry/devices', {
        id: devices[i].id,
        kind: 'container',
        asset: `bench-cont-${i}`,
      })) as { secret: string };
      provisioned[i] = { id: devices[i].id, password: secret };
    }
  };
  await Promise.all(Array.from({ length: PROVISION_CONCURRENCY }, worker));
  return provisioned;
}

/** Every device connects at once and publishes one QoS 1 reading; seconds until all acknowledged. */
async function storm(service: RunningService, devices: BenchDevice[]): Promise<number> {
  const clients: MqttClient[] = [];
  const started = performance.now();
  const deadline = AbortSignal.timeout(STORM_TIMEOUT_MS);
  try {
    await Promise.all(
      devices.map(async (device) => {
        // A refused or slow CONNECT is tried again, as a device's firmware would.
        for (;;) {
          if (deadline.aborted) throw new Error(`${device.id} did not connect in ${STORM_TIMEOUT_MS} ms`);
          try {
            const client = await connectAsync(service.mqttUrl, {
              clientId: device.id,
              username: device.id,
              password: device.password,
              protocolVersion: 4,
              reconnectPeriod: 0,
              connectTimeout: 120_000,
            });
            clients.push(client);
            await client.publishAsync(
              `devices/${device.id}/telemetry`,
              JSON.stringify({ ts: Date.now(), values: { tempC: 4 } }),
              { qos: 1 },
            );
            return;
          } catch {
            await new Promise((resolve) => setTimeout(resolve, 1000));
          }
        }
      }),
    );
    return (performance.now() - started) / 1000;
  } finally {
    await Promise.all(clients.map((client) => client.endAsync(true).catch(() => undefined)));
  }
}

/** Reads the whole registry list page by page, three times: the latency of each page. */
async function listPages(service: RunningService): Promise<{ p50: number; p99: number; pages: number }> {
  const times: number[] = [];
  for (let pass = 0; pass < 3; pass++) {
    let after = '';
    for (;;) {
      const started = performance.now();
      const page = (await request(
        service,
        'GET',
        `/api/registry/devices?limit=${PAGE}${after ? `&after=${encodeURIComponent(after)}` : ''}`,
      )) as { next?: string };
      times.push(performance.now() - started);
      if (!page.next) break;
      after = page.next;
    }
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), pages: times.length };
}

async function run(mode: string, baseDir: string): Promise<StormResult> {
  const devices = benchDevices(DEVICES);
  const siteConfig = await writeBenchSiteConfig(baseDir, devices, { declareDevices: mode === 'yaml' });
  const dataDir = tempDir(`reconnect-${mode}`);
  let service = await startService({
    siteConfig,
    baseDir,
    label: `reconnect-${mode}`,
    dataDir,
    env: SERVICE_ENV,
  });
  let result: StormResult;
  try {
    let credentials = devices;
    let provisionS: number | undefined;
    if (mode === 'api') {
      const started = performance.now();
      credentials = await provision(service, devices);
      provisionS = (performance.now() - started) / 1000;
    }
    await service.stop();
    service = await startService({
      siteConfig,
      baseDir,
      label: `reconnect-${mode}-restarted`,
      dataDir,
      env: SERVICE_ENV,
    });
    const cpuBefore = cpuSecondsOf(service.pid) ?? NaN;
    const allPublishedS = await storm(service, credentials);
    const serviceCpuS = (cpuSecondsOf(service.pid) ?? NaN) - cpuBefore;
    result = { mode, devices: DEVICES, provisionS, allPublishedS, serviceCpuS };
    if (mode === 'api') result.listPageMs = await listPages(service);
  } finally {
    await service.stop();
    await removeDir(dataDir);
  }
  return result;
}

async function main(): Promise<void> {
  cleanupOnSignals();
  const baseDir = tempDir('reconnect-bench');
  const results: StormResult[] = [];
  try {
    for (const mode of MODES) {
      const result = await run(mode, baseDir);
      results.push(result);
      console.log(
        `${mode}: ${result.devices} devices reconnected and published in ${result.allPublishedS.toFixed(1)} s, ` +
          `service CPU ${result.serviceCpuS.toFixed(1)} s` +
          (result.provisionS !== undefined ? `; provisioning took ${result.provisionS.toFixed(1)} s` : '') +
          (result.listPageMs
            ? `; registry list p50 ${result.listPageMs.p50.toFixed(1)} ms, p99 ${result.listPageMs.p99.toFixed(1)} ms over ${result.listPageMs.pages} pages of ${PAGE}`
            : ''),
      );
    }
  } finally {
    await removeDir(baseDir);
    await cleanupAll();
  }
  if (SMOKE) return smokeFinished('bench:reconnect');
  const dir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `reconnect-${DEVICES}.json`), `${JSON.stringify(results, null, 2)}\n`);
}

main().catch(async (error: Error) => {
  console.error(error.stack ?? error.message);
  await cleanupAll();
  process.exit(1);
});

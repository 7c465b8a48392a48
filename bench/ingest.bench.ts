// Ingest benchmark: `npm run bench`. For each store (embedded DuckDB, InfluxDB 1.6.7): a
// saturation phase (max speed, then wait until everything acked is stored and count it in the
// store) and a latency phase (fixed rate); then a bare aedes broker as a yardstick. Prints a table
// with PASS/FAIL per target and a Markdown snippet, writes bench/results/latest.json, and exits
// non-zero when a target fails.
//
// Environment: BENCH_DURATION_S (20), BENCH_DEVICES (100), BENCH_STORES (duckdb,influx),
// BENCH_RATE (5000, latency phase), BENCH_INFLIGHT (10, saturation window per device),
// BENCH_PHASES (saturation,latency,idle,yardstick), BENCH_STORE_WAIT_S (how long to wait for the store
// after publishing; default max(120, 6 × duration)), BENCH_PROFILE_DIR (run the service with
// `node --cpu-prof`, one .cpuprofile per phase there), BENCH_SERVICE_NODE_OPTIONS (NODE_OPTIONS of the service only).
// BENCH_RESULTS_FILE (default bench/results/latest.json). BENCH_IDLE_S (30: the idle phase, devices
// connected and no traffic). BENCH_SHARED_SECRET=1: every device has the same password, so a site
// of 10,000 devices is generated in seconds (BENCH_DEVICES=10000 BENCH_RATE=5000 for fleet scale). INGEST_*, SPOOL_*, DUCKDB_*,
// NODE_OPTIONS, MALLOC_ARENA_MAX and UV_THREADPOOL_SIZE pass through to the service and are recorded
// in the results. BENCH_SMOKE=1 or --smoke: 4 devices, 2 s per phase, 100 readings/s, every store
// and phase, no results file; it fails only when a phase cannot run or loses readings.
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { availableParallelism, release } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { runLoad, type LoadProgress, type LoadRate } from '../devices-sim/src/load/load-generator';
import { cleanupAll, cleanupOnSignals, removeDir, tempDir } from '../test/harness/cleanup';
import { startInfluxServer, type InfluxTestServer } from '../test/harness/influxd';
import { REPO_ROOT } from '../test/harness/paths';
import { delay } from '../test/harness/wait';
import { cpuSecondsOf, memoryOf } from './support/resources';
import {
  consoleReport,
  evaluateTargets,
  machineLine,
  markdownReport,
  type BenchReport,
  type MachineInfo,
  type PhaseResult,
  type Quantiles,
  type StoreName,
  TARGETS,
} from './support/report';
import { startService, type RunningService } from './support/service';
import { benchDevices, writeBenchSiteConfig, type BenchDevice } from './support/site-config';
import { SMOKE, sized, smokeFinished } from './support/smoke';
import { runYardstick } from './support/yardstick';
import { idleLine, runIdle, type IdleResult } from './support/idle';
import type { PromSamples } from './support/prometheus';

const VALUES_PER_READING = 3;
const STORES: StoreName[] = ['duckdb', 'influx'];
const PHASES = ['saturation', 'latency', 'idle', 'yardstick'] as const;

interface Settings {
  durationS: number;
  devices: number;
  stores: StoreName[];
  latencyRate: number;
  inFlightPerDevice: number;
  phases: (typeof PHASES)[number][];
  storeWaitS: number;
  idleS: number;
  profileDir?: string;
}

function settingsFromEnv(env: NodeJS.ProcessEnv): Settings {
  const number = (key: string, fallback: number): number => {
    const text = env[key];
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!(Number.isFinite(value) && value > 0)) throw new Error(`${key}: "${text}" is not a positive number`);
    return value;
  };
  const list = <T extends string>(key: string, allowed: readonly T[]): T[] => {
    const text = env[key];
    if (text === undefined || text.trim() === '') return [...allowed];
    const items = text.split(',').map((s) => s.trim()) as T[];
    const bad = items.filter((item) => !allowed.includes(item));
    if (bad.length > 0)
      throw new Error(`${key}: unknown ${bad.join(', ')}; choose from ${allowed.join(', ')}`);
    return items;
  };
  const durationS = number('BENCH_DURATION_S', sized(20, 2));
  return {
    durationS,
    devices: Math.round(number('BENCH_DEVICES', sized(100, 4))),
    stores: list('BENCH_STORES', STORES),
    latencyRate: number('BENCH_RATE', sized(5_000, 100)),
    inFlightPerDevice: Math.round(number('BENCH_INFLIGHT', 10)),
    phases: list('BENCH_PHASES', PHASES),
    storeWaitS: number('BENCH_STORE_WAIT_S', sized(Math.max(120, 6 * durationS), 30)),
    idleS: number('BENCH_IDLE_S', sized(30, 2)),
    profileDir: env.BENCH_PROFILE_DIR || undefined,
  };
}

interface MachineTicks {
  /** user + nice + system + irq + softirq over all CPUs, 1/100 s. */
  busy: number;
  iowait: number;
  /** Time the hypervisor gave to other guests. */
  steal: number;
}

/** Machine-wide CPU counters: with our processes' own CPU they show what else ran meanwhile. */
function machineTicks(): MachineTicks | undefined {
  try {
    const f = /^cpu\s+(.+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1].split(/\s+/).map(Number);
    if (!f || f.length < 8) return undefined;
    return { busy: f[0] + f[1] + f[2] + f[5] + f[6], iowait: f[4], steal: f[7] };
  } catch {
    return undefined;
  }
}

/** Git revision of the working tree, and whether it has uncommitted changes. */
function gitRevision(): string | undefined {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' });
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    return `${head.trim()}${dirty.trim() ? ' (uncommitted changes)' : ''}`;
  } catch {
    return undefined;
  }
}

/** Prettier-formatted (`npm run format:check` covers bench/results), or as is without prettier. */
async function formatLikeTheRepo(json: string, file: string): Promise<string> {
  try {
    const prettier = await import('prettier');
    const options = (await prettier.resolveConfig(file)) ?? {};
    return await prettier.format(json, { ...options, filepath: file });
  } catch {
    return json + '\n';
  }
}

/** Settings of the service (and of Node or glibc) that a run inherits from the environment. */
function serviceEnvOverrides(env: NodeJS.ProcessEnv): Record<string, string> {
  const passed: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (
      value !== undefined &&
      /^(INGEST_|SPOOL_|DUCKDB_|NODE_OPTIONS$|BENCH_SERVICE_NODE_OPTIONS$|MALLOC_ARENA_MAX$|UV_THREADPOOL_SIZE$)/.test(
        key,
      )
    ) {
      passed[key] = value;
    }
  }
  return passed;
}

function machineInfo(): MachineInfo {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const meminfo = readFileSync('/proc/meminfo', 'utf8');
  return {
    nproc: availableParallelism(),
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown',
    memTotalBytes: Number(/^MemTotal:\s+(\d+) kB/m.exec(meminfo)?.[1] ?? 0) * 1024,
    node: process.version,
    kernel: release(),
  };
}

const log = (text: string) => console.log(text);

function progressPrinter(label: string, stored: () => number | undefined) {
  return (p: LoadProgress) => {
    const s = stored();
    log(
      `[${label} ${p.elapsedS.toFixed(0).padStart(3)} s] sent ${p.sent} (${p.sentPerS.toFixed(0)}/s) ` +
        `acked ${p.acked} (${p.ackedPerS.toFixed(0)}/s) failed ${p.failed}` +
        (p.skipped ? ` skipped ${p.skipped}` : '') +
        ` in flight ${p.inFlight}, puback p50 ${p.pubackMs.p50.toFixed(1)} p99 ${p.pubackMs.p99.toFixed(1)} ms` +
        (s === undefined ? '' : `, stored ${Math.floor(s / VALUES_PER_READING)} readings`),
    );
  };
}

/** Quantiles from a histogram's buckets (linear within a bucket, as Prometheus' histogram_quantile). */
const histogramQuantiles = (m: PromSamples, name: string): Quantiles => ({
  p50: m.histogramQuantile(name, 0.5) * 1000,
  p90: m.histogramQuantile(name, 0.9) * 1000,
  p99: m.histogramQuantile(name, 0.99) * 1000,
});

/** Readings in the store, counted by the store: per device through the HTTP API, or InfluxQL. */
async function countStoredReadings(
  service: RunningService,
  devices: BenchDevice[],
  from: number,
  influx?: { server: InfluxTestServer; database: string },
): Promise<number> {
  if (influx) {
    const [result] = await influx.server.query(influx.database, 'SELECT count("tempC") FROM "telemetry"');
    if (result?.error) throw new Error(`InfluxDB: ${result.error}`);
    return Number(result?.series?.[0]?.values?.[0]?.[1] ?? 0);
  }
  // Device timestamps may run ahead of the clock (strictly increasing per device): query wide.
  const to = Date.now() + 3_600_000;
  let total = 0;
  let next = 0;
  const worker = async () => {
    while (next < devices.length) {
      const device = devices[next++];
      const body = await service.getJson<{ windows: { count: number }[] }>(
        `/api/devices/${encodeURIComponent(device.id)}/telemetry?metric=tempC&from=${from}&to=${to}&every=1d`,
      );
      for (const window of body.windows) total += window.count;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return total;
}

async function runPhase(
  phase: 'saturation' | 'latency',
  store: StoreName,
  settings: Settings,
  siteConfig: string,
  devices: BenchDevice[],
  baseDir: string,
  influxd?: InfluxTestServer,
): Promise<PhaseResult> {
  const label = `${store} ${phase}`;
  const result: PhaseResult = { store, phase };
  const database = `bench_${phase}`;
  log(`\n=== ${label}: starting a fresh service`);
  const service = await startService({
    siteConfig,
    baseDir,
    label: `${store}-${phase}`,
    influx: influxd ? { url: influxd.url, database } : undefined,
    profileDir: settings.profileDir,
    env: serviceEnvOverrides(process.env),
  });
  result.idleRssBytes = memoryOf(service.pid)?.rssBytes;
  let lastStored: number | undefined;
  let cpuAtStart:
    | { service?: number; influxd?: number; generator: NodeJS.CpuUsage; machine?: MachineTicks; at: number }
    | undefined;
  const poller = setInterval(() => {
    service.metrics().then(
      (m) => {
        lastStored = m.value('jct_store_points_stored_total');
        // prom-client resets its event-loop delay histogram at every scrape: keep the worst.
        const lag = {
          maxMs: m.value('nodejs_eventloop_lag_max_seconds') * 1000,
          p99Ms: m.value('nodejs_eventloop_lag_p99_seconds') * 1000,
        };
        result.eventLoopLag = {
          maxMs: Math.max(result.eventLoopLag?.maxMs ?? 0, lag.maxMs || 0),
          p99Ms: Math.max(result.eventLoopLag?.p99Ms ?? 0, lag.p99Ms || 0),
        };
      },
      () => undefined,
    );
  }, 1000);
  try {
    const rate: LoadRate = phase === 'saturation' ? 'max' : settings.latencyRate;
    log(
      `=== ${label}: ${devices.length} devices, ${rate === 'max' ? `max speed (window ${settings.inFlightPerDevice})` : `${rate} readings/s`}, ${settings.durationS} s`,
    );
    const load = await runLoad({
      url: service.mqttUrl,
      devices,
      rate,
      durationS: settings.durationS,
      inFlightPerDevice: phase === 'saturation' ? settings.inFlightPerDevice : undefined,
      // CPU from the first publish on: connecting (a scrypt check per device) is not ingest work.
      onStart: () =>
        (cpuAtStart = {
          service: cpuSecondsOf(service.pid),
          influxd: influxd ? cpuSecondsOf(influxd.pid) : undefined,
          generator: process.cpuUsage(),
          machine: machineTicks(),
          at: Date.now(),
        }),
      onProgress: progressPrinter(label, () => lastStored),
    });
    result.load = load;
    result.expectedPoints = load.acked * VALUES_PER_READING;
    // What the store kept up with while the generator ran (the rest waited in the spool).
    const storedAtEnd = (await service.metrics()).value('jct_store_points_stored_total');
    result.storedPerSWhilePublishing =
      storedAtEnd / VALUES_PER_READING / ((Date.now() - load.startedAt) / 1000);
    log(
      `=== ${label}: sent ${load.sent}, acked ${load.acked}, failed ${load.failed}, unacked ${load.unacked}; waiting for the store`,
    );

    // Everything acked must reach the store; poll /metrics until it has, bounded.
    const deadline = Date.now() + settings.storeWaitS * 1000;
    let metrics = await service.metrics();
    let lastLog = Date.now();
    for (;;) {
      result.storedPoints = metrics.value('jct_store_points_stored_total');
      if (result.storedPoints >= result.expectedPoints) {
        result.allStoredAt = Date.now();
        break;
      }
      if (Date.now() > deadline) {
        result.storeWaitTimedOut = true;
        break;
      }
      if (Date.now() - lastLog >= 2000) {
        lastLog = Date.now();
        log(`[${label}] stored ${result.storedPoints} of ${result.expectedPoints} points`);
      }
      await delay(100);
      metrics = await service.metrics();
    }
    const end = result.allStoredAt ?? Date.now();
    if (cpuAtStart) {
      const generator = process.cpuUsage(cpuAtStart.generator);
      const since = (before: number | undefined, pid: number | undefined) => {
        const now = cpuSecondsOf(pid);
        return before === undefined || now === undefined ? undefined : now - before;
      };
      result.cpu = {
        wallS: (end - cpuAtStart.at) / 1000,
        serviceS: since(cpuAtStart.service, service.pid),
        generatorS: (generator.user + generator.system) / 1e6,
        influxdS: influxd ? since(cpuAtStart.influxd, influxd.pid) : undefined,
      };
      const [before, after] = [cpuAtStart.machine, machineTicks()];
      if (before && after) {
        const ours = (result.cpu.serviceS ?? 0) + result.cpu.generatorS + (result.cpu.influxdS ?? 0);
        result.cpu.otherProcessesS = Math.max(0, (after.busy - before.busy) / 100 - ours);
        result.cpu.iowaitS = (after.iowait - before.iowait) / 100;
        result.cpu.stealS = (after.steal - before.steal) / 100;
      }
    }
    const storedReadings = Math.min(load.acked, Math.floor(result.storedPoints / VALUES_PER_READING));
    result.sustainedReadingsPerS = storedReadings / ((end - load.startedAt) / 1000);
    result.drainAfterLastAckMs = end - load.lastAckAt;
    result.acceptedToStoredMs = histogramQuantiles(metrics, 'jct_ingest_to_store_seconds');
    result.publishToStoredMs = histogramQuantiles(metrics, 'jct_device_to_store_seconds');
    result.rejections = metrics.labelled('jct_ingest_rejections_total');
    result.peakRssBytes = service.peakRssBytes();
    const memory = memoryOf(service.pid);
    result.endRss = memory && { anonBytes: memory.rssAnonBytes, fileBytes: memory.rssFileBytes };
    if (influxd) result.influxdPeakRssBytes = memoryOf(influxd.pid)?.peakRssBytes;

    result.storedReadings = await countStoredReadings(
      service,
      devices,
      load.startedAt - 3_600_000,
      influxd ? { server: influxd, database } : undefined,
    );
    result.lostReadings = Math.max(0, load.acked - result.storedReadings);
    result.duplicateReadings = Math.max(0, result.storedReadings - load.sent);
    log(
      `=== ${label}: ${result.sustainedReadingsPerS.toFixed(0)} readings/s sustained` +
        `${result.storeWaitTimedOut ? ' (TIMED OUT waiting for the store)' : ''}, ` +
        `store holds ${result.storedReadings} of ${load.acked} acked readings, ` +
        `publish→stored p50 ${result.publishToStoredMs.p50.toFixed(0)} / p99 ${result.publishToStoredMs.p99.toFixed(0)} ms, ` +
        `peak RSS ${(result.peakRssBytes / 1024 / 1024).toFixed(0)} MB` +
        (result.cpu
          ? `; CPU over ${result.cpu.wallS.toFixed(1)} s: service ${result.cpu.serviceS?.toFixed(1)} s, ` +
            `generator ${result.cpu.generatorS.toFixed(1)} s` +
            (result.cpu.influxdS === undefined ? '' : `, influxd ${result.cpu.influxdS.toFixed(1)} s`)
          : ''),
    );
  } catch (error) {
    result.error = (error as Error).message;
    log(`=== ${label}: FAILED: ${result.error}\n--- service log ---\n${service.logTail()}`);
  } finally {
    clearInterval(poller);
    await service.stop();
    if (influxd) {
      await influxd.query(database, `DROP DATABASE "${database}"`).catch(() => undefined);
    }
  }
  return result;
}

async function main(): Promise<number> {
  cleanupOnSignals();
  const settings = settingsFromEnv(process.env);
  const machine = machineInfo();
  log(`Ingest benchmark on ${machineLine(machine)}`);
  const overrides = serviceEnvOverrides(process.env);
  if (Object.keys(overrides).length > 0) log(`service environment overrides: ${JSON.stringify(overrides)}`);
  log(
    `settings: ${settings.devices} devices, ${settings.durationS} s per phase, stores ${settings.stores.join(',')}, ` +
      `phases ${settings.phases.join(',')}, latency rate ${settings.latencyRate}/s, window ${settings.inFlightPerDevice}`,
  );

  // Every wait below is bounded; this bounds the whole run as well.
  const perPhaseS = settings.durationS + settings.storeWaitS + 180;
  const limitS = settings.stores.length * 2 * perPhaseS + settings.durationS + 180;
  const watchdog = setTimeout(() => {
    console.error(`the benchmark ran for more than ${limitS} s: giving up`);
    void cleanupAll().finally(() => process.exit(3));
  }, limitS * 1000);
  watchdog.unref();

  const baseDir = tempDir('bench');
  const devices = benchDevices(settings.devices, process.env.BENCH_SHARED_SECRET === '1');
  const phases: PhaseResult[] = [];
  let yardstick: BenchReport['yardstick'];
  let idle: IdleResult | { error: string } | undefined;
  try {
    log('generating the bench site configuration (scrypt hashes)…');
    const siteConfig = await writeBenchSiteConfig(baseDir, devices);

    for (const store of settings.stores) {
      const wanted = (['saturation', 'latency'] as const).filter((p) => settings.phases.includes(p));
      if (wanted.length === 0) break;
      let influxd: InfluxTestServer | undefined;
      try {
        if (store === 'influx') {
          influxd = await startInfluxServer();
          log(`\nInfluxDB 1.x at ${influxd.url}`);
        }
        for (const phase of wanted) {
          phases.push(await runPhase(phase, store, settings, siteConfig, devices, baseDir, influxd));
        }
      } catch (error) {
        for (const phase of wanted.filter((p) => !phases.some((r) => r.store === store && r.phase === p))) {
          phases.push({ store, phase, error: (error as Error).message });
        }
        log(`=== ${store}: FAILED: ${(error as Error).message}`);
      } finally {
        await influxd?.destroy();
      }
    }

    if (settings.phases.includes('idle')) {
      log(`\n=== idle: ${devices.length} devices connected, no traffic, ${settings.idleS} s`);
      const service = await startService({
        siteConfig,
        baseDir,
        label: 'idle',
        profileDir: settings.profileDir,
        env: serviceEnvOverrides(process.env),
      });
      try {
        idle = await runIdle(service, devices, settings.idleS);
      } catch (error) {
        idle = { error: (error as Error).message };
      } finally {
        await service.stop();
      }
      log(idleLine(idle));
    }

    if (settings.phases.includes('yardstick')) {
      log('\n=== raw aedes yardstick');
      try {
        yardstick = await runYardstick({
          devices,
          durationS: settings.durationS,
          inFlightPerDevice: settings.inFlightPerDevice,
          onProgress: progressPrinter('yardstick', () => undefined),
        });
      } catch (error) {
        yardstick = { error: (error as Error).message };
      }
    }
  } finally {
    await removeDir(baseDir).catch(() => undefined);
  }

  const targets = evaluateTargets(phases, settings.stores, settings.latencyRate);
  if (idle) {
    const share = 'error' in idle ? undefined : idle.coreShare;
    targets.push({
      store: 'duckdb',
      name: `service CPU at rest, ${devices.length} devices connected`,
      measured: share === undefined ? 'error' : `${(share * 100).toFixed(2)} % of one core`,
      limit: `< ${TARGETS.idleCoreShare * 100} %`,
      pass: share !== undefined && share < TARGETS.idleCoreShare,
    });
  }
  const report: BenchReport = {
    generatedAt: new Date().toISOString(),
    revision: gitRevision(),
    machine,
    settings: {
      devices: settings.devices,
      durationS: settings.durationS,
      stores: settings.stores,
      latencyRate: settings.latencyRate,
      inFlightPerDevice: settings.inFlightPerDevice,
      valuesPerReading: VALUES_PER_READING,
      serviceEnv: overrides,
    },
    phases,
    idle,
    yardstick,
    targets,
    pass: targets.every((t) => t.pass),
  };

  log(`\n${consoleReport(report)}`);
  if (SMOKE) return smokeExitCode(report);

  const resultsFile = resolve(
    process.env.BENCH_RESULTS_FILE || join(REPO_ROOT, 'bench', 'results', 'latest.json'),
  );
  await mkdir(dirname(resultsFile), { recursive: true });
  await writeFile(resultsFile, await formatLikeTheRepo(JSON.stringify(report, null, 2), resultsFile));

  log(`\nresults: ${resultsFile}`);
  log(`\n--- Markdown for docs/benchmarks.md ---\n${markdownReport(report)}\n--- end ---`);
  log(`\n${report.pass ? 'all targets met' : 'TARGETS NOT MET'}`);
  return report.pass ? 0 : 1;
}

/** A smoke run fails when a phase could not run, the store did not catch up, or readings were lost. */
function smokeExitCode(report: BenchReport): number {
  const problems = report.phases
    .filter((p) => p.error || p.storeWaitTimedOut || (p.lostReadings ?? 1) > 0)
    .map(
      (p) =>
        `${p.store} ${p.phase}: ${p.error ?? (p.storeWaitTimedOut ? 'store wait timed out' : `${p.lostReadings ?? '?'} readings lost`)}`,
    );
  if (report.yardstick && 'error' in report.yardstick) problems.push(`yardstick: ${report.yardstick.error}`);
  if (report.idle && 'error' in report.idle) problems.push(`idle: ${report.idle.error}`);
  if (problems.length > 0) {
    log(`\nsmoke run FAILED:\n${problems.join('\n')}`);
    return 1;
  }
  smokeFinished('bench');
  return 0;
}

main().then(
  async (code) => {
    await cleanupAll();
    process.exit(code);
  },
  async (error: Error) => {
    console.error(error.stack ?? error.message);
    await cleanupAll();
    process.exit(2);
  },
);

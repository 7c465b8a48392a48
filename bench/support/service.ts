// The built service for a benchmark: the test harness's service process, started as the product
// starts it (apps/service/src/runtime.ts), with its metrics, the bench key and its peak memory.
import { SERVICE_ENV, SERVICE_NODE_FLAGS } from '../../apps/service/src/runtime';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startService as startServiceProcess } from '../../test/harness/service-process';
import { PromSamples } from './prometheus';
import { RssWatch } from './resources';
import { BENCH_API_KEY } from './site-config';

export interface ServiceOptions {
  siteConfig: string;
  /** Holds the service's log. */
  baseDir: string;
  label: string;
  influx?: { url: string; database: string };
  /** When set, the service runs with `node --cpu-prof` and leaves `<label>.cpuprofile` here at exit. */
  profileDir?: string;
  /** Settings passed through from the benchmark's environment (INGEST_*, SPOOL_*, …). */
  env?: Record<string, string>;
  /** A data dir of the caller's, kept on stop (for a restart on the same data). */
  dataDir?: string;
}

export interface RunningService {
  pid: number;
  dataDir: string;
  httpUrl: string;
  mqttUrl: string;
  metrics(): Promise<PromSamples>;
  getJson<T>(path: string): Promise<T>;
  /** Peak resident set so far (VmHWM); read it before stop(). */
  peakRssBytes(): number;
  logTail(lines?: number): string;
  /** SIGTERM (graceful shutdown), SIGKILL after 20 s, then the data dir is removed. */
  stop(): Promise<void>;
}

export async function startService(options: ServiceOptions): Promise<RunningService> {
  const nodeArgs = [...SERVICE_NODE_FLAGS];
  if (options.profileDir) {
    mkdirSync(options.profileDir, { recursive: true });
    nodeArgs.push(
      '--cpu-prof',
      `--cpu-prof-dir=${options.profileDir}`,
      `--cpu-prof-name=${options.label}.cpuprofile`,
    );
  }
  const { BENCH_SERVICE_NODE_OPTIONS, ...passed } = options.env ?? {};
  const service = await startServiceProcess(
    {
      ...SERVICE_ENV,
      ...passed,
      // Node flags for the service only (NODE_OPTIONS would also change the benchmark's own process).
      ...(BENCH_SERVICE_NODE_OPTIONS ? { NODE_OPTIONS: BENCH_SERVICE_NODE_OPTIONS } : {}),
      SITE_CONFIG: options.siteConfig,
      LOG_LEVEL: 'warn',
      ...(options.influx ? { INFLUX_URL: options.influx.url, INFLUX_DATABASE: options.influx.database } : {}),
    },
    {
      nodeArgs,
      logFile: join(options.baseDir, `service-${options.label}.log`),
      dataDir: options.dataDir,
    },
  );
  const rss = new RssWatch(service.pid);

  const getText = async (path: string): Promise<string> => {
    if (service.process.exitCode !== null || service.process.signalCode !== null)
      throw new Error(`the service exited:\n${service.logTail()}`);
    const res = await fetch(`${service.httpUrl}${path}`, {
      signal: AbortSignal.timeout(30_000),
      headers: { authorization: `Bearer ${BENCH_API_KEY}` },
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
    return text;
  };

  return {
    pid: service.pid,
    dataDir: service.dataDir,
    httpUrl: service.httpUrl,
    mqttUrl: service.mqttUrl,
    metrics: async () => new PromSamples(await getText('/metrics')),
    getJson: async <T>(path: string) => JSON.parse(await getText(path)) as T,
    peakRssBytes: () => rss.peakBytes(),
    logTail: (lines = 30) => service.logTail(lines),
    stop: async () => {
      rss.stop();
      await service.destroy();
    },
  };
}

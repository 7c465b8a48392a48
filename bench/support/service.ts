// The built service (dist/apps/service/src/main.js) as a child process on free loopback ports,
// with a fresh DATA_DIR each time.
import { SERVICE_ENV, SERVICE_NODE_FLAGS } from '../../apps/service/src/runtime';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST_ROOT, REPO_ROOT } from './paths';
import { PromSamples } from './prometheus';
import { delay, freePorts, removeDir, RssWatch, stopChild, trackChild, trackDir } from './processes';
import { BENCH_API_KEY } from './site-config';

const MAIN = join(DIST_ROOT, 'apps', 'service', 'src', 'main.js');

// Variables the service reads that a benchmark sets itself or must not inherit.
const CONTROLLED = [
  'HTTP_PORT',
  'HTTP_HOST',
  'MQTT_PORT',
  'MQTT_WS_PORT',
  'MQTT_HOST',
  'MQTT_URL',
  'MQTT_CLIENT_ID',
  'MQTT_USERNAME',
  'MQTT_PASSWORD',
  'INFLUX_URL',
  'INFLUX_TOKEN',
  'INFLUX_ORG',
  'INFLUX_BUCKET',
  'INFLUX_DATABASE',
  'DATA_DIR',
  'SITE_CONFIG',
  'LOG_LEVEL',
];

export interface ServiceOptions {
  siteConfig: string;
  /** Parent of the service's temp data dir and log. */
  baseDir: string;
  label: string;
  influx?: { url: string; database: string };
  /** When set, the service runs with `node --prof` and leaves its V8 log here. */
  profileDir?: string;
}

export interface RunningService {
  pid: number;
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
  const dataDir = trackDir(await mkdtemp(join(options.baseDir, `service-${options.label}-`)));
  const logFile = join(options.baseDir, `service-${options.label}.log`);
  const [httpPort, mqttPort, wsPort] = await freePorts(3);
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of CONTROLLED) delete env[key];
  Object.assign(env, {
    HTTP_PORT: String(httpPort),
    HTTP_HOST: '127.0.0.1',
    MQTT_PORT: String(mqttPort),
    MQTT_WS_PORT: String(wsPort),
    MQTT_HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SITE_CONFIG: options.siteConfig,
    LOG_LEVEL: 'warn',
    ...(options.influx ? { INFLUX_URL: options.influx.url, INFLUX_DATABASE: options.influx.database } : {}),
  });
  // Node flags for the service only (NODE_OPTIONS would also change the benchmark's own process).
  if (process.env.BENCH_SERVICE_NODE_OPTIONS) env.NODE_OPTIONS = process.env.BENCH_SERVICE_NODE_OPTIONS;
  // Started as the product starts it (apps/service/src/runtime.ts).
  const nodeArgs: string[] = [...SERVICE_NODE_FLAGS];
  for (const [name, value] of Object.entries(SERVICE_ENV)) env[name] ??= value;
  if (options.profileDir) {
    mkdirSync(options.profileDir, { recursive: true });
    nodeArgs.push('--prof', `--logfile=${join(options.profileDir, `${options.label}-%p.v8.log`)}`);
  }

  const logFd = openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    child = trackChild(
      spawn(process.execPath, [...nodeArgs, MAIN], { env, stdio: ['ignore', logFd, logFd], cwd: REPO_ROOT }),
    );
  } finally {
    closeSync(logFd);
  }
  let exit: string | undefined;
  child.once('exit', (code, signal) => (exit = `exited (code ${code}, signal ${signal})`));
  child.once('error', (error) => (exit = `failed to start: ${error.message}`));
  const logTail = (lines = 30) => {
    try {
      return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  };
  const rss = new RssWatch(child.pid!);
  const httpUrl = `http://127.0.0.1:${httpPort}`;
  const stop = async () => {
    rss.stop();
    await stopChild(child, 20_000);
    await removeDir(dataDir);
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exit) {
      await stop();
      throw new Error(`the service ${exit} before it was healthy:\n${logTail()}`);
    }
    try {
      const res = await fetch(`${httpUrl}/health`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the service did not answer GET /health with 200 within 60 s:\n${logTail()}`);
    }
    await delay(200);
  }

  const getText = async (path: string): Promise<string> => {
    if (exit) throw new Error(`the service ${exit}:\n${logTail()}`);
    const res = await fetch(`${httpUrl}${path}`, {
      signal: AbortSignal.timeout(30_000),
      headers: { authorization: `Bearer ${BENCH_API_KEY}` },
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
    return text;
  };

  return {
    pid: child.pid!,
    httpUrl,
    mqttUrl: `mqtt://127.0.0.1:${mqttPort}`,
    metrics: async () => new PromSamples(await getText('/metrics')),
    getJson: async <T>(path: string) => JSON.parse(await getText(path)) as T,
    peakRssBytes: () => rss.peakBytes(),
    logTail,
    stop,
  };
}

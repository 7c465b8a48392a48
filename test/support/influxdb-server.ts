// A real InfluxDB 1.x server for integration tests: its own config, meta/data/wal directories and
// log in a temp dir, HTTP and RPC on free loopback ports. Debian's package (1.6.7) does not run as
// a service here (shared/toolchain.md, "InfluxDB"), so every test run starts its own. Tests that
// need it fail loudly when influxd is missing; they never skip.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExecutable, freePort } from './ports';

export interface InfluxServerOptions {
  /** Directory for config, meta, data, wal and log; a fresh temp dir when omitted. */
  dataDir?: string;
}

export interface InfluxTestServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  /** Holds influxdb.conf, meta/, data/, wal/ and influxd.log. */
  readonly dataDir: string;
  /** SIGTERM and wait for the process to exit. */
  stop(): Promise<void>;
  /** Start again on the same ports and data dir (what was written survives). */
  start(): Promise<void>;
  /** stop() and remove the data dir if this helper created it. */
  destroy(): Promise<void>;
  /** Runs the real `influx` CLI against this server and returns its parsed JSON output. */
  cli(database: string, query: string): Promise<unknown>;
  /** The last lines of influxd's log (its stderr). */
  logTail(lines?: number): string;
}

export const INFLUXD_NOT_FOUND =
  'InfluxDB 1.x server not found: run `sudo apt-get install influxdb influxdb-client` or `npm run test:setup`';

// influxd 1.6 opens its shards and replays the WAL before it answers /ping; on 2 slow cores that
// can take several seconds after a restart.
const READY_TIMEOUT_MS = 20_000;
// influxd waits for in-flight requests on SIGTERM; it is normally gone in well under a second.
const STOP_TIMEOUT_MS = 15_000;
const POLL_INTERVAL_MS = 100;
const CLI_TIMEOUT_MS = 20_000;

/** True when GET /ping answers 204, the 1.x "ready" signal. */
async function pingOk(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(1_000) });
    await res.arrayBuffer();
    return res.status === 204;
  } catch {
    return false;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function tail(text: string, lines: number): string {
  return text
    .split('\n')
    .slice(-lines - 1)
    .join('\n');
}

/**
 * Only the HTTP service on loopback; everything that would listen elsewhere, phone home or write
 * per-query logs is off. Keys as printed by `influxd config` for 1.6.7.
 */
function configFile(dataDir: string, httpPort: number, rpcPort: number): string {
  const q = (s: string): string => JSON.stringify(s);
  return `reporting-disabled = true
bind-address = ${q(`127.0.0.1:${rpcPort}`)}

[meta]
  dir = ${q(join(dataDir, 'meta'))}
  retention-autocreate = true
  logging-enabled = false

[data]
  dir = ${q(join(dataDir, 'data'))}
  wal-dir = ${q(join(dataDir, 'wal'))}
  index-version = "inmem"
  wal-fsync-delay = "0s"
  query-log-enabled = false
  trace-logging-enabled = false

[coordinator]
  log-queries-after = "0s"

[retention]
  enabled = false

[monitor]
  store-enabled = false

[subscriber]
  enabled = false

[http]
  enabled = true
  bind-address = ${q(`127.0.0.1:${httpPort}`)}
  auth-enabled = false
  log-enabled = false
  suppress-write-log = true
  pprof-enabled = false
  https-enabled = false
  unix-socket-enabled = false

[logging]
  format = "logfmt"
  level = "info"
  suppress-logo = true

[ifql]
  enabled = false

[[graphite]]
  enabled = false

[[collectd]]
  enabled = false

[[opentsdb]]
  enabled = false

[[udp]]
  enabled = false

[continuous_queries]
  enabled = false
  log-enabled = false
`;
}

export async function startInfluxServer(options: InfluxServerOptions = {}): Promise<InfluxTestServer> {
  const influxd = findExecutable('influxd');
  if (!influxd) throw new Error(INFLUXD_NOT_FOUND);

  const ownsDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'jct-influxdb-')));
  const confFile = join(dataDir, 'influxdb.conf');
  const logFile = join(dataDir, 'influxd.log');
  let port: number;
  try {
    await mkdir(dataDir, { recursive: true });
    port = await freePort();
    let rpcPort = await freePort();
    // Two consecutive listen(0) calls may hand out the same port once the first is closed.
    while (rpcPort === port) rpcPort = await freePort();
    await writeFile(confFile, configFile(dataDir, port, rpcPort), { mode: 0o600 });
  } catch (err) {
    if (ownsDir) await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  const url = `http://127.0.0.1:${port}`;

  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const logTail = (lines = 40): string =>
    `--- ${logFile} ---\n${existsSync(logFile) ? tail(readFileSync(logFile, 'utf8'), lines) : '(no log)'}`;

  const start = async (): Promise<void> => {
    if (child) throw new Error('influxd is already running');
    // influxd logs to stderr; a file descriptor (not a pipe) keeps the log complete even if this
    // process never reads it, and lets a failed start quote it.
    const logFd = openSync(logFile, 'a');
    let proc: ChildProcess;
    try {
      proc = spawn(influxd, ['-config', confFile], { stdio: ['ignore', logFd, logFd] });
    } finally {
      closeSync(logFd);
    }
    child = proc;
    let exitInfo: string | undefined;
    exited = new Promise<void>((resolve) => {
      proc.once('exit', (code, signal) => {
        exitInfo = `exited with code ${code} signal ${signal}`;
        if (child === proc) child = undefined;
        resolve();
      });
      proc.once('error', (err) => {
        exitInfo = `failed to start: ${err.message}`;
        if (child === proc) child = undefined;
        resolve();
      });
    });

    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (exitInfo !== undefined) throw new Error(`influxd ${exitInfo}\n${logTail()}`);
      if (await pingOk(url)) return;
      if (Date.now() > deadline) {
        await stop();
        throw new Error(
          `influxd did not answer GET ${url}/ping with 204 within ${READY_TIMEOUT_MS} ms\n${logTail()}`,
        );
      }
      await delay(POLL_INTERVAL_MS);
    }
  };

  const stop = async (): Promise<void> => {
    const proc = child;
    if (!proc) return;
    proc.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), STOP_TIMEOUT_MS);
    });
    const killed = await Promise.race([exited.then(() => false), timedOut]);
    clearTimeout(timer);
    if (killed) {
      proc.kill('SIGKILL');
      await exited;
    }
    child = undefined;
  };

  const destroy = async (): Promise<void> => {
    await stop();
    if (ownsDir) await rm(dataDir, { recursive: true, force: true });
  };

  const cli = (database: string, query: string): Promise<unknown> => {
    const influx = findExecutable('influx');
    if (!influx) return Promise.reject(new Error(INFLUXD_NOT_FOUND));
    const args = [
      '-host',
      '127.0.0.1',
      '-port',
      String(port),
      '-database',
      database,
      '-execute',
      query,
      '-format',
      'json',
    ];
    return new Promise((resolve, reject) => {
      execFile(influx, args, { timeout: CLI_TIMEOUT_MS, encoding: 'utf8' }, (err, stdout, stderr) => {
        if (err) {
          reject(new Error(`influx ${args.join(' ')} failed: ${err.message}\n${stderr}${stdout}`));
          return;
        }
        try {
          resolve(JSON.parse(stdout));
        } catch {
          reject(new Error(`influx printed something that is not JSON:\n${stdout}${stderr}`));
        }
      });
    });
  };

  try {
    await start();
  } catch (err) {
    if (ownsDir) await rm(dataDir, { recursive: true, force: true });
    throw err;
  }

  return { url, port, dataDir, stop, start, destroy, cli, logTail };
}

// A real InfluxDB 1.x server (Debian's 1.6.7) for tests and benchmarks: its own config,
// meta/data/wal directories and log in a temp dir, HTTP and RPC on free loopback ports. The
// package does not run as a system service on our machines, so every run starts its own. Tests
// that need it fail loudly when influxd is missing; they never skip.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { childServer } from './child-server';
import { removeDir, tempDir } from './cleanup';
import { findExecutable, freePorts } from './ports';

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
  readonly pid: number | undefined;
  /** SIGTERM and wait for the process to exit. */
  stop(): Promise<void>;
  /** Start again on the same ports and data dir (what was written survives). */
  start(): Promise<void>;
  /** stop() and remove the data dir if this helper created it. */
  destroy(): Promise<void>;
  /** Runs the real `influx` CLI against this server and returns its parsed JSON output. */
  cli(database: string, query: string): Promise<unknown>;
  /** An InfluxQL query through HTTP POST /query (1.x reports errors as HTTP 200 with `error`). */
  query(database: string, query: string): Promise<InfluxResult[]>;
  /** The last lines of influxd's log (its stderr). */
  logTail(lines?: number): string;
}

export interface InfluxResult {
  error?: string;
  series?: { name: string; columns: string[]; values: unknown[][] }[];
}

export const INFLUXD_NOT_FOUND =
  'InfluxDB 1.x server not found: run `sudo apt-get install influxdb influxdb-client` or `npm run test:setup`';

// influxd 1.6 opens its shards and replays the WAL before it answers /ping; on 2 slow cores that
// can take several seconds after a restart.
const READY_TIMEOUT_MS = 20_000;
// influxd waits for in-flight requests on SIGTERM; it is normally gone in well under a second.
const STOP_TIMEOUT_MS = 15_000;
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
  const dataDir = options.dataDir ?? tempDir('influxdb');
  const confFile = join(dataDir, 'influxdb.conf');
  const [port, rpcPort] = await freePorts(2);
  try {
    await mkdir(dataDir, { recursive: true });
    await writeFile(confFile, configFile(dataDir, port, rpcPort), { mode: 0o600 });
  } catch (err) {
    if (ownsDir) await removeDir(dataDir);
    throw err;
  }
  const url = `http://127.0.0.1:${port}`;
  const server = childServer({
    name: 'influxd',
    command: influxd,
    args: ['-config', confFile],
    logFile: join(dataDir, 'influxd.log'),
    isReady: () => pingOk(url),
    readyWhen: `answer GET ${url}/ping with 204`,
    readyTimeoutMs: READY_TIMEOUT_MS,
    stopGraceMs: STOP_TIMEOUT_MS,
  });

  const destroy = async (): Promise<void> => {
    await server.stop();
    if (ownsDir) await removeDir(dataDir);
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

  const query = async (database: string, q: string): Promise<InfluxResult[]> => {
    const res = await fetch(`${url}/query`, {
      method: 'POST',
      body: new URLSearchParams({ db: database, q, epoch: 'ms' }),
      signal: AbortSignal.timeout(60_000),
    });
    const body = (await res.json()) as { results?: InfluxResult[]; error?: string };
    if (!res.ok || body.error)
      throw new Error(`InfluxDB /query ${q}: HTTP ${res.status} ${body.error ?? ''}`);
    return body.results ?? [];
  };

  try {
    await server.start();
  } catch (err) {
    if (ownsDir) await removeDir(dataDir);
    throw err;
  }

  return {
    url,
    port,
    dataDir,
    get pid() {
      return server.process?.pid;
    },
    stop: server.stop,
    start: server.start,
    destroy,
    cli,
    query,
    logTail: server.logTail,
  };
}

// InfluxDB 1.x (Debian's 1.6.7) for the benchmark: its own config and data dir, HTTP and RPC on
// free loopback ports. The same settings as test/support/influxdb-server.ts, which `nest build`
// does not compile (test/ is not in tsconfig.build.json), kept to what the benchmark needs.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { delay, freePorts, removeDir, stopChild, trackChild, trackDir } from './processes';

export interface Influxd {
  url: string;
  pid: number;
  /** SIGTERM, wait, remove the data dir. */
  destroy(): Promise<void>;
  /** An InfluxQL query through HTTP /query; 1.x reports errors as HTTP 200 with `error`. */
  query(database: string, q: string): Promise<InfluxResult[]>;
  logTail(): string;
}

export interface InfluxResult {
  error?: string;
  series?: { name: string; columns: string[]; values: unknown[][] }[];
}

const INFLUXD = '/usr/bin/influxd';

function config(dir: string, httpPort: number, rpcPort: number): string {
  const q = (s: string) => JSON.stringify(s);
  return `reporting-disabled = true
bind-address = ${q(`127.0.0.1:${rpcPort}`)}
[meta]
  dir = ${q(join(dir, 'meta'))}
  logging-enabled = false
[data]
  dir = ${q(join(dir, 'data'))}
  wal-dir = ${q(join(dir, 'wal'))}
  index-version = "inmem"
  wal-fsync-delay = "0s"
  query-log-enabled = false
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
[logging]
  level = "warn"
  suppress-logo = true
[continuous_queries]
  enabled = false
`;
}

export async function startInfluxd(): Promise<Influxd> {
  const dir = trackDir(await mkdtemp(join(tmpdir(), 'jct-bench-influxdb-')));
  const [httpPort, rpcPort] = await freePorts(2);
  const confFile = join(dir, 'influxdb.conf');
  const logFile = join(dir, 'influxd.log');
  await writeFile(confFile, config(dir, httpPort, rpcPort));
  const url = `http://127.0.0.1:${httpPort}`;
  const logFd = openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    child = trackChild(spawn(INFLUXD, ['-config', confFile], { stdio: ['ignore', logFd, logFd] }));
  } finally {
    closeSync(logFd);
  }
  let exit: string | undefined;
  child.once('exit', (code, signal) => (exit = `exited (code ${code}, signal ${signal})`));
  child.once('error', (error) => (exit = `failed to start: ${error.message}`));
  const logTail = () => {
    try {
      return readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
    } catch {
      return '(no log)';
    }
  };
  const destroy = async () => {
    await stopChild(child);
    await removeDir(dir);
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exit) {
      const tail = logTail();
      await removeDir(dir);
      throw new Error(`influxd ${exit}\n${tail}`);
    }
    try {
      const res = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(1_000) });
      await res.arrayBuffer();
      if (res.status === 204) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      const tail = logTail();
      await destroy();
      throw new Error(`influxd did not answer ${url}/ping within 30 s\n${tail}`);
    }
    await delay(100);
  }

  const query = async (database: string, q: string): Promise<InfluxResult[]> => {
    const params = new URLSearchParams({ db: database, q, epoch: 'ms' });
    const res = await fetch(`${url}/query`, {
      method: 'POST',
      body: params,
      signal: AbortSignal.timeout(60_000),
    });
    const body = (await res.json()) as { results?: InfluxResult[]; error?: string };
    if (!res.ok || body.error)
      throw new Error(`InfluxDB /query ${q}: HTTP ${res.status} ${body.error ?? ''}`);
    return body.results ?? [];
  };

  return { url, pid: child.pid!, destroy, query, logTail };
}

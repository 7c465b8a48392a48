// A real PostgreSQL server (Debian's postgresql-15) for tests and benchmarks: `initdb` into a temp
// folder, the postmaster on a free loopback port with its unix socket in that folder, trust
// authentication for loopback only, fsync and synchronous commit on (the durability the state
// store promises is PostgreSQL's, so the tests must not switch it off). The package's own cluster
// is never touched. Tests that need it fail loudly when PostgreSQL is missing; they never skip.
import { execFile, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { chown, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { childServer } from './child-server';
import { removeDir, tempDir } from './cleanup';
import { findExecutable, freePort } from './ports';

export interface PostgresServerOptions {
  /** Folder for data/, socket/ and postgres.log; a fresh temp dir when omitted. */
  dir?: string;
}

export interface PostgresTestServer {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` */
  readonly url: string;
  readonly port: number;
  /** Holds data/ (the cluster), socket/ and postgres.log. */
  readonly dir: string;
  /** The postmaster's pid while it runs. */
  readonly pid: number | undefined;
  /** Fast shutdown (SIGINT: open sessions are cut, everything committed is on disk). */
  stop(): Promise<void>;
  /** Start again on the same port and cluster. */
  start(): Promise<void>;
  /** A crash: SIGKILL the postmaster and every backend; start() then runs WAL recovery. */
  crash(): Promise<void>;
  /** SIGSTOP the postmaster and every backend: connections stay open and nothing answers. */
  pause(): void;
  /** SIGCONT what pause() stopped. */
  resume(): void;
  /** stop() and remove the folder if this helper created it. */
  destroy(): Promise<void>;
  /** Creates an empty database and returns its URL (one per test file keeps tests apart). */
  createDatabase(name: string): Promise<string>;
  /** Runs SQL with the real `psql` and returns its unaligned, tuples-only output. */
  psql(sql: string, database?: string): Promise<string>;
  logTail(lines?: number): string;
}

export const POSTGRES_NOT_FOUND =
  'PostgreSQL 15 server not found: run `sudo apt-get install postgresql-15` or `npm run test:setup`';

// Debian installs the server binaries off PATH, one folder per major version.
const DEBIAN_BIN = '/usr/lib/postgresql';
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;
const PSQL_TIMEOUT_MS = 30_000;

/** initdb, postgres and pg_isready from the newest Debian version folder, else from PATH. */
function findBinaries(): { initdb: string; postgres: string; pgIsReady: string } | undefined {
  let versions: string[] = [];
  try {
    versions = readdirSync(DEBIAN_BIN).sort((a, b) => Number(b) - Number(a));
  } catch {
    // not a Debian layout
  }
  for (const version of versions) {
    const bin = join(DEBIAN_BIN, version, 'bin');
    const found = spawnSync(join(bin, 'postgres'), ['--version']);
    if (found.status === 0)
      return {
        initdb: join(bin, 'initdb'),
        postgres: join(bin, 'postgres'),
        pgIsReady: join(bin, 'pg_isready'),
      };
  }
  const initdb = findExecutable('initdb');
  const postgres = findExecutable('postgres');
  const pgIsReady = findExecutable('pg_isready');
  return initdb && postgres && pgIsReady ? { initdb, postgres, pgIsReady } : undefined;
}

/**
 * PostgreSQL refuses to run as root. Under root (our CI containers) the cluster runs as the
 * `postgres` user the Debian package creates; otherwise as the current user.
 */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0)
    throw new Error(
      `PostgreSQL refuses to run as root and there is no user "postgres": ${POSTGRES_NOT_FOUND}`,
    );
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function run(command: string, args: string[], options: { uid?: number; gid?: number; cwd: string }) {
  return new Promise<string>((resolve, reject) => {
    execFile(
      command,
      args,
      { ...options, timeout: PSQL_TIMEOUT_MS, encoding: 'utf8' },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`${command} ${args.join(' ')} failed: ${err.message}\n${stderr}${stdout}`));
        else resolve(stdout);
      },
    );
  });
}

/** The postmaster's children (backends, checkpointer, WAL writer …) from /proc. */
function childPids(parent: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/PID/stat is the parent pid; the name in field 2 may hold spaces.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

function signalAll(postmaster: number | undefined, signal: NodeJS.Signals): void {
  if (postmaster === undefined) return;
  for (const pid of [postmaster, ...childPids(postmaster)]) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

export async function startPostgres(options: PostgresServerOptions = {}): Promise<PostgresTestServer> {
  const bin = findBinaries();
  if (!bin) throw new Error(POSTGRES_NOT_FOUND);
  const psqlBin = findExecutable('psql');
  if (!psqlBin) throw new Error(POSTGRES_NOT_FOUND);
  const user = serverUser();

  const ownsDir = options.dir === undefined;
  const dir = options.dir ?? tempDir('postgres');
  const dataDir = join(dir, 'data');
  const socketDir = join(dir, 'socket');
  const port = await freePort();
  try {
    await mkdir(socketDir, { recursive: true });
    if (user) {
      await chown(dir, user.uid, user.gid);
      await chown(socketDir, user.uid, user.gid);
    }
    // --no-sync only skips flushing the freshly made template files (a machine crash ends the
    // test anyway); the server itself runs with fsync on.
    await run(
      bin.initdb,
      [
        '-D',
        dataDir,
        '-U',
        'postgres',
        '--auth=trust',
        '--encoding=UTF8',
        '--locale=C',
        '--no-sync',
        '--no-instructions',
      ],
      { ...user, cwd: dir },
    );
  } catch (err) {
    if (ownsDir) await removeDir(dir);
    throw err;
  }

  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const server = childServer({
    name: 'postgres',
    command: bin.postgres,
    args: [
      ['-D', dataDir],
      // TCP on loopback only (initdb's --auth=trust covers local and loopback host lines).
      ['-c', 'listen_addresses=127.0.0.1'],
      ['-c', `port=${port}`],
      ['-c', `unix_socket_directories=${socketDir}`],
      ['-c', 'fsync=on'],
      ['-c', 'synchronous_commit=on'],
      ['-c', 'full_page_writes=on'],
      // Small: several of these run at once on a 2-core test machine.
      ['-c', 'shared_buffers=16MB'],
      ['-c', 'max_connections=60'],
      ['-c', 'logging_collector=off'],
    ].flat(),
    ...user,
    cwd: dir,
    logFile: join(dir, 'postgres.log'),
    isReady: async () => {
      await run(bin.pgIsReady, ['-q', '-h', '127.0.0.1', '-p', String(port)], { cwd: dir });
      return true;
    },
    readyWhen: `accept connections on 127.0.0.1:${port}`,
    readyTimeoutMs: READY_TIMEOUT_MS,
    stopGraceMs: STOP_TIMEOUT_MS,
  });

  const psql = (sql: string, database = 'postgres'): Promise<string> =>
    run(
      psqlBin,
      [
        '-X',
        '-q',
        '-At',
        '-v',
        'ON_ERROR_STOP=1',
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        'postgres',
        '-d',
        database,
        '-c',
        sql,
      ],
      { cwd: dir },
    );

  const stop = async (): Promise<void> => {
    // SIGTERM would wait for every client to disconnect ("smart" shutdown).
    await server.kill('SIGINT');
  };

  const crash = async (): Promise<void> => {
    const postmaster = server.process?.pid;
    const backends = postmaster === undefined ? [] : childPids(postmaster);
    await server.kill('SIGKILL');
    for (const pid of backends) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };

  const destroy = async (): Promise<void> => {
    signalAll(server.process?.pid, 'SIGCONT');
    await stop();
    if (ownsDir) await removeDir(dir);
  };

  try {
    await server.start();
  } catch (err) {
    if (ownsDir) await removeDir(dir);
    throw err;
  }

  return {
    url,
    port,
    dir,
    get pid() {
      return server.process?.pid;
    },
    stop,
    start: server.start,
    crash,
    pause: () => signalAll(server.process?.pid, 'SIGSTOP'),
    resume: () => signalAll(server.process?.pid, 'SIGCONT'),
    destroy,
    createDatabase: async (name) => {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      await psql(`CREATE DATABASE ${name}`);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    psql,
    logTail: server.logTail,
  };
}

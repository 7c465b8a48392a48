// A real Mosquitto 2 broker for integration tests: its own config, password file, ACL,
// persistence directory and log in a temp dir, on a free loopback port. Tests that need it fail
// loudly when Mosquitto is missing; they never skip.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { findExecutable, freePort } from './ports';

export interface MosquittoUser {
  username: string;
  password: string;
}

export interface MosquittoOptions {
  /** When given, anonymous clients are refused and these users are written to a password file. */
  users?: MosquittoUser[];
  /** Contents of an ACL file (mosquitto `acl_file` syntax). */
  aclFile?: string;
}

export interface MosquittoTestServer {
  /** `mqtt://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  /** The temp dir holding mosquitto.conf, passwd, acl, mosquitto.db and mosquitto.log. */
  readonly dir: string;
  /** SIGTERM and wait for the process to exit (Mosquitto saves its persistence file then). */
  stop(): Promise<void>;
  /** Start again on the same port and directory (persistent sessions survive). */
  start(): Promise<void>;
  /** stop() and remove the temp dir. */
  destroy(): Promise<void>;
  /** The last lines of the broker's log file and of its stderr. */
  logTail(lines?: number): string;
}

export const MOSQUITTO_NOT_FOUND =
  'Mosquitto not found: run `sudo apt-get install mosquitto mosquitto-clients` or `npm run test:setup`';

const READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 10_000;
const POLL_INTERVAL_MS = 50;

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const done = (ok: boolean): void => {
      socket.removeAllListeners();
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
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

function writePasswordFile(mosquittoPasswd: string, file: string, users: MosquittoUser[]): void {
  users.forEach((user, i) => {
    // -c creates (truncates) the file for the first user; -b takes the password from the command line.
    const args =
      i === 0 ? ['-c', '-b', file, user.username, user.password] : ['-b', file, user.username, user.password];
    const result = spawnSync(mosquittoPasswd, args, { encoding: 'utf8' });
    if (result.error || result.status !== 0) {
      throw new Error(
        `mosquitto_passwd failed for user ${user.username}: ${result.error?.message ?? ''}${result.stderr ?? ''}${result.stdout ?? ''}`,
      );
    }
  });
}

export async function startMosquitto(options: MosquittoOptions = {}): Promise<MosquittoTestServer> {
  const mosquitto = findExecutable('mosquitto');
  if (!mosquitto) throw new Error(MOSQUITTO_NOT_FOUND);
  const users = options.users ?? [];
  const mosquittoPasswd = users.length > 0 ? findExecutable('mosquitto_passwd') : undefined;
  if (users.length > 0 && !mosquittoPasswd) throw new Error(MOSQUITTO_NOT_FOUND);

  const dir = await mkdtemp(join(tmpdir(), 'jct-mosquitto-'));
  const port = await freePort();
  const confFile = join(dir, 'mosquitto.conf');
  const logFile = join(dir, 'mosquitto.log');
  const passwordFile = join(dir, 'passwd');
  const aclFile = join(dir, 'acl');

  try {
    const conf = [
      // Started as root, Mosquitto drops to user "mosquitto", which cannot read this 0700 temp dir;
      // naming the current user keeps it as is (ignored when not root).
      `user ${userInfo().username}`,
      `listener ${port} 127.0.0.1`,
      'persistence true',
      `persistence_location ${dir}/`,
      'persistence_file mosquitto.db',
      // A persistent session must be able to hold a large backlog while its subscriber is away.
      'max_queued_messages 1000000',
      'max_queued_bytes 0',
      'max_inflight_messages 100',
      `log_dest file ${logFile}`,
      'log_type error',
      'log_type warning',
      'log_type notice',
      'log_type information',
      'connection_messages true',
      'log_timestamp true',
    ];
    if (users.length > 0) {
      writePasswordFile(mosquittoPasswd as string, passwordFile, users);
      // Mosquitto >= 2.0.16 warns about password/ACL files readable by others.
      await chmod(passwordFile, 0o600);
      conf.push('allow_anonymous false', `password_file ${passwordFile}`);
    } else {
      conf.push('allow_anonymous true');
    }
    if (options.aclFile !== undefined) {
      await writeFile(aclFile, options.aclFile.endsWith('\n') ? options.aclFile : `${options.aclFile}\n`, {
        mode: 0o600,
      });
      conf.push(`acl_file ${aclFile}`);
    }
    await writeFile(confFile, `${conf.join('\n')}\n`, { mode: 0o600 });
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }

  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let output = '';

  const readLog = (): string => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');

  const logTail = (lines = 40): string => {
    const parts = [`--- ${logFile} ---\n${tail(readLog(), lines)}`];
    if (output.trim()) parts.push(`--- mosquitto stdout/stderr ---\n${tail(output, lines)}`);
    return parts.join('\n');
  };

  const start = async (): Promise<void> => {
    if (child) throw new Error('mosquitto is already running');
    const proc = spawn(mosquitto, ['-c', confFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    // Never leave an orphaned broker behind if the test process exits without destroy().
    const killOnExit = (): void => {
      proc.kill('SIGKILL');
    };
    process.once('exit', killOnExit);
    let exitInfo: string | undefined;
    exited = new Promise<void>((resolve) => {
      proc.once('exit', (code, signal) => {
        exitInfo = `exited with code ${code} signal ${signal}`;
        process.removeListener('exit', killOnExit);
        if (child === proc) child = undefined;
        resolve();
      });
    });
    let spawnError: Error | undefined;
    proc.once('error', (err) => {
      spawnError = err;
      exitInfo = `failed to start: ${err.message}`;
      process.removeListener('exit', killOnExit);
      if (child === proc) child = undefined;
    });
    proc.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    proc.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));

    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (exitInfo !== undefined || spawnError) {
        throw new Error(`mosquitto ${exitInfo}\n${logTail()}`);
      }
      // The connect must reach our broker: if another process took the port, mosquitto exits.
      if ((await canConnect(port)) && exitInfo === undefined) return;
      if (Date.now() > deadline) {
        await stop();
        throw new Error(
          `mosquitto did not accept connections on port ${port} within ${READY_TIMEOUT_MS} ms\n${logTail()}`,
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
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await start();
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }

  return { url: `mqtt://127.0.0.1:${port}`, port, dir, stop, start, destroy, logTail };
}

// A real Mosquitto 2 broker for tests: its own config, password file, ACL, persistence directory
// and log in a temp dir, on a free loopback port. Tests that need it fail loudly when Mosquitto
// is missing; they never skip.
import { spawnSync } from 'node:child_process';
import { chmod, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { childServer, fileTail } from './child-server';
import { removeDir, tempDir } from './cleanup';
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
  /** SIGHUP: Mosquitto reads its password and ACL files again (and drops clients they no longer allow). */
  reload(): void;
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

  const dir = tempDir('mosquitto');
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
    await removeDir(dir);
    throw err;
  }

  const server = childServer({
    name: 'mosquitto',
    command: mosquitto,
    args: ['-c', confFile],
    logFile: join(dir, 'mosquitto.out'),
    isReady: () => canConnect(port),
    readyWhen: `accept connections on port ${port}`,
    readyTimeoutMs: READY_TIMEOUT_MS,
    pollMs: POLL_INTERVAL_MS,
    stopGraceMs: STOP_TIMEOUT_MS,
  });
  // Its own log (log_dest) and what it printed before it could open that.
  const logTail = (lines = 40): string => `${fileTail(logFile, lines)}\n${server.logTail(lines)}`;

  const destroy = async (): Promise<void> => {
    await server.stop();
    await removeDir(dir);
  };

  try {
    await server.start();
  } catch (err) {
    await removeDir(dir);
    throw err;
  }

  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    dir,
    stop: server.stop,
    start: server.start,
    destroy,
    reload: () => server.process?.kill('SIGHUP'),
    logTail,
  };
}

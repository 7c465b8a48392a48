// One lifecycle for every server a test or benchmark runs as a child process (influxd, mosquitto,
// the built service): spawn with its output in a log file, wait until a readiness condition holds
// (bounded), quote the log when it fails to start, stop with SIGTERM and SIGKILL after a grace
// period, start again on the same files.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { stopChild, trackChild } from './cleanup';
import { delay } from './wait';

export interface ChildServerSpec {
  /** For messages: "influxd", "the service". */
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Run as this user and group (PostgreSQL refuses to run as root). */
  uid?: number;
  gid?: number;
  /**
   * stdout and stderr are appended here: a file rather than a pipe, so the log is complete even
   * when nobody reads it, and a failed start can quote it.
   */
  logFile: string;
  /** The readiness condition, checked every `pollMs` until `readyTimeoutMs`. */
  isReady(): Promise<boolean>;
  /** What isReady() checks, for the error message: "answer GET /ping with 204". */
  readyWhen: string;
  readyTimeoutMs: number;
  pollMs?: number;
  /** After SIGTERM, how long before SIGKILL. */
  stopGraceMs: number;
}

export interface ChildServer {
  readonly process: ChildProcess | undefined;
  /** Spawns and waits until ready; on failure the process is gone and the error quotes its log. */
  start(): Promise<void>;
  /** SIGTERM, SIGKILL after the grace period; resolves when the process is gone. */
  stop(): Promise<void>;
  /** Sends `signal` (SIGKILL for a crash) and waits for the process to exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
  logTail(lines?: number): string;
}

export function tail(text: string, lines: number): string {
  return text
    .split('\n')
    .slice(-lines - 1)
    .join('\n');
}

export function fileTail(file: string, lines: number): string {
  return `--- ${file} ---\n${existsSync(file) ? tail(readFileSync(file, 'utf8'), lines) : '(no log)'}`;
}

export function childServer(spec: ChildServerSpec): ChildServer {
  let child: ChildProcess | undefined;

  const logTail = (lines = 40): string => fileTail(spec.logFile, lines);

  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    const proc = child;
    if (!proc) return;
    await stopChild(proc, signal, spec.stopGraceMs);
    if (child === proc) child = undefined;
  };

  const start = async (): Promise<void> => {
    if (child) throw new Error(`${spec.name} is already running`);
    const logFd = openSync(spec.logFile, 'a');
    let proc: ChildProcess;
    try {
      proc = spawn(spec.command, spec.args, {
        env: spec.env,
        cwd: spec.cwd,
        uid: spec.uid,
        gid: spec.gid,
        stdio: ['ignore', logFd, logFd],
      });
    } finally {
      closeSync(logFd);
    }
    trackChild(proc);
    child = proc;
    let exitInfo: string | undefined;
    const gone = (info: string) => {
      exitInfo = info;
      if (child === proc) child = undefined;
    };
    proc.once('exit', (code, signal) => gone(`exited with code ${code} signal ${signal}`));
    proc.once('error', (error) => gone(`failed to start: ${error.message}`));

    const deadline = Date.now() + spec.readyTimeoutMs;
    for (;;) {
      if (exitInfo !== undefined) throw new Error(`${spec.name} ${exitInfo}\n${logTail()}`);
      // Ready only if it is still ours: when another process holds the port, ours exits.
      if ((await spec.isReady().catch(() => false)) && exitInfo === undefined) return;
      if (Date.now() > deadline) {
        await kill('SIGTERM');
        throw new Error(
          `${spec.name} did not ${spec.readyWhen} within ${spec.readyTimeoutMs} ms\n${logTail()}`,
        );
      }
      await delay(spec.pollMs ?? 100);
    }
  };

  return {
    get process() {
      return child;
    },
    start,
    stop: () => kill('SIGTERM'),
    kill,
    logTail,
  };
}

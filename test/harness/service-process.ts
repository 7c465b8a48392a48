// The built service (dist/) as a child process, started as a user would start it, on private
// ports and its own DATA_DIR. End-to-end tests and benchmarks use it; restart by starting again
// with the same dataDir (and ports, so reconnecting clients find it where it was).
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { childServer } from './child-server';
import { removeDir, tempDir } from './cleanup';
import { BUILT_SERVICE, REPO_ROOT } from './paths';
import { serviceEnv, servicePorts } from './service-env';

export interface ServiceProcess {
  readonly httpUrl: string;
  readonly mqttUrl: string;
  readonly dataDir: string;
  readonly process: ChildProcess;
  readonly pid: number;
  /** The last lines the service printed (stdout and stderr). */
  logTail(lines?: number): string;
  /** Sends a signal (SIGKILL for a crash) and waits for the process to exit; DATA_DIR stays. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** SIGTERM, wait, remove DATA_DIR unless it was given. */
  destroy(): Promise<void>;
}

export interface ServiceProcessOptions {
  /** Keep a data dir across a restart; a fresh temp dir when omitted. */
  dataDir?: string;
  httpPort?: number;
  mqttPort?: number;
  /** Node flags before the script, e.g. how the product starts it (apps/service/src/runtime.ts). */
  nodeArgs?: string[];
  /** Where stdout and stderr go; a temp file when omitted. */
  logFile?: string;
  /** How long it may take to answer GET /health with 200. */
  readyTimeoutMs?: number;
}

async function healthy(httpUrl: string): Promise<boolean> {
  const res = await fetch(`${httpUrl}/health`, { signal: AbortSignal.timeout(2_000) });
  await res.arrayBuffer();
  return res.status === 200;
}

/** `env` adds to and overrides the environment of service-env.ts; nothing else is inherited but PATH. */
export async function startService(
  env: Record<string, string> = {},
  options: ServiceProcessOptions = {},
): Promise<ServiceProcess> {
  if (!existsSync(BUILT_SERVICE))
    throw new Error(`${BUILT_SERVICE} is missing: run \`npm run build\` before the end-to-end tests`);
  const dataDir = options.dataDir ?? tempDir('service-data');
  const logDir = options.logFile ? undefined : tempDir('service-log');
  const ports = await servicePorts({ http: options.httpPort, mqtt: options.mqttPort });
  const httpUrl = `http://127.0.0.1:${ports.http}`;
  const server = childServer({
    name: 'the service',
    command: process.execPath,
    args: [...(options.nodeArgs ?? []), BUILT_SERVICE],
    env: { PATH: process.env.PATH, ...serviceEnv({ ports, dataDir }), ...env },
    cwd: REPO_ROOT,
    logFile: options.logFile ?? join(logDir!, 'service.log'),
    isReady: () => healthy(httpUrl),
    readyWhen: 'answer GET /health with 200',
    readyTimeoutMs: options.readyTimeoutMs ?? 60_000,
    // A graceful shutdown flushes the spool and closes the stores; give it time before SIGKILL.
    stopGraceMs: 20_000,
  });
  const removeLog = async () => {
    if (logDir) await removeDir(logDir);
  };
  const removeDirs = async () => {
    if (!options.dataDir) await removeDir(dataDir);
    await removeLog();
  };
  try {
    await server.start();
  } catch (error) {
    await removeDirs();
    throw error;
  }
  const child = server.process!;
  return {
    httpUrl,
    mqttUrl: `mqtt://127.0.0.1:${ports.mqtt}`,
    dataDir,
    process: child,
    pid: child.pid!,
    logTail: server.logTail,
    // A crash keeps DATA_DIR for the restart that follows; the log goes with the process.
    kill: async (signal) => {
      await server.kill(signal);
      await removeLog();
    },
    destroy: async () => {
      await server.stop();
      await removeDirs();
    },
  };
}

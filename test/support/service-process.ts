import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHIPPED_SITE_CONFIG } from './devices';
import { freePort } from './ports';
import { withKey } from './api-keys';
import { waitFor } from './wait';

const MAIN = join(__dirname, '..', '..', 'dist', 'apps', 'service', 'src', 'main.js');

export interface ServiceProcess {
  readonly httpUrl: string;
  readonly mqttUrl: string;
  readonly dataDir: string;
  readonly process: ChildProcess;
  output(): string;
  /** Sends a signal and waits for the process to exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** SIGTERM, wait, remove DATA_DIR unless it was given. */
  destroy(): Promise<void>;
}

/**
 * The built service (dist/), started as a user would start it, on private ports. Restart by
 * starting again with the same dataDir.
 */
export async function startService(
  env: Record<string, string> = {},
  options: { dataDir?: string; httpPort?: number; mqttPort?: number } = {},
): Promise<ServiceProcess> {
  if (!existsSync(MAIN))
    throw new Error(`${MAIN} is missing: run \`npm run build\` before the end-to-end tests`);
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'jct-e2e-'));
  // A restart may keep its ports, so clients that reconnect find it where it was.
  const [httpPort, mqttPort, wsPort] = [
    options.httpPort ?? (await freePort()),
    options.mqttPort ?? (await freePort()),
    await freePort(),
  ];
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      HTTP_PORT: String(httpPort),
      HTTP_HOST: '127.0.0.1',
      MQTT_PORT: String(mqttPort),
      MQTT_WS_PORT: String(wsPort),
      MQTT_HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SITE_CONFIG: SHIPPED_SITE_CONFIG,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const httpUrl = `http://127.0.0.1:${httpPort}`;
  const service: ServiceProcess = {
    httpUrl,
    mqttUrl: `mqtt://127.0.0.1:${mqttPort}`,
    dataDir,
    process: child,
    output: () => output,
    kill: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
    destroy: async () => {
      await service.kill('SIGTERM');
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await waitFor(
      'the service to answer /health',
      async () => {
        if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
        return (await fetch(`${httpUrl}/health`)).status === 200;
      },
      30_000,
      100,
    );
  } catch (error) {
    await service.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n--- service output ---\n${output.slice(-3000)}`, {
      cause: error,
    });
  }
  return service;
}

/** How many points of one metric a device has in the store, through the HTTP API. */
export async function storedCount(
  httpUrl: string,
  deviceId: string,
  metric: string,
  from: number,
  to: number,
): Promise<number> {
  const response = await fetch(
    `${httpUrl}/api/devices/${deviceId}/telemetry?metric=${metric}&from=${from}&to=${to}&every=1d`,
    withKey('engineer'),
  );
  if (response.status !== 200) throw new Error(`telemetry query answered ${response.status}`);
  const body = (await response.json()) as { windows: { count: number }[] };
  return body.windows.reduce((sum, window) => sum + window.count, 0);
}

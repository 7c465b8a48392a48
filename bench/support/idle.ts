// The idle phase of the ingest benchmark: N devices connected, no traffic. What a service does
// at rest (timers, keep-alives, metric sampling) is paid around the clock, so it is measured too;
// so is the resident memory each connection adds.
import { connectAsync, type MqttClient } from 'mqtt';
import { delay } from '../../test/harness/wait';
import { cpuSecondsOf, memoryOf } from './resources';
import type { BenchDevice } from './site-config';

export interface IdleResult {
  devices: number;
  seconds: number;
  serviceCpuS: number;
  /** Service CPU ÷ wall time: 0.01 is 1 % of one core. */
  coreShare: number;
  rssBeforeBytes: number;
  rssConnectedBytes: number;
  /** (RSS connected − RSS before) ÷ devices. */
  rssPerConnectionBytes: number;
}

/** Connects every device (8 at a time: each CONNECT costs the broker a scrypt check). */
async function connectDevices(url: string, devices: BenchDevice[]): Promise<MqttClient[]> {
  const clients: MqttClient[] = [];
  let next = 0;
  const worker = async () => {
    while (next < devices.length) {
      const { id, password } = devices[next++];
      clients.push(
        await connectAsync(url, {
          clientId: id,
          username: id,
          password,
          protocolVersion: 4,
          reconnectPeriod: 0,
          connectTimeout: 60_000,
          keepalive: 60,
        }),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, devices.length) }, worker));
  return clients;
}

export async function runIdle(
  service: { pid: number; mqttUrl: string },
  devices: BenchDevice[],
  seconds: number,
): Promise<IdleResult> {
  const rssBeforeBytes = memoryOf(service.pid)?.rssBytes ?? NaN;
  const clients = await connectDevices(service.mqttUrl, devices);
  try {
    // Let the connection burst (scrypt checks, garbage collection) settle before measuring rest.
    await delay(3_000);
    const before = cpuSecondsOf(service.pid);
    const startedAt = Date.now();
    await delay(seconds * 1000);
    const after = cpuSecondsOf(service.pid);
    const wallS = (Date.now() - startedAt) / 1000;
    if (before === undefined || after === undefined) throw new Error('cannot read the service CPU time');
    const rssConnectedBytes = memoryOf(service.pid)?.rssBytes ?? NaN;
    return {
      devices: devices.length,
      seconds: wallS,
      serviceCpuS: after - before,
      coreShare: (after - before) / wallS,
      rssBeforeBytes,
      rssConnectedBytes,
      rssPerConnectionBytes: (rssConnectedBytes - rssBeforeBytes) / devices.length,
    };
  } finally {
    await Promise.all(clients.map((client) => client.endAsync().catch(() => undefined)));
  }
}

export function idleLine(idle: IdleResult | { error: string } | undefined): string {
  if (!idle) return 'Idle: not run';
  if ('error' in idle) return `Idle: error: ${idle.error}`;
  return (
    `Idle (${idle.devices} devices connected, no traffic, ${idle.seconds.toFixed(0)} s): service CPU ` +
    `${(idle.coreShare * 100).toFixed(2)} % of one core; RSS ${(idle.rssBeforeBytes / 2 ** 20).toFixed(0)} MB → ` +
    `${(idle.rssConnectedBytes / 2 ** 20).toFixed(0)} MB connected, ${(idle.rssPerConnectionBytes / 1024).toFixed(1)} KB per connection`
  );
}

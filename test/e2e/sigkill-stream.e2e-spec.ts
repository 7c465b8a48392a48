// The built service with its embedded broker, killed with SIGKILL at random points (three times)
// under a QoS 1 stream from a publisher that resends whatever was not acknowledged: it starts
// every time, and every reading is stored exactly once.
import fc from 'fast-check';
import { connectAsync, type MqttClient } from 'mqtt';
import { devSecret, reading } from '../support/devices';
import { freePort } from '../harness/ports';
import { startService, type ServiceProcess } from '../harness/service-process';
import { storedCount } from '../support/telemetry';
import { waitFor } from '../harness/wait';

const READINGS = 3000;
const KILLS = 3;

/** Publishes message i until a PUBACK for it arrives, across disconnects and restarts. */
async function publishUntilAcknowledged(client: MqttClient, topic: string, payload: string): Promise<void> {
  for (;;) {
    const acknowledged = await Promise.race([
      client.publishAsync(topic, payload, { qos: 1 }).then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3000)),
    ]);
    if (acknowledged) return;
    await waitFor('the device to reconnect', () => client.connected, 30_000, 50);
  }
}

describe('SIGKILL under a QoS 1 stream (embedded broker)', () => {
  let service: ServiceProcess | undefined;
  afterAll(async () => service?.destroy());

  it(`${KILLS} kills at random points: every reading stored exactly once`, async () => {
    const [httpPort, mqttPort] = [await freePort(), await freePort()];
    service = await startService({ SPOOL_FSYNC_MS: '100' }, { httpPort, mqttPort });
    const dataDir = service.dataDir;
    const device = await connectAsync(service.mqttUrl, {
      clientId: 'CONT-03',
      username: 'CONT-03',
      password: devSecret('CONT-03'),
      protocolVersion: 4,
      reconnectPeriod: 100,
    });
    device.on('error', () => undefined); // refused while the service is down: it reconnects
    const base = Date.now() - 600_000;
    let acknowledged = 0;
    let next = 0;
    const worker = async () => {
      while (next < READINGS) {
        const i = next++;
        const payload = reading({ tempC: 4 + (i % 7) / 10 }, base + i);
        await publishUntilAcknowledged(device, 'devices/CONT-03/telemetry', payload);
        acknowledged++;
      }
    };
    const stream = Promise.all(Array.from({ length: 20 }, worker));
    const killAfter = fc.sample(fc.integer({ min: 100, max: READINGS / KILLS - 100 }), KILLS);
    try {
      for (const [k, after] of killAfter.entries()) {
        const target = (k * READINGS) / KILLS + after;
        await waitFor(`${target} readings acknowledged`, () => acknowledged >= target, 60_000, 5);
        await service.kill('SIGKILL');
        console.log(`SIGKILL ${k + 1} after ${acknowledged} acknowledged`);
        service = await startService({ SPOOL_FSYNC_MS: '100' }, { dataDir, httpPort, mqttPort });
      }
      await stream;
      const stored = await waitFor(
        'every reading stored',
        async () => {
          const n = await storedCount(service!.httpUrl, 'CONT-03', 'tempC', base, base + READINGS);
          return n === READINGS ? n : undefined;
        },
        60_000,
        200,
      );
      expect(acknowledged).toBe(READINGS);
      expect(stored).toBe(READINGS);
    } finally {
      device.end(true);
    }
  }, 240_000);
});

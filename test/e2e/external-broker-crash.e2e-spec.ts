import { connectDevice, reading } from '../support/devices';
import { mosquittoForSite, serviceMqttUrl } from '../support/mosquitto-site';
import { startMosquitto, type MosquittoTestServer } from '../harness/mosquitto';
import { publishMany } from '../support/publisher';
import { startService, type ServiceProcess } from '../harness/service-process';
import { storedCount } from '../support/telemetry';
import { waitFor } from '../harness/wait';

const READINGS = 6000;

// The service killed with SIGKILL in the middle of a QoS 1 stream through
// an external Mosquitto, then restarted: every reading the broker accepted is stored.
describe('the service behind an external Mosquitto', () => {
  let mosquitto: MosquittoTestServer;
  let service: ServiceProcess | undefined;

  beforeAll(async () => {
    mosquitto = await startMosquitto(mosquittoForSite(['CONT-01', 'CONT-02']));
  }, 30_000);
  afterAll(async () => {
    await service?.destroy();
    await mosquitto?.destroy();
  }, 30_000);

  it('stores every reading the broker accepted when killed with SIGKILL mid-stream and restarted', async () => {
    const first = await startService({ MQTT_URL: serviceMqttUrl(mosquitto.url) });
    const dataDir = first.dataDir;
    const device = await connectDevice(mosquitto.url, 'CONT-01');
    const base = Date.now() - 600_000;
    const from = base;
    const to = base + READINGS;

    let stream: Promise<number> | undefined;
    try {
      stream = publishMany(
        device,
        'devices/CONT-01/telemetry',
        READINGS,
        (i) => reading({ tempC: 4 + (i % 7) / 10 }, base + i),
        1,
        5,
      );
      // Kill once the service is visibly in the middle of the stream.
      await waitFor(
        'part of the stream stored',
        async () => (await storedCount(first.httpUrl, 'CONT-01', 'tempC', from, to)) > 500,
        30_000,
        20,
      );
      await first.kill('SIGKILL');
      const storedBeforeKill = await Promise.race([stream, Promise.resolve(-1)]);
      expect(storedBeforeKill).toBe(-1); // the stream was still running when the service died
      expect(await stream).toBe(READINGS); // Mosquitto accepted everything while the service was down

      service = await startService({ MQTT_URL: serviceMqttUrl(mosquitto.url) }, { dataDir });
      const stored = await waitFor(
        'all readings stored after the restart',
        async () => {
          const n = await storedCount(service!.httpUrl, 'CONT-01', 'tempC', from, to);
          return n === READINGS ? n : undefined;
        },
        60_000,
        200,
      );
      expect(stored).toBe(READINGS);
    } finally {
      await device.endAsync();
    }
  }, 120_000);

  it('answers a malformed payload on the device’s rejected topic through the external broker', async () => {
    service ??= await startService({ MQTT_URL: serviceMqttUrl(mosquitto.url) });
    const device = await connectDevice(mosquitto.url, 'CONT-02');
    await device.subscribeAsync('devices/CONT-02/rejected');
    const reply = new Promise<{ rejected: { code: string }[] }>((resolve) =>
      device.once('message', (_topic, payload) => resolve(JSON.parse(payload.toString()))),
    );
    await device.publishAsync(
      'devices/CONT-02/telemetry',
      JSON.stringify({ ts: Date.now(), values: { tempC: 'cold' } }),
      { qos: 1 },
    );
    expect((await reply).rejected).toEqual([
      expect.objectContaining({ code: 'wrong_type', metric: 'tempC' }),
    ]);
    await device.endAsync();
  }, 30_000);
});

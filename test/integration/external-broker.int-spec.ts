import { connectDevice, reading } from '../support/devices';
import { mosquittoForSite, serviceMqttUrl } from '../support/mosquitto-site';
import { startMosquitto, type MosquittoTestServer } from '../harness/mosquitto';
import { publishMany } from '../support/publisher';
import { storedCount } from '../support/telemetry';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../harness/wait';

// The MQTT.js consumer against a real Mosquitto: persistent session, re-subscription, restarts.
describe('ingestion through an external Mosquitto', () => {
  let mosquitto: MosquittoTestServer;
  let service: TestApp;

  beforeAll(async () => {
    mosquitto = await startMosquitto(mosquittoForSite(['CONT-01', 'CONT-02', 'GHOST-1']));
    service = await startTestApp({
      MQTT_URL: serviceMqttUrl(mosquitto.url),
      MQTT_CLIENT_ID: 'jct-ingest-test',
    });
    await waitFor(
      'the service connected',
      async () => (await fetch(`${service.httpUrl}/health`)).status === 200,
    );
  }, 30_000);
  afterAll(async () => {
    await service?.close();
    await mosquitto?.destroy();
  }, 30_000);

  it('keeps what was published while the service was stopped and stores it after a restart', async () => {
    const base = Date.now() - 120_000;
    await service.stop();
    const device = await connectDevice(mosquitto.url, 'CONT-01');
    expect(
      await publishMany(device, 'devices/CONT-01/telemetry', 500, (i) =>
        reading({ humidityPct: 40 + (i % 20) }, base + i),
      ),
    ).toBe(500);
    await device.endAsync();

    service = await startTestApp(
      { MQTT_URL: serviceMqttUrl(mosquitto.url), MQTT_CLIENT_ID: 'jct-ingest-test' },
      { dataDir: service.dataDir },
    );
    await waitFor(
      'the 500 readings kept by the broker',
      async () => (await storedCount(service.httpUrl, 'CONT-01', 'humidityPct', base, base + 500)) === 500,
      20_000,
    );
  }, 60_000);

  it('re-subscribes after the broker itself restarts', async () => {
    await mosquitto.stop();
    await waitFor(
      'health to report the broker down',
      async () => (await fetch(`${service.httpUrl}/health`)).status === 503,
    );
    await mosquitto.start();
    await waitFor(
      'the service back on the broker',
      async () => (await fetch(`${service.httpUrl}/health`)).status === 200,
      20_000,
      100,
    );
    const device = await connectDevice(mosquitto.url, 'CONT-02');
    const ts = Date.now();
    await device.publishAsync('devices/CONT-02/telemetry', reading({ tempC: 2.5 }, ts), { qos: 1 });
    await device.endAsync();
    await waitFor(
      'the reading after the broker restart',
      async () => (await storedCount(service.httpUrl, 'CONT-02', 'tempC', ts, ts + 1)) === 1,
      20_000,
    );
  }, 60_000);

  it('rejects telemetry of a device the broker knows but the site configuration does not', async () => {
    // Mosquitto's users and ACL are its own; the service still checks every id against the site.
    const ghost = await connectDevice(mosquitto.url, 'GHOST-1');
    await ghost.subscribeAsync('devices/GHOST-1/rejected', { qos: 0 });
    const answer = new Promise<string>((resolve) =>
      ghost.once('message', (_topic, payload) => resolve(payload.toString())),
    );
    await ghost.publishAsync('devices/GHOST-1/telemetry', reading({ tempC: 3 }), { qos: 1 });
    const reply = JSON.parse(await answer) as { accepted: number; rejected: { code: string }[] };
    await ghost.endAsync();
    expect(reply).toMatchObject({ accepted: 0, rejected: [{ code: 'unknown_device' }] });
    const metrics = await (await fetch(`${service.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/jct_ingest_rejections_total\{code="unknown_device"\} 1/);
  });
});

import { connectAsync } from 'mqtt';
import { connectDevice, devSecret, reading } from '../support/devices';
import { startTestApp, type TestApp } from '../support/test-app';
import { withKey } from '../support/api-keys';
import { waitFor } from '../harness/wait';
import { EmbeddedBroker } from '../../apps/service/src/broker/embedded-broker.service';

// The embedded aedes broker of the real service: authentication, topic access and ingestion.
describe('embedded broker', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp();
  }, 30_000);
  afterAll(async () => service?.close());

  const latest = async (id: string) => {
    const response = await fetch(`${service.httpUrl}/api/devices/${id}/latest`, withKey('engineer'));
    return (await response.json()) as { values: { metric: string; value: unknown; ts: string }[] };
  };

  it('stores a registered device’s QoS 1 reading before acknowledging it', async () => {
    const device = await connectDevice(service.mqttUrl, 'ICE-1');
    const ts = Date.now();
    await device.publishAsync(
      'devices/ICE-1/telemetry',
      reading({ iceThicknessCm: 93.5, overflow: false }, ts),
      { qos: 1 },
    );
    await device.endAsync();
    const body = await waitFor('the reading in the store', async () =>
      (await latest('ICE-1')).values.length >= 2 ? latest('ICE-1') : undefined,
    );
    expect(body.values).toEqual(
      expect.arrayContaining([
        {
          metric: 'iceThicknessCm',
          value: 93.5,
          unit: 'cm',
          unitDisplay: 'cm',
          ts: new Date(ts).toISOString(),
        },
        { metric: 'overflow', value: false, unit: '', unitDisplay: '', ts: new Date(ts).toISOString() },
      ]),
    );
  });

  it('answers a malformed payload on the device’s rejected topic and keeps serving', async () => {
    const device = await connectDevice(service.mqttUrl, 'ICE-2');
    await device.subscribeAsync('devices/ICE-2/rejected', { qos: 0 });
    const reply = new Promise<Record<string, unknown>>((resolve) =>
      device.once('message', (_topic, payload) =>
        resolve(JSON.parse(payload.toString()) as Record<string, unknown>),
      ),
    );
    await device.publishAsync('devices/ICE-2/telemetry', '{"ts": 1, "values": ', { qos: 1 });
    expect(await reply).toMatchObject({ accepted: 0, rejected: [{ code: 'not_json' }] });
    // The same connection still delivers good readings.
    await device.publishAsync('devices/ICE-2/telemetry', reading({ iceThicknessCm: 61 }), { qos: 1 });
    await device.endAsync();
    await waitFor('ICE-2 reading stored', async () => (await latest('ICE-2')).values.length === 1);
  });

  it('sends one reply listing what was wrong while keeping the good readings of a batch', async () => {
    const device = await connectDevice(service.mqttUrl, 'ICE-3');
    await device.subscribeAsync('devices/ICE-3/rejected');
    const reply = new Promise<{ accepted: number; rejected: { code: string; index?: number }[] }>((resolve) =>
      device.once('message', (_topic, payload) => resolve(JSON.parse(payload.toString()))),
    );
    const now = Date.now();
    const batch = [
      { ts: now - 2000, values: { iceThicknessCm: 90 } },
      { ts: now - 1000, values: { iceThicknessCm: 9000 } },
      { ts: now, values: { tempC: 4 } },
    ];
    await device.publishAsync('devices/ICE-3/telemetry', JSON.stringify(batch), { qos: 1 });
    const body = await reply;
    await device.endAsync();
    expect(body.accepted).toBe(1);
    expect(body.rejected.map((r) => [r.index, r.code])).toEqual([
      [1, 'out_of_range'],
      [2, 'unknown_metric'],
    ]);
  });

  it('refuses a device publishing under another device’s id: connection closed, nothing stored', async () => {
    const spoofer = await connectDevice(service.mqttUrl, 'ICE-4');
    const closed = new Promise<void>((resolve) => spoofer.once('close', () => resolve()));
    spoofer.publish('devices/TRUCK-01/telemetry', reading({ grossMassKg: 12_000 }), { qos: 1 });
    await closed;
    spoofer.end(true);
    // A control reading from the real TRUCK-01 proves the broker processed the spoofed one first.
    const truck = await connectDevice(service.mqttUrl, 'TRUCK-01');
    await truck.publishAsync('devices/TRUCK-01/telemetry', reading({ speedKmh: 8 }), { qos: 1 });
    await truck.endAsync();
    const body = await waitFor('TRUCK-01 control reading', async () => {
      const values = (await latest('TRUCK-01')).values;
      return values.length > 0 ? values : undefined;
    });
    expect(body.map((value) => value.metric)).toEqual(['speedKmh']);
  });

  it.each([
    [
      'a wrong password',
      { clientId: 'ICE-1', username: 'ICE-1', password: 'guess' },
      'Bad username or password',
    ],
    [
      'an unknown device',
      { clientId: 'ICE-9', username: 'ICE-9', password: devSecret('ICE-9') },
      'Bad username or password',
    ],
    ['no credentials', { clientId: 'ICE-1' }, 'Bad username or password'],
    [
      'another device’s client id',
      { clientId: 'ICE-2', username: 'ICE-1', password: devSecret('ICE-1') },
      'Not authorized',
    ],
  ])('refuses to connect with %s', async (_case, options, message) => {
    await expect(
      connectAsync(service.mqttUrl, {
        ...options,
        protocolVersion: 4,
        reconnectPeriod: 0,
        connectTimeout: 5000,
      }),
    ).rejects.toThrow(message);
  });

  it('a site-configuration device reconnecting runs scrypt once; a wrong password is still refused', async () => {
    const secrets = service.app.get(EmbeddedBroker).secrets;
    const before = secrets.slowChecks;
    for (let i = 0; i < 3; i++) await (await connectDevice(service.mqttUrl, 'FERRY-1')).endAsync();
    expect(secrets.slowChecks - before).toBeLessThanOrEqual(1);
    await expect(
      connectAsync(service.mqttUrl, {
        clientId: 'FERRY-1',
        username: 'FERRY-1',
        password: 'dev-secret-FERRY-2',
        protocolVersion: 4,
        reconnectPeriod: 0,
      }),
    ).rejects.toThrow('Bad username or password');
  });

  it('lets a device subscribe to its own reply topic only', async () => {
    const device = await connectDevice(service.mqttUrl, 'CONT-01');
    // MQTT.js turns a SUBACK failure (0x80) into a rejected subscribe.
    await expect(device.subscribeAsync('devices/CONT-01/rejected')).resolves.toEqual([
      { topic: 'devices/CONT-01/rejected', qos: 0 },
    ]);
    await expect(device.subscribeAsync('devices/CONT-02/rejected')).rejects.toThrow('Subscribe error');
    await expect(device.subscribeAsync('devices/#')).rejects.toThrow('Subscribe error');
    await device.endAsync();
  });

  it('lets a read-only client watch telemetry but not publish', async () => {
    const recorder = await connectAsync(service.mqttUrl, {
      clientId: 'sim-recorder',
      username: 'sim-recorder',
      password: devSecret('sim-recorder'),
      protocolVersion: 4,
      reconnectPeriod: 0,
    });
    await expect(recorder.subscribeAsync('#')).rejects.toThrow('Subscribe error');
    await recorder.subscribeAsync('devices/+/telemetry');
    const seen = new Promise<string>((resolve) => recorder.once('message', (topic) => resolve(topic)));
    const device = await connectDevice(service.mqttUrl, 'CONT-02');
    await device.publishAsync('devices/CONT-02/telemetry', reading({ tempC: 1.5 }), { qos: 1 });
    await device.endAsync();
    expect(await seen).toBe('devices/CONT-02/telemetry');
    const closed = new Promise<void>((resolve) => recorder.once('close', () => resolve()));
    recorder.publish('devices/CONT-03/telemetry', reading({ tempC: 5 }), { qos: 1 });
    await closed;
    recorder.end(true);
  });

  it('stores a redelivered message once (QoS 1 duplicate)', async () => {
    const device = await connectDevice(service.mqttUrl, 'CONT-04');
    const ts = Date.UTC(2026, 10, 22, 12, 0, 0);
    const payload = reading({ tempC: -19.5 }, Math.min(ts, Date.now()));
    await device.publishAsync('devices/CONT-04/telemetry', payload, { qos: 1 });
    await device.publishAsync('devices/CONT-04/telemetry', payload, { qos: 1, dup: true });
    await device.endAsync();
    const from = Math.min(ts, Date.now()) - 1;
    const count = await waitFor('points of CONT-04', async () => {
      const response = await fetch(
        `${service.httpUrl}/api/devices/CONT-04/telemetry?metric=tempC&from=${from}&every=1d`,
        withKey('engineer'),
      );
      const body = (await response.json()) as { windows: { count: number }[] };
      return body.windows[0]?.count;
    });
    expect(count).toBe(1);
  });

  it('accepts devices over MQTT on WebSocket', async () => {
    const device = await connectDevice(service.wsUrl, 'FERRY-1');
    await device.publishAsync('devices/FERRY-1/telemetry', reading({ waterLevelCm: 212, speedKmh: 6 }), {
      qos: 1,
    });
    await device.endAsync();
    await waitFor('FERRY-1 reading', async () => (await latest('FERRY-1')).values.length === 2);
  });
});

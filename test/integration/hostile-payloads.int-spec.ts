// Hostile payloads over live MQTT against the embedded broker of the real service: every message
// is acknowledged (PUBACK) and either accepted or answered with coded rejections on the device's
// rejected topic; the well-behaved device is never disconnected and keeps being stored.
import { parseTelemetry, DEFAULT_INGEST_LIMITS } from '@jct/contract';
import fc from 'fast-check';
import type { MqttClient } from 'mqtt';
import { telemetryPayload } from '../../libs/contract/src/testing/payload-arbitraries';
import { withKey } from '../support/api-keys';
import { connectDevice, reading } from '../support/devices';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../harness/wait';

interface Reply {
  accepted: number;
  rejected: { code: string; reason: string }[];
}

/** A device connection that counts its replies and any disconnect. */
async function watchedDevice(url: string, id: string) {
  const client: MqttClient = await connectDevice(url, id);
  const replies: Reply[] = [];
  let disconnects = 0;
  client.on('close', () => disconnects++);
  client.on('message', (_topic, payload) => replies.push(JSON.parse(payload.toString()) as Reply));
  await client.subscribeAsync(`devices/${id}/rejected`, { qos: 0 });
  return { client, replies, disconnects: () => disconnects };
}

describe('hostile payloads over live MQTT', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp();
  }, 30_000);
  afterAll(async () => service?.close());

  const stored = async (id: string, metric: string, value: number) => {
    const response = await fetch(`${service.httpUrl}/api/devices/${id}/latest`, withKey('engineer'));
    const body = (await response.json()) as { values: { metric: string; value: unknown }[] };
    return body.values.some((v) => v.metric === metric && v.value === value);
  };

  it.each([
    [
      'epoch nanoseconds',
      (now: number) => JSON.stringify({ ts: now * 1_000_000, values: { iceThicknessCm: 70 } }),
    ],
    ['SenML bt 1e308', () => '[{"bn":"ICE-2/","bt":1e308,"n":"iceThicknessCm","v":70}]'],
    ['SenML unit "__proto__"', () => '[{"n":"iceThicknessCm","u":"__proto__","v":70}]'],
    ['SenML unit "toString"', () => '[{"n":"iceThicknessCm","u":"toString","v":70}]'],
  ])('%s → PUBACK and a coded rejection; the device stays connected', async (_case, payloadOf) => {
    const device = await watchedDevice(service.mqttUrl, 'ICE-2');
    await device.client.publishAsync('devices/ICE-2/telemetry', payloadOf(Date.now()), { qos: 1 });
    await waitFor('the rejection reply', () => device.replies.length === 1, 5000);
    expect(device.replies[0].accepted).toBe(0);
    expect(device.replies[0].rejected[0].code).toMatch(/^(timestamp_in_future|bad_timestamp|bad_unit)$/);
    const value = 60 + Math.round(Math.random() * 10);
    await device.client.publishAsync('devices/ICE-2/telemetry', reading({ iceThicknessCm: value }), {
      qos: 1,
    });
    expect(device.disconnects()).toBe(0);
    await device.client.endAsync();
    await waitFor('the good reading stored', () => stored('ICE-2', 'iceThicknessCm', value));
  });

  // ≥ 10,000 payloads a run: a fixed seed per run is printed by fast-check on failure to replay it.
  const FUZZ_COUNT = 10_000;

  it(`${FUZZ_COUNT} generated payloads: each acknowledged and accepted or rejected with a code, no disconnect`, async () => {
    const device = await watchedDevice(service.mqttUrl, 'ICE-3');
    const now = Date.now();
    const payloads = fc.sample(telemetryPayload(now), FUZZ_COUNT);
    // The same parser decides locally which payloads must draw a reply (the clock moves a few
    // seconds during the run; generated times stay far from the window's edges).
    const expectedReplies = payloads.filter(
      (payload) =>
        parseTelemetry(payload, { kind: 'ice-station', receivedAt: now, limits: DEFAULT_INGEST_LIMITS })
          .rejections.length > 0,
    ).length;
    const started = Date.now();
    let acknowledged = 0;
    let next = 0;
    const worker = async () => {
      while (next < payloads.length) {
        const payload = Buffer.from(payloads[next++]);
        await device.client.publishAsync('devices/ICE-3/telemetry', payload, { qos: 1 });
        acknowledged++;
      }
    };
    await Promise.all(Array.from({ length: 32 }, worker));
    await waitFor('every rejection reply', () => device.replies.length >= expectedReplies, 20_000);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `fuzz: ${acknowledged} payloads acknowledged in ${seconds.toFixed(1)} s, ${expectedReplies} rejected`,
    );
    expect(acknowledged).toBe(FUZZ_COUNT);
    expect(device.replies).toHaveLength(expectedReplies);
    for (const reply of device.replies) {
      expect(reply.accepted).toEqual(expect.any(Number));
      expect(reply.rejected.length).toBeGreaterThan(0);
      for (const rejection of reply.rejected) expect(rejection.code).toMatch(/^[a-z_]+$/);
    }
    expect(device.disconnects()).toBe(0);
    const value = 50 + Math.round(Math.random() * 10);
    await device.client.publishAsync('devices/ICE-3/telemetry', reading({ iceThicknessCm: value }), {
      qos: 1,
    });
    await device.client.endAsync();
    await waitFor(
      'the good reading stored after the fuzz',
      () => stored('ICE-3', 'iceThicknessCm', value),
      20_000,
    );
  }, 120_000);
});

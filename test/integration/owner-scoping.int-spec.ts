import type { MqttClient } from 'mqtt';
import { apiKey, withKey } from '../support/api-keys';
import { connectDevice, reading } from '../support/devices';
import { EventStream, subjectOf } from '../support/sse';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../harness/wait';

type Alert = { id: string; ruleId: string; subjectId: string; state: string };

// A cargo owner's key cannot reach another owner's shipment, container or
// alert through any endpoint or the stream. Owner heihe-fresh (CONT-02 on cont-apples-1, CONT-04 on
// cont-frozen-1) asks for amur-timber's CONT-01 on cont-timber-1. Real service, real MQTT devices.
describe('a cargo owner sees only their own shipments, containers and alerts', () => {
  let service: TestApp;
  const devices: MqttClient[] = [];
  let timberAlert: Alert;
  let freshAlert: Alert;
  let freshStream: EventStream;
  let operatorStream: EventStream;

  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${service.httpUrl}${path}`, withKey('owner-fresh', init));
  const json = async <T>(path: string, init: RequestInit = {}) => {
    const response = await call(path, init);
    return { status: response.status, body: (await response.json()) as T };
  };
  const doorOpen = async (device: MqttClient, id: string) =>
    device.publishAsync(`devices/${id}/telemetry`, reading({ doorOpen: true, tempC: 3.5, humidityPct: 80 }), {
      qos: 1,
    });

  beforeAll(async () => {
    service = await startTestApp();
    freshStream = await EventStream.open(`${service.httpUrl}/api/stream`, {
      authorization: `Bearer ${apiKey('owner-fresh')}`,
    });
    operatorStream = await EventStream.open(`${service.httpUrl}/api/stream?key=${apiKey('operator')}`);
    expect([freshStream.status, operatorStream.status]).toEqual([200, 200]);
    for (const id of ['CONT-01', 'CONT-02']) devices.push(await connectDevice(service.mqttUrl, id));
    // A door opened where the position is unknown counts as outside an inspection zone: critical at once.
    await doorOpen(devices[0], 'CONT-01');
    await doorOpen(devices[1], 'CONT-02');
    const alerts = async () =>
      (await (await fetch(`${service.httpUrl}/api/alerts`, withKey('operator'))).json()) as Alert[];
    timberAlert = await waitFor('the door alert of CONT-01', async () =>
      (await alerts()).find((a) => a.subjectId === 'CONT-01'),
    );
    freshAlert = await waitFor('the door alert of CONT-02', async () =>
      (await alerts()).find((a) => a.subjectId === 'CONT-02'),
    );
    // Readings reach the store through the spool: wait until CONT-01's is queryable by its owner.
    await waitFor('CONT-01 stored', async () => {
      const response = await fetch(`${service.httpUrl}/api/devices/CONT-01/latest`, withKey('owner-timber'));
      return ((await response.json()) as { values: unknown[] }).values.length > 0;
    });
  }, 30_000);
  afterAll(async () => {
    freshStream?.close();
    operatorStream?.close();
    for (const device of devices) await device.endAsync();
    await service?.close();
  }, 30_000);

  it('GET /api/shipments lists only the owner’s containers', async () => {
    const { status, body } = await json<{ id: string; owner: string }[]>('/api/shipments');
    expect(status).toBe(200);
    expect(body.map((s) => s.id).sort()).toEqual(['cont-apples-1', 'cont-frozen-1']);
  });

  it.each(['', '/conditions', '/reefer-events', '/journey'])(
    'GET /api/shipments/{another owner’s}%s → 404, as for a shipment that does not exist',
    async (suffix) => {
      const other = await json<{ message: string }>(`/api/shipments/cont-timber-1${suffix}`);
      const none = await json<{ message: string }>(`/api/shipments/no-such-box${suffix}`);
      expect(other.status).toBe(404);
      expect(none.status).toBe(404);
      expect(JSON.stringify(other.body)).not.toContain('MSKU1234565');
      expect((await call(`/api/shipments/cont-apples-1${suffix}`)).status).toBe(200);
    },
  );

  it('GET /api/devices lists only the devices on the owner’s containers', async () => {
    const { body } = await json<{ id: string }[]>('/api/devices');
    expect(body.map((d) => d.id).sort()).toEqual(['CONT-02', 'CONT-04']);
  });

  it.each(['latest', 'telemetry?metric=tempC'])(
    'GET /api/devices/{another owner’s container}/%s → 404 with the unknown-device answer',
    async (path) => {
      const other = await json<{ message: string }>(`/api/devices/CONT-01/${path}`);
      expect(other).toEqual({ status: 404, body: expect.objectContaining({ message: expect.any(String) }) });
      const none = await json<{ message: string }>(`/api/devices/CONT-99/${path}`);
      expect(other.body.message.replace('CONT-01', 'X')).toBe(none.body.message.replace('CONT-99', 'X'));
      // And an ice station is not theirs either.
      expect((await call(`/api/devices/ICE-1/${path}`)).status).toBe(404);
      // The owner's own device answers (control).
      expect((await call(`/api/devices/CONT-02/${path}`)).status).toBe(200);
    },
  );

  it('GET /api/alerts lists only alerts of the owner’s containers, whatever the filter', async () => {
    const all = await json<Alert[]>('/api/alerts');
    expect(all.body.map((a) => a.id)).toContain(freshAlert.id);
    expect(all.body.every((a) => ['CONT-02', 'CONT-04'].includes(a.subjectId))).toBe(true);
    expect((await json<Alert[]>('/api/alerts?subject=CONT-01')).body).toEqual([]);
  });

  it('GET /api/alerts/{another owner’s} → 404', async () => {
    expect((await call(`/api/alerts/${timberAlert.id}`)).status).toBe(404);
    expect((await call(`/api/alerts/${freshAlert.id}`)).status).toBe(200);
  });

  it('POST /api/alerts/{another owner’s}/ack → 404, and the alert stays firing', async () => {
    expect((await call(`/api/alerts/${timberAlert.id}/ack`, { method: 'POST' })).status).toBe(404);
    const after = (await (
      await fetch(`${service.httpUrl}/api/alerts/${timberAlert.id}`, withKey('operator'))
    ).json()) as Alert;
    expect(after.state).toBe('firing');
  });

  it('GET and POST /api/alerts/{another owner’s}/comments → 404, and nothing is recorded', async () => {
    expect((await call(`/api/alerts/${timberAlert.id}/comments`)).status).toBe(404);
    const post = await call(`/api/alerts/${timberAlert.id}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'peeking' }),
    });
    expect(post.status).toBe(404);
    const comments = await (
      await fetch(`${service.httpUrl}/api/alerts/${timberAlert.id}/comments`, withKey('operator'))
    ).json();
    expect(comments).toEqual([]);
  });

  it('the owner’s own alert can be commented on and acknowledged, by the key’s person', async () => {
    const post = await json<{ by: string }>(`/api/alerts/${freshAlert.id}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'driver informed' }),
    });
    expect(post).toMatchObject({ status: 201, body: { by: 'owner-fresh' } });
    const ack = await json<Alert & { acknowledgedBy: string }>(`/api/alerts/${freshAlert.id}/ack`, {
      method: 'POST',
    });
    expect(ack).toMatchObject({
      status: 200,
      body: { state: 'acknowledged', acknowledgedBy: 'owner-fresh' },
    });
  });

  it.each([
    '/api/crossings',
    '/api/crossings/jalinda-mohe-ice',
    '/api/crossings/jalinda-mohe-ice/history',
    '/api/notifications',
    '/api/rejections',
    '/api/keys',
  ])('GET %s → 403 for a cargo owner', async (path) => {
    expect((await call(path)).status).toBe(403);
  });

  it('POST /api/keys → 403: a cargo owner cannot issue themselves a wider key', async () => {
    const response = await call('/api/keys', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'operator' }),
    });
    expect(response.status).toBe(403);
  });

  it('GET /api/stream carries the owner’s alerts and readings and nothing of another owner or the crossing', async () => {
    await freshStream.waitFor(
      'CONT-02 alert on the owner stream',
      (e) => e.type === 'alert' && subjectOf(e) === 'CONT-02',
    );
    await freshStream.waitFor(
      'CONT-02 reading on the owner stream',
      (e) => e.type === 'reading' && subjectOf(e) === 'CONT-02',
    );
    // The operator's stream saw CONT-01 (so it was streamed), and CONT-01 was published before CONT-02.
    await operatorStream.waitFor(
      'CONT-01 alert on the operator stream',
      (e) => e.type === 'alert' && subjectOf(e) === 'CONT-01',
    );
    await operatorStream.waitFor(
      'a crossing status on the operator stream',
      (e) => e.type === 'crossing-status',
    );
    const leaked = freshStream.events.filter(
      (e) =>
        e.type === 'crossing-status' ||
        (subjectOf(e) !== undefined && !['CONT-02', 'CONT-04'].includes(subjectOf(e)!)),
    );
    expect(leaked).toEqual([]);
  });
});

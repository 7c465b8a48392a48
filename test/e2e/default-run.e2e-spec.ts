import { simpleParser } from 'mailparser';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectDevice } from '../support/devices';
import { mosquittoPub } from '../support/mosquitto-cli';
import { startService, type ServiceProcess } from '../harness/service-process';
import { withKey } from '../support/api-keys';
import { waitFor } from '../harness/wait';

type Latest = { values: { metric: string; value: unknown; unit: string; ts: string }[] };

// The README's run (embedded broker, embedded store) takes a reading sent
// with mosquitto_pub and serves it at /latest; a malformed payload is answered on
// devices/{id}/rejected and the service goes on.
jest.setTimeout(20_000);

describe('the service on its embedded defaults', () => {
  let service: ServiceProcess;

  beforeAll(async () => {
    service = await startService();
  }, 40_000);
  afterAll(async () => service?.destroy(), 30_000);

  const latest = async (id: string): Promise<Latest> =>
    (
      await fetch(`${service.httpUrl}/api/devices/${id}/latest`, withKey('engineer'))
    ).json() as Promise<Latest>;

  it('serves a reading sent with mosquitto_pub at /api/devices/{id}/latest', async () => {
    const now = Date.now();
    const message = JSON.stringify({
      ts: now,
      values: { iceThicknessCm: 87.5, whiteIceCm: 12, airTempC: -34.2 },
    });
    expect(await mosquittoPub(service.mqttUrl, 'ICE-1', 'devices/ICE-1/telemetry', message)).toBe(0);
    const body = await waitFor('ICE-1 latest', async () =>
      (await latest('ICE-1')).values.length === 3 ? latest('ICE-1') : undefined,
    );
    expect(body.values).toContainEqual({
      metric: 'iceThicknessCm',
      value: 87.5,
      unit: 'cm',
      unitDisplay: 'cm',
      ts: new Date(now).toISOString(),
    });
  });

  it('answers malformed JSON from mosquitto_pub on devices/{id}/rejected and goes on', async () => {
    // The device listens on its reply topic under a second client id of its own.
    const listener = await connectDevice(service.mqttUrl, 'ICE-2', { clientId: 'ICE-2:listener' });
    await listener.subscribeAsync('devices/ICE-2/rejected');
    const answer = new Promise<string>((resolve) =>
      listener.once('message', (_topic, payload) => resolve(payload.toString())),
    );
    expect(
      await mosquittoPub(service.mqttUrl, 'ICE-2', 'devices/ICE-2/telemetry', '{"ts": 17, "values": {'),
    ).toBe(0);
    const reply = JSON.parse(await answer) as {
      accepted: number;
      rejected: { code: string; reason: string }[];
    };
    await listener.endAsync();
    expect(reply.accepted).toBe(0);
    expect(reply.rejected[0].code).toBe('not_json');
    expect(reply.rejected[0].reason).toMatch(/not JSON/);

    const health = await fetch(`${service.httpUrl}/health`);
    expect(health.status).toBe(200);
    // The dashboard is served from the build (nest-cli.json copies its files to dist), no key needed.
    const dashboard = await fetch(`${service.httpUrl}/dashboard/`);
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain('/dashboard/overview.js');
    expect((await fetch(`${service.httpUrl}/dashboard/common.js`)).status).toBe(200);
    // uPlot, served from node_modules beside the build.
    const chart = await fetch(`${service.httpUrl}/dashboard/uPlot.esm.js`);
    expect([chart.status, chart.headers.get('content-type')]).toEqual([
      200,
      'text/javascript; charset=utf-8',
    ]);
    expect((await fetch(`${service.httpUrl}/api/docs/openapi.json`)).status).toBe(200);
    const message = JSON.stringify({ ts: Date.now(), values: { iceThicknessCm: 64 } });
    expect(await mosquittoPub(service.mqttUrl, 'ICE-2', 'devices/ICE-2/telemetry', message)).toBe(0);
    await waitFor('ICE-2 reading after the bad one', async () => (await latest('ICE-2')).values.length === 1);
  });

  it('accepts SenML records from mosquitto_pub, converting units', async () => {
    const senml = JSON.stringify([
      { bn: 'ICE-3/', bt: Date.now() / 1000, n: 'iceThicknessCm', u: 'm', v: 0.74 },
      { n: 'iceTempC', u: 'Cel', v: -8.5 },
    ]);
    expect(await mosquittoPub(service.mqttUrl, 'ICE-3', 'devices/ICE-3/telemetry', senml)).toBe(0);
    const body = await waitFor('ICE-3 latest', async () =>
      (await latest('ICE-3')).values.length === 2 ? latest('ICE-3') : undefined,
    );
    expect(body.values.find((value) => value.metric === 'iceThicknessCm')?.value).toBeCloseTo(74, 6);
  });

  it('does not store what a device publishes under another device’s id', async () => {
    const spoof = JSON.stringify({ ts: Date.now(), values: { iceThicknessCm: 150 } });
    expect(await mosquittoPub(service.mqttUrl, 'ICE-4', 'devices/ICE-1/telemetry', spoof)).not.toBe(0);
    const control = JSON.stringify({ ts: Date.now(), values: { iceThicknessCm: 99 } });
    expect(await mosquittoPub(service.mqttUrl, 'ICE-4', 'devices/ICE-4/telemetry', control)).toBe(0);
    await waitFor('ICE-4 control reading', async () => (await latest('ICE-4')).values.length === 1);
    expect((await latest('ICE-1')).values.find((value) => value.metric === 'iceThicknessCm')?.value).toBe(
      87.5,
    );
  });

  it('without SMTP_URL, writes each alert e-mail as an .eml file under DATA_DIR/mail', async () => {
    const message = JSON.stringify({ ts: Date.now(), values: { doorOpen: true } });
    expect(await mosquittoPub(service.mqttUrl, 'CONT-01', 'devices/CONT-01/telemetry', message)).toBe(0);
    // The owner's mail about the door, among others (silent stations mail the operators, and the
    // owner's daily report may share the e-mail: news within NOTIFY_GROUP_SECONDS, 30 s, travel together).
    const mail = await waitFor(
      'the owner’s .eml file about the door',
      async () => {
        const dir = join(service.dataDir, 'mail');
        const names = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.eml')) : [];
        for (const name of names) {
          const parsed = await simpleParser(readFileSync(join(dir, name)));
          const to = Array.isArray(parsed.to) ? parsed.to : [parsed.to];
          if (
            to.some((a) => a?.text === 'logistics@amur-timber.example') &&
            /CONT-01/.test(parsed.subject ?? '')
          )
            return parsed;
        }
        return undefined;
      },
      60_000,
      500,
    );
    // Дмитрий Орлов reads Russian (the site configuration).
    expect(mail.subject).toMatch(/^\[КРИТИЧНО\] Тревога: CONT-01 — дверь открыта вне зоны досмотра/);
  }, 70_000);

  it('counts rejections by reason at /metrics', async () => {
    const text = await (await fetch(`${service.httpUrl}/metrics`)).text();
    expect(text).toMatch(/jct_ingest_rejections_total\{code="not_json"\} 1/);
  });
});

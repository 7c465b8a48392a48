import type { MqttClient } from 'mqtt';
import { AlertWatcher } from '../support/alerts';
import { connectDevice, reading } from '../support/devices';
import { writeSiteConfig } from '../support/site-config';
import { startTestApp, type TestApp } from '../support/test-app';
import { withKey } from '../support/api-keys';
import { waitFor } from '../harness/wait';

const MIN = 60_000;
type Alert = {
  id: string;
  ruleId: string;
  subjectId: string;
  state: string;
  severity: string;
  acknowledgedBy?: string;
};

// Ferry rules and the alert API (list, filters, acknowledge) on the real service in-process.
describe('ferry alerts and the alerts API', () => {
  let service: TestApp;
  let watcher: AlertWatcher;
  let ferry: MqttClient;

  beforeAll(async () => {
    // A ferry season of one day half a year away: today is out of season, whatever the date.
    const away = new Date(Date.now() + 182 * 86_400_000).toISOString().slice(5, 10);
    const site = writeSiteConfig((config) => {
      config.crossings.find((crossing) => crossing.id === 'jalinda-mohe-ferry')!.season = {
        opens: away,
        closes: away,
      };
    });
    service = await startTestApp({ ALERT_TICK_SECONDS: '1', SITE_CONFIG: site });
    watcher = await AlertWatcher.connect(service.mqttUrl);
    ferry = await connectDevice(service.mqttUrl, 'FERRY-1');
  }, 30_000);
  afterAll(async () => {
    await ferry?.endAsync();
    await watcher?.close();
    await service?.close();
  }, 30_000);

  const get = async (path: string) => {
    const response = await fetch(`${service.httpUrl}${path}`, withKey('operator'));
    return { status: response.status, body: (await response.json()) as unknown };
  };

  it('a ferry stopped midstream for ten minutes fires; at a landing it does not', async () => {
    // Twelve minutes moored at the Jalinda landing (the corridor's first point): no alert.
    const landing = Array.from({ length: 12 }, (_, m) => ({
      ts: Date.now() - 60 * MIN + m * MIN,
      values: { lat: 53.4857, lon: 123.899, speedKmh: 0 },
    }));
    await ferry.publishAsync('devices/FERRY-1/telemetry', JSON.stringify(landing), { qos: 1 });
    // Then the middle of the ferry corridor, ten minutes without moving.
    const start = Date.now() - 30 * MIN;
    const midstream = Array.from({ length: 12 }, (_, m) => ({
      ts: start + m * MIN,
      values: { lat: 53.48175, lon: 123.89975, speedKmh: 0 },
    }));
    await ferry.publishAsync('devices/FERRY-1/telemetry', JSON.stringify(midstream), { qos: 1 });
    const alert = await watcher.waitForFiring('ferry.stopped-midstream', 'FERRY-1');
    expect(alert.alert.reason).toMatch(/stopped midstream/);
    expect(alert.alert.breachSince ?? '').not.toBe(new Date(landing[0].ts).toISOString());
    expect(watcher.firing('ferry.stopped-midstream')).toHaveLength(1);
  });

  it('a ferry operating outside its season fires', async () => {
    await ferry.publishAsync(
      'devices/FERRY-1/telemetry',
      reading({ lat: 53.4818, lon: 123.8998, speedKmh: 7 }),
      { qos: 1 },
    );
    const alert = await watcher.waitForFiring('ferry.out-of-season', 'FERRY-1');
    expect(alert.alert.reason).toMatch(/outside its season/);
  });

  it('a ferry off its corridor and water below the minimum level fire', async () => {
    await ferry.publishAsync(
      'devices/FERRY-1/telemetry',
      reading({ lat: 53.47, lon: 123.87, speedKmh: 9, waterLevelCm: 120 }),
      { qos: 1 },
    );
    const off = await watcher.waitForFiring('ferry.off-corridor', 'FERRY-1');
    expect(off.alert.reason).toMatch(/m outside the 150 m corridor of jalinda-mohe-ferry/);
    const low = await watcher.waitForFiring('ferry.low-water', 'FERRY-1');
    expect(low.alert.reason).toBe('jalinda-mohe-ferry: water level 120 cm, below the 150 cm the ferry needs');
  });

  it('the reason is in the key’s person’s language, or the one Accept-Language asks for; the cause stays data', async () => {
    type Localised = { ruleId: string; reason: string; cause: unknown };
    const lowWater = async (init?: RequestInit) => {
      const response = await fetch(
        `${service.httpUrl}/api/alerts?subject=FERRY-1&state=firing`,
        withKey('operator', init),
      );
      return ((await response.json()) as Localised[]).find((a) => a.ruleId === 'ferry.low-water')!;
    };
    // op-jalinda's person reads Russian; a request may ask for Chinese or English by weight.
    const russian = await lowWater();
    const chinese = await lowWater({ headers: { 'accept-language': 'de, zh-CN;q=0.9, en;q=0.8' } });
    const english = await lowWater({ headers: { 'accept-language': 'en' } });
    expect(russian.reason).toBe('jalinda-mohe-ferry: уровень воды 120 см, ниже 150 см, нужных парому');
    expect(chinese.reason).toMatch(/^jalinda-mohe-ferry：水位 120 厘米/);
    expect(english.reason).toBe('jalinda-mohe-ferry: water level 120 cm, below the 150 cm the ferry needs');
    expect(russian.cause).toEqual(english.cause);
    expect(chinese.cause).toEqual({
      code: 'ferry.water-level',
      params: { crossingId: 'jalinda-mohe-ferry', levelCm: 120, minimumCm: 150 },
    });
  });

  it('lists alerts filtered by state, severity and subject, and rejects bad filters with every reason', async () => {
    const all = (await get('/api/alerts?subject=FERRY-1&state=firing')).body as Alert[];
    // Stopped midstream resolved when the ferry moved on.
    expect(all.map((a) => a.ruleId).sort()).toEqual([
      'ferry.low-water',
      'ferry.off-corridor',
      'ferry.out-of-season',
    ]);
    expect(all.every((a) => a.subjectId === 'FERRY-1' && a.state === 'firing')).toBe(true);
    const critical = (await get('/api/alerts?subject=FERRY-1&severity=critical')).body as Alert[];
    expect(critical).toEqual([]);
    const bad = await get('/api/alerts?state=burning&severity=fatal&since=yesterday');
    expect(bad.status).toBe(400);
    expect((bad.body as { message: string[] }).message).toHaveLength(3);
  });

  it('acknowledges a firing alert once, publishes it, and answers 409 and 404 for the wrong ones', async () => {
    const [alert] = ((await get('/api/alerts?subject=FERRY-1&state=firing')).body as Alert[]).filter(
      (a) => a.ruleId === 'ferry.low-water',
    );
    const ack = await fetch(
      `${service.httpUrl}/api/alerts/${alert.id}/ack`,
      withKey('operator', { method: 'POST' }),
    );
    expect(ack.status).toBe(200);
    expect(await ack.json()).toMatchObject({
      id: alert.id,
      state: 'acknowledged',
      acknowledgedBy: 'op-jalinda',
    });
    await waitFor('the acknowledgement on MQTT', () =>
      watcher.alerts.find((m) => m.transition === 'acknowledged' && m.alert.id === alert.id),
    );
    expect(((await get(`/api/alerts/${alert.id}`)).body as Alert).state).toBe('acknowledged');

    const again = await fetch(
      `${service.httpUrl}/api/alerts/${alert.id}/ack`,
      withKey('operator', { method: 'POST' }),
    );
    expect(again.status).toBe(409);
    expect(
      (await fetch(`${service.httpUrl}/api/alerts/no-such-id/ack`, withKey('operator', { method: 'POST' })))
        .status,
    ).toBe(404);
  });

  it('resolves an acknowledged alert when the condition clears', async () => {
    await ferry.publishAsync('devices/FERRY-1/telemetry', reading({ waterLevelCm: 240 }), { qos: 1 });
    const resolved = await waitFor('low water resolved', () =>
      watcher.alerts.find((m) => m.transition === 'resolved' && m.alert.ruleId === 'ferry.low-water'),
    );
    expect(resolved.alert.state).toBe('resolved');
  });
});

import type { MqttClient } from 'mqtt';
import { withKey } from '../support/api-keys';
import { AlertWatcher } from '../support/alerts';
import { connectDevice, reading } from '../support/devices';
import { iceAllYear } from '../support/site-config';
import { startTestApp, type TestApp } from '../support/test-app';

const STATIONS = ['ICE-1', 'ICE-2', 'ICE-3', 'ICE-4'];
const HOUR = 3_600_000;

interface ForecastView {
  advice: boolean;
  points: { ts: string; airTempC: number; allowedTonnes: { low: number; mid: number; high: number } }[];
  loadClasses: { tonnes: number; allowedFrom: string | null }[];
}

// The whole service in-process (real broker, real store, real HTTP): 100 cm of ice carries exactly
// the posted 40 t, and the air has been warming. The forecast warns the operators that capacity
// will fall below 40 t within two days, while the crossing stays open on its measurements.
describe('crossing forecast and the capacity early warning', () => {
  let service: TestApp;
  let watcher: AlertWatcher;
  const devices = new Map<string, MqttClient>();
  const now = Date.now();

  const get = async (path: string, who: Parameters<typeof withKey>[0] = 'operator') =>
    fetch(`${service.httpUrl}${path}`, withKey(who));
  const forecast = async () =>
    (await (await get('/api/crossings/jalinda-mohe-ice/forecast')).json()) as ForecastView;
  const postFeed = (body: unknown) =>
    fetch(
      `${service.httpUrl}/api/crossings/jalinda-mohe-ice/air-forecast`,
      withKey('engineer', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );

  beforeAll(async () => {
    service = await startTestApp({ SITE_CONFIG: iceAllYear() });
    watcher = await AlertWatcher.connect(service.mqttUrl);
    for (const id of STATIONS) devices.set(id, await connectDevice(service.mqttUrl, id));
    // Two days at −20 °C, then a day at −4 °C: the 3-day mean is −14.7 °C, no derating yet.
    const air = Array.from({ length: 72 }, (_, h) => ({
      ts: now - (72 - h) * HOUR + 500,
      values: { airTempC: h < 48 ? -20 : -4 },
    }));
    await devices.get('ICE-1')!.publishAsync('devices/ICE-1/telemetry', JSON.stringify(air), { qos: 1 });
    for (const id of STATIONS)
      await devices
        .get(id)!
        .publishAsync(`devices/${id}/telemetry`, reading({ iceThicknessCm: 100 }, now), { qos: 1 });
  }, 30_000);

  afterAll(async () => {
    for (const client of devices.values()) await client.endAsync();
    await watcher?.close();
    await service?.close();
  }, 30_000);

  it('warns the operators that capacity falls below the posted 40 t within 48 h, at warning severity', async () => {
    const fired = await watcher.waitForFiring('ice.capacity-forecast', 'jalinda-mohe-ice');
    expect(fired.alert.severity).toBe('warning');
  });

  it('the forecast never changes the status: the crossing stays open at 40 t on its measured 100 cm', async () => {
    await watcher.waitForFiring('ice.capacity-forecast', 'jalinda-mohe-ice');
    const crossing = (await (await get('/api/crossings/jalinda-mohe-ice')).json()) as {
      status: string;
      maxGrossTonnes: number;
    };
    expect(crossing).toMatchObject({ status: 'open', maxGrossTonnes: 40 });
    expect(watcher.firing('ice.thickness-below-required')).toHaveLength(0);
  });

  it('GET /api/crossings/{id}/forecast: hourly points from now to 72 h ahead, labelled as advice, falling below 40 t within 48 h', async () => {
    const view = await forecast();
    expect(view.advice).toBe(true);
    expect(view.points).toHaveLength(73);
    expect(view.points[0].allowedTonnes.mid).toBe(40);
    expect(view.points.slice(0, 48).some((p) => p.allowedTonnes.mid < 40)).toBe(true);
    expect(view.loadClasses.find((c) => c.tonnes === 15)?.allowedFrom).not.toBeNull();
  });

  it('a cargo owner may not read the forecast of a crossing', async () => {
    expect((await get('/api/crossings/jalinda-mohe-ice/forecast', 'owner-fresh')).status).toBe(403);
  });

  it('the forecast feed: an outside forecast of −30 °C is used for the hours it covers', async () => {
    const from = Math.floor(now / HOUR) * HOUR;
    const hours = Array.from({ length: 73 }, (_, h) => ({
      ts: new Date(from + h * HOUR).toISOString(),
      tempC: -30,
    }));
    const accepted = await postFeed({ hours });
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toEqual({ crossingId: 'jalinda-mohe-ice', accepted: 73 });
    const view = await forecast();
    expect(view.points.map((p) => p.airTempC)).toEqual(hours.map(() => -30));
  });

  it.each([
    ['no hours', {}, 'hours: a list of 1 to 240 hourly entries'],
    ['a time without a zone', { hours: [{ ts: '2026-01-01T00:00:00', tempC: 1 }] }, 'no time zone'],
    [
      'an impossible temperature',
      { hours: [{ ts: new Date(now).toISOString(), tempC: 90 }] },
      'tempC: a number',
    ],
    [
      'a month ahead',
      { hours: [{ ts: new Date(now + 30 * 24 * HOUR).toISOString(), tempC: 1 }] },
      'outside the day',
    ],
  ])('a feed with %s is rejected with the reason, and nothing of it is kept', async (_case, body, why) => {
    const before = await forecast();
    const rejected = await postFeed(body);
    expect(rejected.status).toBe(400);
    expect(JSON.stringify(await rejected.json())).toContain(why);
    expect((await forecast()).points.map((p) => p.airTempC)).toEqual(before.points.map((p) => p.airTempC));
  });

  it('an operator may not publish a forecast feed (engineers hold that integration key)', async () => {
    const response = await fetch(
      `${service.httpUrl}/api/crossings/jalinda-mohe-ice/air-forecast`,
      withKey('operator', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"hours":[]}',
      }),
    );
    expect(response.status).toBe(403);
  });
});

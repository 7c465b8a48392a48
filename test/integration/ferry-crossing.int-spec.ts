import type { MqttClient } from 'mqtt';
import { connectDevice, reading } from '../support/devices';
import { writeSiteConfig } from '../support/site-config';
import { startTestApp, type TestApp } from '../support/test-app';
import { withKey } from '../support/api-keys';
import { waitFor } from '../harness/wait';

/** The shipped site with the ferry in season all year, so the tests do not depend on the date. */
const ferryAllYear = () =>
  writeSiteConfig((doc) => {
    doc.crossings.find((crossing) => crossing.id === 'jalinda-mohe-ferry')!.season = {
      opens: '01-01',
      closes: '12-31',
    };
  });

type CrossingView = {
  status: string;
  maxGrossTonnes: number;
  reasons: { code: string; text: string }[];
  waterLevelCm?: { value: number; ts: string };
  minWaterLevelCm?: number;
  ferries?: string[];
};

describe('ferry crossing status through the running service', () => {
  let service: TestApp;
  let ferry: MqttClient;
  beforeAll(async () => {
    const site = ferryAllYear();
    service = await startTestApp({ SITE_CONFIG: site });
    ferry = await connectDevice(service.mqttUrl, 'FERRY-1');
  }, 30_000);
  afterAll(async () => {
    await ferry?.endAsync();
    await service?.close();
  }, 30_000);

  const view = async () =>
    (await (
      await fetch(`${service.httpUrl}/api/crossings/jalinda-mohe-ferry`, withKey('operator'))
    ).json()) as CrossingView;

  it('is unknown, not open, before any water level arrives', async () => {
    expect(await view()).toMatchObject({
      status: 'unknown',
      maxGrossTonnes: 0,
      reasons: [{ code: 'no_water_level' }],
    });
  });

  it('opens for the rated load once the gauge shows enough water, and closes when it falls below 150 cm', async () => {
    const now = Date.now();
    await ferry.publishAsync('devices/FERRY-1/telemetry', reading({ waterLevelCm: 212 }, now - 1000), {
      qos: 1,
    });
    const open = await waitFor('open', async () => ((await view()).status === 'open' ? view() : undefined));
    expect(open.maxGrossTonnes).toBe(40);
    // What the dashboard's ferry page draws: the level against the minimum, and the ferries to track.
    expect(open).toMatchObject({
      waterLevelCm: { value: 212, ts: new Date(now - 1000).toISOString() },
      minWaterLevelCm: 150,
      ferries: ['FERRY-1'],
    });
    await ferry.publishAsync('devices/FERRY-1/telemetry', reading({ waterLevelCm: 140 }, now), { qos: 1 });
    const closed = await waitFor('closed', async () =>
      (await view()).status === 'closed' ? view() : undefined,
    );
    // The operator's key is Irina's: her language, Russian, unless the request asks for another.
    expect(closed.reasons[0]).toMatchObject({
      code: 'low_water',
      params: { levelCm: 140, minimumCm: 150 },
      text: 'закрыта: уровень воды 140 см, ниже 150 см, нужных парому',
    });
  });
});

describe('a ferry last seen midstream', () => {
  let service: TestApp;
  let ferry: MqttClient;
  const alerts = async (state: string) =>
    (
      (await (
        await fetch(
          `${service.httpUrl}/api/alerts?subject=FERRY-1&state=${state}`,
          withKey('operator', { headers: { 'accept-language': 'en-GB, ru;q=0.5' } }),
        )
      ).json()) as { ruleId: string; reason: string }[]
    ).filter((alert) => alert.ruleId === 'ferry.silent-midstream');
  const position = (ts: number, lat: number, lon: number) =>
    ferry.publishAsync('devices/FERRY-1/telemetry', reading({ lat, lon, speedKmh: 6 }, ts), { qos: 1 });

  beforeAll(async () => {
    const site = ferryAllYear();
    service = await startTestApp({ SITE_CONFIG: site, ALERT_TICK_SECONDS: '1' });
    ferry = await connectDevice(service.mqttUrl, 'FERRY-1');
  }, 30_000);
  afterAll(async () => {
    await ferry?.endAsync();
    await service?.close();
  }, 30_000);

  it('and silent for ten minutes fires; a position at a landing resolves it', async () => {
    // Halfway across, eleven minutes ago.
    await position(Date.now() - 11 * 60_000, 53.48175, 123.89975);
    const [alert] = await waitFor('the alert', async () =>
      (await alerts('active')).length ? alerts('active') : undefined,
    );
    expect(alert.reason).toMatch(
      /^ferry FERRY-1 last seen midstream on jalinda-mohe-ferry 11(\.\d)? min ago/,
    );
    // Moored at the Russian landing.
    await position(Date.now(), 53.4857, 123.899);
    await waitFor('resolved', async () => (await alerts('resolved')).length === 1);
  });
});

import type { MqttClient } from 'mqtt';
import type { Browser } from 'playwright-core';
import { apiKey } from '../support/api-keys';
import { launchChromium } from '../support/browser';
import { connectDevice, reading } from '../support/devices';
import { iceAllYear } from '../support/site-config';
import { startTestApp, type TestApp } from '../support/test-app';

const STATIONS = ['ICE-1', 'ICE-2', 'ICE-3', 'ICE-4'];
const HOUR = 3_600_000;

// The forecast on the crossing page in Debian's headless Chromium against the real service
// (in-process, real MQTT devices): the advice label, the band chart against the posted load and
// the dates per load class, in each of the three languages.
describe('the crossing forecast in a browser', () => {
  let service: TestApp;
  let browser: Browser;
  const devices = new Map<string, MqttClient>();

  beforeAll(async () => {
    browser = await launchChromium();
    service = await startTestApp({ SITE_CONFIG: iceAllYear() });
    for (const id of STATIONS) devices.set(id, await connectDevice(service.mqttUrl, id));
    const now = Date.now();
    // Three days at −25 °C and 60 cm of ice: restricted (14.4 t), growing towards the heavier classes.
    const air = Array.from({ length: 72 }, (_, h) => ({
      ts: now - (72 - h) * HOUR + 500,
      values: { airTempC: -25 },
    }));
    await devices.get('ICE-1')!.publishAsync('devices/ICE-1/telemetry', JSON.stringify(air), { qos: 1 });
    for (const id of STATIONS)
      await devices
        .get(id)!
        .publishAsync(`devices/${id}/telemetry`, reading({ iceThicknessCm: 60 }, now), { qos: 1 });
  }, 60_000);
  afterAll(async () => {
    await Promise.all([...devices.values()].map((device) => device.endAsync()));
    await browser?.close();
    await service?.close();
  }, 30_000);

  it.each([
    ['en', 'Advice only', 'Load class', 'now'],
    ['ru', 'Только рекомендация', 'Класс нагрузки', 'сейчас'],
    ['zh', '仅供参考', '荷载等级', '现在'],
  ])(
    'in %s: the advice label, the band chart and the dates per load class',
    async (language, advice, header, now) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addInitScript({ content: `localStorage.setItem('jct-lang', '${language}');` });
      const page = await context.newPage();
      try {
        await page.goto(`${service.httpUrl}/dashboard/crossing.html?id=jalinda-mohe-ice`);
        await page.fill('#key', apiKey('operator'));
        await page.click('form#login button[type=submit]');
        await page.waitForSelector('#forecast-classes', { timeout: 15_000 });
        expect(await page.textContent('#forecast-advice')).toContain(advice);
        expect(await page.textContent('#forecast-classes')).toContain(header);
        // 60 cm carries 14.4 t: the 5 t class is allowed now; the 15 t class gets a date.
        expect(await page.textContent('#forecast-classes tr[data-tonnes="5"]')).toContain(now);
        const fifteen = await page.textContent('#forecast-classes tr[data-tonnes="15"] td:nth-child(2)');
        expect(fifteen).not.toContain(now);
        expect(fifteen).toMatch(/\d/);
        // The band: three series (low, forecast, high) and the posted 40 t, in uPlot's legend
        // beside the time.
        await page.waitForSelector('#forecast-chart canvas');
        expect(await page.locator('#forecast-chart .u-legend .u-series').count()).toBe(5);
        expect(await page.textContent('#forecast-chart')).toContain('40');
      } finally {
        await context.close();
      }
    },
    30_000,
  );
});

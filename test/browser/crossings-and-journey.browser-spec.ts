import type { MqttClient } from 'mqtt';
import type { Browser, Page } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type KeyHolder } from '../support/api-keys';
import { launchChromium } from '../support/browser';
import { signIn } from '../support/dashboard-session';
import { connectDevice, reading } from '../support/devices';
import { writeSiteConfig } from '../support/site-config';
import { startTestApp, type TestApp } from '../support/test-app';

// Screenshots go to a scratch folder unless SCREENSHOTS_DIR=docs (see dashboard.browser-spec.ts).
const SCREENSHOTS = process.env.SCREENSHOTS_DIR ?? mkdtempSync(join(tmpdir(), 'jct-screenshots-'));
const MIN = 60_000;
const DAY = 86_400_000;

/** MM-DD of a day `days` from now: a season that starts in two months never holds today. */
const monthDay = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(5, 10);

/** Summer: the ferry in season all year, the ice season two to three months away. */
const summer = () =>
  writeSiteConfig((site) => {
    for (const crossing of site.crossings) {
      crossing.season =
        crossing.id === 'jalinda-mohe-ferry'
          ? { opens: '01-01', closes: '12-31' }
          : { opens: monthDay(60), closes: monthDay(90) };
    }
  });

/**
 * Words a page in Russian or Chinese may still show in Latin letters: device, container and
 * crossing ids, units, A (the coefficient of Gold's formula, a symbol like a unit) and the names
 * of the languages in the language switch.
 */
const ALLOWED_LATIN =
  /^(A|jalinda-mohe-(?:ice|ferry)|ICE-\d|FERRY-\d|TRUCK-\d\d|CONT-\d\d|[A-Z]{4}\d{7}|API|GMT|UTC|Asia\/\w+|English)$/;
const latinWords = (text: string) =>
  (text.replace(/°C/g, '').match(/[A-Za-z][A-Za-z0-9/°.-]*/g) ?? []).filter(
    (word) => !ALLOWED_LATIN.test(word),
  );

// Every crossing of the site in Debian's headless Chromium against the real service in-process,
// real MQTT devices: the overview, the ferry in summer, a container's journey, and pages in
// Russian and Chinese without an English word.
describe('the crossings and the journey in a browser', () => {
  let service: TestApp;
  let browser: Browser;
  const devices = new Map<string, MqttClient>();

  const send = async (id: string, payload: string) => {
    if (!devices.has(id)) devices.set(id, await connectDevice(service.mqttUrl, id));
    await devices.get(id)!.publishAsync(`devices/${id}/telemetry`, payload, { qos: 1 });
  };
  const openAs = (who: KeyHolder, path: string, ownLanguage = false): Promise<Page> =>
    signIn(browser, service.httpUrl, who, path, ownLanguage);

  beforeAll(async () => {
    browser = await launchChromium();
    service = await startTestApp({ SITE_CONFIG: summer() });
    const now = Date.now();
    // Two trips of the ferry over the last hours, the river at 212 cm (the ferry needs 150).
    const trip = Array.from({ length: 24 }, (_, i) => {
      const leg = (i % 12) / 11; // 0 → 1 across, then back
      const across = i < 12 ? leg : 1 - leg;
      return {
        ts: now - (24 - i) * 5 * MIN,
        values: {
          lat: 53.4857 - across * 0.0079,
          lon: 123.899 + across * 0.0015,
          speedKmh: 6,
          waterLevelCm: 210 + (i % 3),
        },
      };
    });
    await send('FERRY-1', JSON.stringify(trip));
    await send('FERRY-1', reading({ waterLevelCm: 212, lat: 53.4817, lon: 123.8998, speedKmh: 6 }, now));
    // An ice station reporting out of season: the ice crossing closed by the calendar.
    await send('ICE-1', reading({ iceThicknessCm: 20, airTempC: 8 }, now));
    // The apples container from the Jalinda checkpoint onto the ice lane, cool and then too warm.
    const journey = [
      [53.4875, 123.902],
      [53.486, 123.9017],
      [53.4848, 123.9019],
      [53.483, 123.9024],
      [53.4812, 123.9029],
    ];
    await send(
      'CONT-02',
      JSON.stringify(
        journey.map(([lat, lon], i) => ({
          ts: now - (journey.length - i) * 10 * MIN,
          values: { lat, lon, tempC: i < 3 ? 2.5 : 6.2, humidityPct: 92 },
        })),
      ),
    );
  }, 60_000);
  afterAll(async () => {
    await Promise.all([...devices.values()].map((device) => device.endAsync()));
    await browser?.close();
    await service?.close();
  }, 30_000);

  it('the overview lists both crossings: the ferry open in summer, the ice closed out of season', async () => {
    const page = await openAs('operator', '/dashboard/');
    await page.waitForSelector('a[data-crossing="jalinda-mohe-ferry"][data-status=open]', {
      timeout: 10_000,
    });
    await page.waitForSelector('a[data-crossing="jalinda-mohe-ice"][data-status=closed]', {
      timeout: 10_000,
    });
    const ferry = (await page.textContent('a[data-crossing="jalinda-mohe-ferry"]'))!;
    expect(ferry).toContain('Jalinda – Mohe ferry');
    expect(ferry).toContain('OPEN');
    expect(ferry).toMatch(/allowed gross mass: 40 t/);
    expect(await page.textContent('a[data-crossing="jalinda-mohe-ice"] .status')).toBe('CLOSED');
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-overview.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('the ferry page shows the crossing open with its water level against the minimum, and the ferry on the map', async () => {
    const page = await openAs('operator', '/dashboard/');
    await page.click('a[data-crossing="jalinda-mohe-ferry"]');
    await page.waitForSelector('#banner[data-status=open]', { timeout: 10_000 });
    expect(await page.textContent('#status')).toBe('OPEN');
    expect(await page.textContent('#water-level-value')).toBe('212 cm');
    expect(await page.textContent('#water-level')).toContain('minimum 150 cm');
    await page.waitForSelector('#map g.marker.ferry[data-marker="FERRY-1"]', { timeout: 10_000 });
    expect(await page.$$('#map polyline.trail')).toHaveLength(1);
    await page.waitForSelector('#water-chart canvas', { timeout: 10_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-ferry.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('the journey page of a container on the ice shows the "on the ice" stage and its last position', async () => {
    const page = await openAs('owner-fresh', '/dashboard/shipments.html');
    await page.click('#shipment-cont-apples-1 a.journey-link');
    await page.waitForSelector('#stage[data-stage=on-ice]', { timeout: 10_000 });
    expect(await page.textContent('#stage strong')).toBe('on the ice');
    expect(await page.textContent('#leg')).toBe('Leg: crossing the Amur');
    expect(await page.textContent('#last-position')).toMatch(/^53\.4812°, 123\.9029° · /);
    await page.waitForSelector('#map g.marker.container', { timeout: 5000 });
    await page.waitForSelector('#condition-chart canvas', { timeout: 10_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-journey.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('an owner’s navigation offers their shipments, registering one and silences, never the crossings', async () => {
    const page = await openAs('owner-fresh', '/dashboard/shipments.html');
    const links = await page.$$eval('header nav a', (as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual([
      '/dashboard/shipments.html',
      '/dashboard/register.html',
      '/dashboard/silences.html',
    ]);
    await page.close();
  }, 30_000);

  it('mean kinetic temperature is shown for the pharmaceuticals, judged by it, and not for apples or frozen food', async () => {
    const pharma = await openAs('owner-pharma', '/dashboard/shipments.html');
    await pharma.waitForSelector('#mkt-cont-pharma-1', { timeout: 10_000 });
    expect(await pharma.textContent('#mkt-cont-pharma-1')).toMatch(/≤ 8 °C/);
    await pharma.close();
    const fresh = await openAs('owner-fresh', '/dashboard/shipments.html');
    await fresh.waitForSelector('#shipment-cont-frozen-1 dd[data-profile]', { timeout: 10_000 });
    await fresh.waitForSelector('#shipment-cont-apples-1 dd[data-profile]', { timeout: 10_000 });
    expect(await fresh.$$('[id^="mkt-"]')).toHaveLength(0);
    await fresh.close();
  }, 30_000);

  // Page chrome, severities, states, rule and profile names: every word in Russian or Chinese.
  const pages: { who: KeyHolder; path: string; ready: string }[] = [
    { who: 'operator', path: '/dashboard/', ready: 'a[data-crossing] .status' },
    { who: 'operator', path: '/dashboard/crossing.html?id=jalinda-mohe-ferry', ready: '#water-level-value' },
    {
      who: 'operator',
      path: '/dashboard/crossing.html?id=jalinda-mohe-ice',
      ready: '#stations tr[data-station]',
    },
    { who: 'owner-fresh', path: '/dashboard/shipments.html', ready: 'table.excursions td[data-rule]' },
    { who: 'owner-fresh', path: '/dashboard/journey.html?id=cont-apples-1', ready: '#stage strong' },
  ];
  /** The rendered text of the page without the reasons, and the reasons apart. */
  const rendered = async (page: Page) => {
    const reasons = await page.$$eval('.reason, .reasons li', (nodes) =>
      nodes.map((node) => node.textContent),
    );
    await page.$$eval('.reason, .reasons li', (nodes) => nodes.forEach((node) => node.remove()));
    return { text: await page.innerText('body'), reasons: reasons.join('\n') };
  };

  it.each(pages)(
    '$who sees no English word on $path outside the reasons',
    async ({ who, path, ready }) => {
      const page = await openAs(who, path, true);
      await page.waitForSelector(ready, { timeout: 10_000 });
      expect(await page.getAttribute('html', 'lang')).toBe(who === 'operator' ? 'ru' : 'zh');
      const { text } = await rendered(page);
      expect(latinWords(text)).toEqual([]);
      await page.close();
    },
    30_000,
  );

  // The reasons are the API's text, asked for in the page's language (the journey page has none).
  it.each(pages.filter((p) => !p.path.includes('journey')))(
    '$who sees the reasons on $path in their language too',
    async ({ who, path, ready }) => {
      const page = await openAs(who, path, true);
      await page.waitForSelector(ready, { timeout: 10_000 });
      const { reasons } = await rendered(page);
      expect(reasons).not.toBe('');
      expect(latinWords(reasons)).toEqual([]);
      await page.close();
    },
    30_000,
  );
});

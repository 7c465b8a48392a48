import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { apiKey, type KeyHolder } from '../support/api-keys';
import { launchChromium } from '../support/browser';
import { siteWithFreeTrackers } from '../support/shipment-site';
import { startTestApp, type TestApp } from '../support/test-app';

const SCREENSHOTS = process.env.SCREENSHOTS_DIR ?? mkdtempSync(join(tmpdir(), 'jct-screenshots-'));

// A cargo owner's registration page in Debian's headless Chromium against the real service
// (in-process, embedded state store): the profile picker shows the limits, a bad container number
// and a widened limit are listed by field, a shipment is registered with a tracker and a planned
// leg, edited, started and delivered from the page.
describe('the shipment registration page', () => {
  let service: TestApp;
  let browser: Browser;
  let page: Page;

  const openAs = async (who: KeyHolder): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    await context.addInitScript({
      content: "if (!localStorage.getItem('jct-lang')) localStorage.setItem('jct-lang', 'en');",
    });
    const opened = await context.newPage();
    await opened.goto(`${service.httpUrl}/dashboard/register.html`);
    await opened.fill('#key', apiKey(who));
    await opened.click('form#login button[type=submit]');
    await opened.waitForSelector('#live.on', { timeout: 10_000 });
    return opened;
  };
  const row = (id: string) => page.locator(`#row-${id}`);

  beforeAll(async () => {
    browser = await launchChromium();
    service = await startTestApp({ SITE_CONFIG: siteWithFreeTrackers() });
    page = await openAs('owner-fresh');
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await service?.close();
  }, 30_000);

  it('picking a profile shows its limits', async () => {
    await page.selectOption('#profile', 'dairy');
    await page.locator('#profile-limits', { hasText: '0 … 6 °C' }).waitFor();
    await page.selectOption('#profile', 'pharma-2-8');
    await page.locator('#profile-limits', { hasText: '2 … 8 °C' }).waitFor();
  }, 60_000);

  it('a wrong check digit and a widened limit are listed by field, and nothing is registered', async () => {
    await page.fill('#container', 'JCTU0000010');
    await page.selectOption('#profile', 'dairy');
    await page.fill('input[data-key=tempC][data-side=max]', '9');
    await page.click('#save');
    await page.waitForSelector('#errors li');
    expect(await page.locator('#errors li').allTextContents()).toEqual([
      expect.stringMatching(/^containerNumber: .*check digit/),
    ]);
    await page.fill('#container', 'JCTU0000013');
    await page.click('#save');
    await page.locator('#errors li', { hasText: /^overrides\.tempC\.max/ }).waitFor();
    expect(await page.locator('#my-shipments tr').count()).toBe(0);
  }, 60_000);

  it('registered with a tracker and a leg, then edited, started and delivered from the page', async () => {
    await page.fill('input[data-key=tempC][data-side=max]', '5');
    await page.fill('#trackers', 'CONT-04');
    const rail = page.locator('tr[data-mode=rail]');
    await rail.locator('[name=from]').fill('Blagoveshchensk');
    await rail.locator('[name=to]').fill('Skovorodino');
    await rail.locator('[name=departAt]').fill('2026-12-01T06:00');
    await rail.locator('[name=arriveAt]').fill('2026-12-02T02:00');
    await page.click('#save');
    await page.waitForSelector('#row-shp-1[data-state=planned]');
    expect(await row('shp-1').textContent()).toContain('CONT-04');
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-register.png'), fullPage: true });

    await row('shp-1').locator('[data-action=edit]').click();
    await page.locator('#shipment-form h2', { hasText: 'shp-1' }).waitFor();
    expect(await page.inputValue('#container')).toBe('JCTU0000013');
    expect(await page.inputValue('input[data-key=tempC][data-side=max]')).toBe('5');
    await page.fill('#description', 'butter, 18 t');
    await page.click('#save');
    // Saved: the form is back to registering a new shipment.
    await page.locator('#shipment-form h2', { hasText: 'Register a shipment' }).waitFor();
    const response = await fetch(`${service.httpUrl}/api/shipments/shp-1`, {
      headers: { authorization: `Bearer ${apiKey('owner-fresh')}` },
    });
    expect(await response.json()).toMatchObject({
      description: 'butter, 18 t',
      overrides: { tempC: { max: 5 } },
      legs: [{ mode: 'rail', from: 'Blagoveshchensk', to: 'Skovorodino' }],
    });

    await row('shp-1').locator('[data-action=start]').click();
    await page.waitForSelector('#row-shp-1[data-state=in_transit]');
    await row('shp-1').locator('[data-action=deliver]').click();
    await page.waitForSelector('#row-shp-1[data-state=delivered]');
    expect(await row('shp-1').locator('button').count()).toBe(0);
  }, 60_000);
});

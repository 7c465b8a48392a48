import type { Browser, Page } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiKey, type KeyHolder } from '../support/api-keys';
import { launchChromium } from '../support/browser';
import { reading } from '../support/devices';
import { connectWithSecret } from '../support/registry';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../harness/wait';

const SCREENSHOTS = process.env.SCREENSHOTS_DIR ?? mkdtempSync(join(tmpdir(), 'jct-screenshots-'));

jest.setTimeout(60_000);

// The devices page in Debian's headless Chromium against the real service: an engineer provisions
// a device and sees its secret once, the device connects with it, its battery shows, a new secret
// replaces the old one, and revoking disconnects it.
describe('the devices page in a browser', () => {
  let service: TestApp;
  let browser: Browser;

  const openAs = async (who: KeyHolder): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    await context.addInitScript({ content: "localStorage.setItem('jct-lang', 'en');" });
    const page = await context.newPage();
    await page.goto(`${service.httpUrl}/dashboard/devices.html`);
    await page.fill('#key', apiKey(who));
    await page.click('form#login button[type=submit]');
    return page;
  };

  beforeAll(async () => {
    browser = await launchChromium();
    service = await startTestApp();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await service?.close();
  }, 30_000);

  it('an engineer provisions a device (secret shown once), sees its battery, rotates and revokes it', async () => {
    const page = await openAs('engineer');
    await page.waitForSelector('#devices #device-ICE-1', { timeout: 10_000 });
    // A device of the site configuration is listed without actions.
    expect(await page.locator('#device-ICE-1 button').count()).toBe(0);

    await page.fill('#provision input[name=id]', 'TRK-700');
    await page.selectOption('#provision select[name=kind]', 'container');
    await page.fill('#provision input[name=asset]', 'cont-frozen-1');
    await page.click('#provision button[type=submit]');
    const secret = (await page.locator('#secret').textContent({ timeout: 10_000 }))!;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-devices.png'), fullPage: true });

    const device = await connectWithSecret(service.mqttUrl, 'TRK-700', secret);
    await device.publishAsync('devices/TRK-700/telemetry', reading({ tempC: -18, batteryPct: 64 }), {
      qos: 1,
    });
    await device.endAsync();
    await waitFor('the battery on the page', async () => {
      await page.reload();
      await page.waitForSelector('#device-TRK-700');
      return (await page.textContent('#device-TRK-700 .battery')) === '64 %';
    });

    // A new secret: shown once, and the old one no longer connects.
    await page.click('#device-TRK-700 button.rotate');
    await waitFor('the new secret on the page', async () => (await page.textContent('#secret')) !== secret);
    const rotated = (await page.locator('#secret').textContent())!;
    await expect(connectWithSecret(service.mqttUrl, 'TRK-700', secret)).rejects.toThrow(
      'Bad username or password',
    );
    const connected = await connectWithSecret(service.mqttUrl, 'TRK-700', rotated);
    const closed = new Promise<void>((resolve) => connected.once('close', () => resolve()));

    page.once('dialog', (dialog) => void dialog.accept());
    await page.click('#device-TRK-700 button.revoke');
    await page.waitForSelector('#device-TRK-700[data-status=revoked]', { timeout: 10_000 });
    await closed;
    connected.end(true);
  });

  it('an operator is told the page is not for their key', async () => {
    const page = await openAs('operator');
    await page.waitForSelector('p.error', { timeout: 10_000 });
    expect(await page.textContent('p.error')).toBe('Your key does not give access to this page.');
  });
});

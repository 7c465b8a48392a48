import type { Browser } from 'playwright-core';
import { apiKey, withKey } from '../support/api-keys';
import { launchChromium } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

// Swagger UI at /api/docs in Debian's headless Chromium: an admin authorizes with the API key and
// issues a key with "Try it out" on POST /api/keys — the request body comes from the document.
describe('Swagger UI', () => {
  let service: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    service = await startTestApp();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  it('Authorize with the admin key, Try it out on POST /api/keys with {"role": "operator"} → 201 and the key works', async () => {
    const page = await browser.newPage();
    await page.goto(`${service.httpUrl}/api/docs`);
    await page.click('.auth-wrapper button.authorize');
    await page.fill('.modal-ux input', apiKey('admin'));
    await page.click('.modal-ux button.modal-btn.authorize');
    await page.click('.modal-ux button.btn-done');

    const operation = page.locator('.opblock-post', { has: page.locator('[data-path="/api/keys"]') });
    await operation.locator('.opblock-summary').click();
    await operation.locator('button.try-out__btn').click();
    await operation.locator('textarea.body-param__text').fill('{"role": "operator"}');
    await operation.locator('button.execute').click();

    const status = operation.locator('.live-responses-table .response .response-col_status').first();
    await status.waitFor({ timeout: 10_000 });
    expect((await status.textContent())?.trim()).toMatch(/^201/);
    const body = JSON.parse(
      (await operation
        .locator('.live-responses-table .response-col_description pre')
        .first()
        .textContent()) ?? '',
    ) as { id: string; key: string; role: string };
    expect(body.role).toBe('operator');
    // The issued key is real: it lists crossings as an operator.
    const crossings = await fetch(`${service.httpUrl}/api/crossings`, {
      headers: { Authorization: `Bearer ${body.key}` },
    });
    expect(crossings.status).toBe(200);
    const keys = (await (await fetch(`${service.httpUrl}/api/keys`, withKey('admin'))).json()) as {
      id: string;
    }[];
    expect(keys.map((key) => key.id)).toContain(body.id);
  }, 60_000);
});

import type { Browser, Page } from 'playwright-core';
import { apiKey, type KeyHolder } from './api-keys';

/**
 * Opens `path` of the dashboard and signs in through the login form, as a person would, then waits
 * for the live stream. The page is in English unless `ownLanguage`: then it takes the person's
 * language from the site.
 */
export async function signIn(
  browser: Browser,
  httpUrl: string,
  who: KeyHolder,
  path: string,
  ownLanguage = false,
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  if (!ownLanguage) {
    await context.addInitScript({
      content: "if (!localStorage.getItem('jct-lang')) localStorage.setItem('jct-lang', 'en');",
    });
  }
  const page = await context.newPage();
  await page.goto(`${httpUrl}${path}`);
  await page.fill('#key', apiKey(who));
  await page.click('form#login button[type=submit]');
  await page.waitForSelector('#live.on', { timeout: 10_000 });
  return page;
}

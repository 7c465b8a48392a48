import type { MqttClient } from 'mqtt';
import type { Browser } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestClock } from '../../apps/service/src/clock/test-clock';
import { apiKey, withKey } from '../support/api-keys';
import { launchChromium } from '../support/browser';
import { connectDevice, reading } from '../support/devices';
import { startSmtpServer, type SmtpTestServer } from '../harness/smtp';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../harness/wait';

const SCREENSHOTS = process.env.SCREENSHOTS_DIR ?? mkdtempSync(join(tmpdir(), 'jct-screenshots-'));

// The silences page in Debian's headless Chromium against the real service (in-process, a real
// SMTP listener, a real MQTT device) on a settable clock: the page's silence holds the mails and
// reminders of a firing alert, the page lists the alert as silenced, and the mails resume after.
describe('the silences page in a browser', () => {
  let smtp: SmtpTestServer;
  let service: TestApp;
  let browser: Browser;
  let device: MqttClient;
  const clock = new TestClock();

  beforeAll(async () => {
    browser = await launchChromium();
    smtp = await startSmtpServer();
    service = await startTestApp(
      { SMTP_URL: smtp.url, NOTIFY_REPEAT_SECONDS: '2', NOTIFY_GROUP_SECONDS: '0' },
      { clock },
    );
    device = await connectDevice(service.mqttUrl, 'CONT-01');
  }, 60_000);
  afterAll(async () => {
    await device?.endAsync();
    await browser?.close();
    await service?.close();
    await smtp?.stop();
  }, 30_000);

  const mailsAbout = (id: string) => smtp.messages.filter((mail) => mail.subject?.includes(`${id} —`));

  it('a silence created from the page stops the e-mails and reminders of a matching firing alert, shows it silenced, and the e-mails resume after it expires', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    await context.addInitScript({ content: "localStorage.setItem('jct-lang', 'en');" });
    const page = await context.newPage();
    await page.goto(`${service.httpUrl}/dashboard/silences.html`);
    await page.fill('#key', apiKey('operator'));
    await page.click('form#login button[type=submit]');
    await page.waitForSelector('#new-silence', { timeout: 10_000 });

    await page.fill('#silence-subjectId', 'CONT-01');
    await page.fill('#silence-minutes', '1');
    await page.fill('#silence-comment', 'tracker known faulty until the truck reaches the depot');
    await page.click('#new-silence button[type=submit]');
    await page.waitForSelector('tr[data-silence][data-state=active]', { timeout: 10_000 });

    await device.publishAsync('devices/CONT-01/telemetry', reading({ doorOpen: true }, clock.now()), {
      qos: 1,
    });
    // The page lists the alert as silenced (it refreshes every 5 s).
    await page.waitForSelector('#silenced-alerts tr[data-silenced=true]', { timeout: 15_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-silences.png'), fullPage: true });

    await clock.advance(30_000); // fifteen reminder intervals, the silence still on
    expect(mailsAbout('CONT-01')).toEqual([]);

    // The silence ends a minute after the page made it (the browser's clock): the service's
    // clock is moved there, and on to its next once-a-second round.
    const [silence] = (await (
      await fetch(`${service.httpUrl}/api/silences`, withKey('operator'))
    ).json()) as {
      endsAt: string;
    }[];
    await clock.advance(Math.max(0, Date.parse(silence!.endsAt) - clock.now()) + 1000);
    await waitFor('the mails after the silence', () => mailsAbout('CONT-01').length >= 3);
    await clock.advance(4000); // past a reminder interval from the end, whatever the rounds' phase
    await waitFor('a reminder', () =>
      mailsAbout('CONT-01').some((mail) => /Reminder|Напоминание|提醒/.test(mail.subject ?? '')),
    );
    await page.reload();
    await page.waitForSelector('tr[data-silence][data-state=expired]', { timeout: 10_000 });
    await context.close();
  }, 90_000);
});

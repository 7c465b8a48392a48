import { TestClock } from '../../apps/service/src/clock/test-clock';
import { DailyReports } from '../../apps/service/src/notifications/daily-reports.service';
import { localTime, previousDate, startOfLocalDay } from '../../apps/service/src/notifications/local-day';
import { startSmtpServer, type SmtpTestServer } from '../harness/smtp';
import { waitFor } from '../harness/wait';
import { callApi } from '../support/api-keys';
import { connectDevice, reading } from '../support/devices';
import { siteWithFreeTrackers } from '../support/shipment-site';
import { storedCount } from '../support/telemetry';
import { startTestApp, type TestApp } from '../support/test-app';

const ZONE = 'Asia/Shanghai'; // owner-fresh's time zone in the shipped site configuration
const MIN = 60_000;
const HOUR = 60 * MIN;

// A tracker rides two registered shipments on one day: the morning's, delivered at noon, and the
// afternoon's. Each shipment's daily report covers only its own part of the day, from the readings
// it owns, and goes to its owner's person once (real service in-process, real SMTP listener).
describe('daily condition reports of registered shipments', () => {
  let smtp: SmtpTestServer;
  let service: TestApp;
  // Yesterday 08:00 in Shanghai, whenever the test runs.
  const yesterday = previousDate(localTime(Date.now(), ZONE).date);
  const dayStart = startOfLocalDay(yesterday, ZONE);
  const clock = new TestClock(dayStart + 8 * HOUR);

  beforeAll(async () => {
    smtp = await startSmtpServer();
    service = await startTestApp(
      {
        SITE_CONFIG: siteWithFreeTrackers(),
        SMTP_URL: smtp.url,
        NOTIFY_GROUP_SECONDS: '0',
        NOTIFY_REPORT_TIME: '07:00',
      },
      { clock },
    );
  }, 30_000);
  afterAll(async () => {
    await service?.close();
    await smtp?.stop();
  }, 30_000);

  const register = async (containerNumber: string) => {
    const created = await callApi(service.httpUrl, 'owner-fresh', 'POST', '/api/shipments', {
      containerNumber,
      cargoProfile: 'fresh-produce',
      trackers: ['CONT-04'],
      legs: [],
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await callApi(service.httpUrl, 'owner-fresh', 'POST', `/api/shipments/${id}/start`)).status).toBe(
      200,
    );
    return id;
  };
  /** The four hours before the clock's now: a reading every 10 minutes, at one temperature. */
  const ride = async (tempC: number) => {
    const tracker = await connectDevice(service.mqttUrl, 'CONT-04');
    const start = clock.now() - 4 * HOUR;
    for (let i = 1; i <= 24; i++)
      await tracker.publishAsync('devices/CONT-04/telemetry', reading({ tempC }, start + i * 10 * MIN - 1), {
        qos: 1,
      });
    await tracker.endAsync();
  };

  it("each shipment reports its own part of the day, once, to its owner's person", async () => {
    const morning = await register('JCTU0000013');
    await clock.advance(4 * HOUR);
    await ride(2);
    expect(
      (await callApi(service.httpUrl, 'owner-fresh', 'POST', `/api/shipments/${morning}/deliver`)).status,
    ).toBe(200);
    const afternoon = await register('MSKU9070323');
    await clock.advance(4 * HOUR);
    await ride(3);

    await waitFor(
      'the 48 readings stored',
      async () =>
        (await storedCount(service.httpUrl, 'CONT-04', 'tempC', dayStart, dayStart + 24 * HOUR)) === 48,
    );
    // This morning at 07:00 local the reports of yesterday are due.
    const reports = service.app.get(DailyReports);
    await reports.run(dayStart + 31 * HOUR);
    // The owner's reports of the day come grouped in one e-mail, a section per container.
    const mail = await waitFor('the owner’s reports', () =>
      smtp.messages.find((m) => /^每日货物状况报告/.test(m.subject ?? '') && m.text?.includes('JCTU0000013')),
    );
    const sections = (mail.text ?? '').split(/(?=集装箱: )/);
    const section = (number: string) => sections.filter((part) => part.startsWith(`集装箱: ${number}`));
    expect(section('JCTU0000013')).toHaveLength(1);
    expect(section('MSKU9070323')).toHaveLength(1);
    // 24 readings each: the morning's at 2 °C, the afternoon's at 3 °C, none of the other's.
    expect(section('JCTU0000013')[0]).toContain(`(${morning})`);
    expect(section('JCTU0000013')[0]).toMatch(/最低 2\.0, 最高 2\.0.*; 24 条读数/);
    expect(section('MSKU9070323')[0]).toContain(`(${afternoon})`);
    expect(section('MSKU9070323')[0]).toMatch(/最低 3\.0, 最高 3\.0.*; 24 条读数/);

    // Run again: nothing twice.
    const count = smtp.messages.length;
    await reports.run(dayStart + 31 * HOUR + MIN);
    expect(smtp.messages.length).toBe(count);
  }, 60_000);
});

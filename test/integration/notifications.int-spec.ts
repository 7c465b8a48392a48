import { meanKineticTemperatureC } from '@jct/rules';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import type { ParsedMail } from 'mailparser';
import { DailyReports } from '../../apps/service/src/notifications/daily-reports.service';
import { localTime, previousDate, startOfLocalDay } from '../../apps/service/src/notifications/local-day';
import { NotificationService } from '../../apps/service/src/notifications/notification.service';
import { connectDevice, reading } from '../support/devices';
import { startSmtpServer, type SmtpTestServer } from '../harness/smtp';
import { startTestApp, type TestApp } from '../support/test-app';
import { withKey } from '../support/api-keys';
import { waitFor } from '../harness/wait';

const to = (mail: ParsedMail) =>
  (Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((a) => a?.value.map((v) => v.address) ?? []);
const OPERATORS = ['operator.jalinda@example.ru', 'operator.mohe@example.cn'];

// Notifications against a real SMTP listener: routing by role and owner, language and time
// zone, resolve notices, grouping, reminders, daily reports, and delivery across an SMTP outage
// and a restart — once.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const idOf = (messageId: string | undefined) => (messageId ?? '').replace(/^<|>$/g, '');
/** A container reports its door, each time over a new connection (kept in `devices` to close). */
async function openDoor(service: TestApp, devices: MqttClient[], id: string, open: boolean, ts: number) {
  const device = await connectDevice(service.mqttUrl, id, { clientId: `${id}:${devices.length}` });
  devices.push(device);
  await device.publishAsync(`devices/${id}/telemetry`, reading({ doorOpen: open }, ts), { qos: 1 });
}

describe('alert e-mails', () => {
  let smtp: SmtpTestServer;
  let service: TestApp;
  const devices: MqttClient[] = [];

  const door = (id: string, open: boolean, ts = Date.now()) => openDoor(service, devices, id, open, ts);
  const mailsFor = (address: string) => smtp.messages.filter((mail) => to(mail).includes(address));

  beforeAll(async () => {
    smtp = await startSmtpServer();
    service = await startTestApp({
      SMTP_URL: smtp.url,
      NOTIFY_RETRY_MAX_SECONDS: '3',
      NOTIFY_GROUP_SECONDS: '1',
      PUBLIC_URL: 'https://jct.example',
    });
  }, 30_000);
  afterAll(async () => {
    await Promise.all(devices.map((device) => device.endAsync()));
    await service?.close();
    await smtp?.stop();
  }, 30_000);

  it('a cargo alert reaches its owner’s people and, for a door, the operators — never another owner', async () => {
    await door('CONT-02', true); // heihe-fresh
    await waitFor('four mails', () => smtp.messages.length >= 3);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const recipients = smtp.messages.flatMap(to).sort();
    expect(recipients).toEqual(['cold-chain@heihe-fresh.example', ...OPERATORS].sort());
    expect(mailsFor('logistics@amur-timber.example')).toEqual([]);
    expect(mailsFor('qa@harbin-pharma.example')).toEqual([]);
  });

  it('each person reads it in their language and time zone, with a link to the alert', async () => {
    const [ru] = mailsFor('operator.jalinda@example.ru');
    const [zh] = mailsFor('operator.mohe@example.cn');
    expect(ru.subject).toMatch(/^\[КРИТИЧНО\] Тревога: CONT-02 — дверь открыта вне зоны досмотра/);
    expect(zh.subject).toMatch(/^\[严重\] 警报: CONT-02 — 在查验区外开门/);
    expect(ru.text).toMatch(/\(Asia\/Yakutsk\)/);
    expect(zh.text).toMatch(/\(Asia\/Shanghai\)/);
    // Yakutsk is one hour ahead of Shanghai all year (docs/domain.md §0).
    const hour = (text: string) =>
      Number(/(\d{1,2}):\d{2}/.exec(text.split('\n').find((l) => /Asia\//.test(l))!)![1]);
    expect((hour(ru.text!) - hour(zh.text!) + 24) % 24).toBe(1);
    expect(ru.html).toMatch(/href="https:\/\/jct\.example\/dashboard\/shipments\.html#alert-[0-9a-f-]{36}"/);
  });

  it('a resolved alert sends a resolve notice saying how long it lasted', async () => {
    const before = smtp.messages.length;
    await door('CONT-02', false, Date.now() + 1);
    await waitFor('resolve notices', () => smtp.messages.length >= before + 3);
    const [notice] = mailsFor('cold-chain@heihe-fresh.example').filter((m) => m.subject?.includes('已解除'));
    expect(notice.subject).toMatch(/已解除: CONT-02 — 在查验区外开门 — 恢复正常，持续 \d+ min/);
  });
});

describe.each([
  ['and no restart', false],
  ['and a restart halfway', true],
])('SMTP down for two minutes while five alerts fire, %s', (_, restart) => {
  let smtp: SmtpTestServer;
  let service: TestApp;
  const devices: MqttClient[] = [];
  const env = () => ({ SMTP_URL: smtp.url, NOTIFY_RETRY_MAX_SECONDS: '3', NOTIFY_GROUP_SECONDS: '1' });

  beforeAll(async () => {
    smtp = await startSmtpServer();
    service = await startTestApp(env());
  }, 30_000);
  afterAll(async () => {
    await Promise.all(devices.map((device) => device.endAsync()));
    await service?.close();
    await smtp?.stop();
  }, 30_000);

  const door = (id: string, open: boolean, ts = Date.now()) => openDoor(service, devices, id, open, ts);

  it('every mail arrives afterwards, once', async () => {
    await smtp.stop();
    const start = smtp.messages.length;
    const outageStart = new Date().toISOString();
    for (const id of ['CONT-01', 'CONT-02', 'CONT-03', 'CONT-04']) await door(id, true);
    const ferry = await connectDevice(service.mqttUrl, 'FERRY-1', { clientId: 'FERRY-1:mail' });
    devices.push(ferry);
    await ferry.publishAsync('devices/FERRY-1/telemetry', reading({ waterLevelCm: 100 }), { qos: 1 });
    type Delivery = { alertId: string; to: string; status: string; createdAt: string; messageId?: string };
    const outbox = async () =>
      (
        (await (
          await fetch(`${service.httpUrl}/api/notifications`, withKey('engineer'))
        ).json()) as Delivery[]
      ).filter((d) => d.createdAt >= outageStart);
    // Four doors (owners and operators) and low water (operators): at least 9 deliveries.
    await waitFor('the outbox to hold them', async () => (await outbox()).length >= 9);

    await sleep(60_000);
    if (restart) {
      // Halfway through the outage the service restarts: the outbox survives.
      for (const device of devices.splice(0)) await device.endAsync();
      await service.stop();
      service = await startTestApp(env(), { dataDir: service.dataDir });
    }
    await sleep(60_000);
    expect(smtp.messages.length).toBe(start);

    await smtp.start();
    // Everything queued during the outage (the five alerts, and stations reported silent meanwhile).
    await waitFor(
      'every queued mail delivered',
      async () => (await outbox()).every((d) => d.status === 'sent'),
      30_000,
      200,
    );
    await sleep(3000); // and nothing more comes
    const queued = await outbox();
    const delivered = smtp.messages.slice(start);
    // No e-mail arrived twice, and every delivery travelled in exactly one of them, to its person
    // (what waited for the same person went out together: grouping).
    const ids = delivered.map((mail) => idOf(mail.messageId));
    expect(new Set(ids).size).toBe(ids.length);
    const byId = new Map(delivered.map((mail) => [idOf(mail.messageId), mail]));
    for (const delivery of queued) {
      const mail = byId.get(idOf(delivery.messageId));
      expect(mail && to(mail)).toEqual([delivery.to]);
    }
    expect(new Set(queued.map((d) => idOf(d.messageId))).size).toBe(delivered.length);
    // The five alerts that fired during the outage are among them.
    const texts = delivered.map((mail) => mail.text ?? '');
    for (const subject of ['CONT-01', 'CONT-03', 'CONT-04', 'FERRY-1', 'CONT-02']) {
      expect(texts.some((text) => text.includes(`${subject} (`))).toBe(true);
    }
  }, 200_000);
});

describe('reminders of unacknowledged critical alerts', () => {
  let smtp: SmtpTestServer;
  let service: TestApp;
  let device: MqttClient;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    service = await startTestApp({
      SMTP_URL: smtp.url,
      NOTIFY_REPEAT_SECONDS: '2',
      NOTIFY_GROUP_SECONDS: '0',
    });
    device = await connectDevice(service.mqttUrl, 'CONT-01');
  }, 30_000);
  afterAll(async () => {
    await device?.endAsync();
    await service?.close();
    await smtp?.stop();
  }, 30_000);

  const toOwner = () => smtp.messages.filter((mail) => to(mail).includes('logistics@amur-timber.example'));

  it('repeats a critical alert every interval until it is acknowledged, then stops', async () => {
    await device.publishAsync('devices/CONT-01/telemetry', reading({ doorOpen: true }), { qos: 1 });
    await waitFor('the first reminder', () => toOwner().length >= 2, 10_000, 100);
    const [first, reminder] = toOwner();
    expect(first.subject).toMatch(/^\[КРИТИЧНО\] Тревога: CONT-01/);
    expect(reminder.subject).toMatch(/^\[КРИТИЧНО\] Напоминание, не принято: CONT-01/);

    const [alert] = (await (
      await fetch(`${service.httpUrl}/api/alerts?subject=CONT-01&state=firing`, withKey('operator'))
    ).json()) as { id: string }[];
    expect(
      (await fetch(`${service.httpUrl}/api/alerts/${alert.id}/ack`, withKey('operator', { method: 'POST' })))
        .status,
    ).toBe(200);
    const afterAck = toOwner().length;
    await new Promise((resolve) => setTimeout(resolve, 5000)); // two more intervals
    expect(toOwner().length).toBe(afterAck);
  }, 30_000);
});

describe('grouping', () => {
  let smtp: SmtpTestServer;
  let service: TestApp;
  const devices: MqttClient[] = [];

  beforeAll(async () => {
    smtp = await startSmtpServer();
    service = await startTestApp({ SMTP_URL: smtp.url, NOTIFY_GROUP_SECONDS: '3' });
  }, 30_000);
  afterAll(async () => {
    await Promise.all(devices.map((device) => device.endAsync()));
    await service?.close();
    await smtp?.stop();
  }, 30_000);

  const mailsFor = (address: string) => smtp.messages.filter((mail) => to(mail).includes(address));

  it('four doors opened within the window: one e-mail per person, carrying each of their alerts and no one else’s', async () => {
    for (const id of ['CONT-01', 'CONT-02', 'CONT-03', 'CONT-04']) {
      const device = await connectDevice(service.mqttUrl, id);
      devices.push(device);
      await device.publishAsync(`devices/${id}/telemetry`, reading({ doorOpen: true }), { qos: 1 });
    }
    await waitFor('mail to every owner', () =>
      ['logistics@amur-timber.example', 'cold-chain@heihe-fresh.example', 'qa@harbin-pharma.example'].every(
        (address) => mailsFor(address).length > 0,
      ),
    );
    await sleep(4000); // one more window: nothing else may come

    const [operator, ...moreForOperator] = mailsFor('operator.jalinda@example.ru');
    expect(moreForOperator).toEqual([]);
    expect(operator.subject).toMatch(
      /^\[КРИТИЧНО\] Тревога: CONT-0\d — дверь открыта вне зоны досмотра \(и ещё \d+\)$/,
    );
    for (const id of ['CONT-01', 'CONT-02', 'CONT-03', 'CONT-04'])
      expect(operator.text).toContain(`${id} (container)`);

    const [fresh, ...moreForFresh] = mailsFor('cold-chain@heihe-fresh.example');
    expect(moreForFresh).toEqual([]);
    expect(fresh.subject).toMatch(/^\[严重\] 警报: CONT-0[24] — 在查验区外开门 \(另有 1 条\)$/);
    expect(fresh.text).toContain('CONT-02 (container)');
    expect(fresh.text).toContain('CONT-04 (container)');
    expect(fresh.text).not.toMatch(/CONT-0[13]/);

    const timber = mailsFor('logistics@amur-timber.example');
    expect(timber).toHaveLength(1);
    expect(timber[0].subject).toBe('[КРИТИЧНО] Тревога: CONT-01 — дверь открыта вне зоны досмотра');
  }, 30_000);
});

describe('daily condition report', () => {
  const ZONE = 'Asia/Shanghai'; // owner-pharma's time zone in the shipped site configuration
  const MIN = 60_000;
  let smtp: SmtpTestServer;
  let service: TestApp;
  const env = () => ({ SMTP_URL: smtp.url, NOTIFY_GROUP_SECONDS: '1' });

  beforeAll(async () => {
    smtp = await startSmtpServer();
    // The service has run on this DATA_DIR, knowing every container, since two days ago.
    const dataDir = mkdtempSync(join(tmpdir(), 'jct-app-'));
    const since = Date.now() - 2 * 86_400_000;
    const containers = ['cont-timber-1', 'cont-apples-1', 'cont-pharma-1', 'cont-frozen-1'];
    mkdirSync(join(dataDir, 'reports'));
    writeFileSync(
      join(dataDir, 'reports', 'coverage.json'),
      JSON.stringify({
        serviceSince: since,
        containers: Object.fromEntries(containers.map((id) => [id, since])),
      }),
    );
    service = await startTestApp(env(), { dataDir });
  }, 30_000);
  afterAll(async () => {
    await service?.close();
    await smtp?.stop();
  }, 30_000);

  const reports = (address: string) =>
    smtp.messages.filter(
      (mail) =>
        to(mail).includes(address) &&
        /^(Daily condition report|每日货物状况报告|Суточный)/.test(mail.subject ?? ''),
    );

  it('yesterday’s figures for the owner’s own container, in their language, once — even across restarts', async () => {
    // Yesterday in Shanghai: a reading every 10 minutes, 5 °C but one hour at 12 °C.
    const day = previousDate(localTime(Date.now(), ZONE).date);
    const from = startOfLocalDay(day, ZONE);
    const temperatures = Array.from({ length: 144 }, (_, i) => (i >= 60 && i < 66 ? 12 : 5));
    const device = await connectDevice(service.mqttUrl, 'CONT-03');
    for (const [i, tempC] of temperatures.entries()) {
      await device.publishAsync(
        'devices/CONT-03/telemetry',
        reading({ tempC, humidityPct: 40 }, from + i * 10 * MIN),
        {
          qos: 1,
        },
      );
    }
    await device.endAsync();
    const stored = async () => {
      const url = `${service.httpUrl}/api/devices/CONT-03/telemetry?metric=tempC&from=${from}&to=${from + 86_400_000}&limit=1000`;
      return ((await (await fetch(url, withKey('engineer'))).json()) as { points: unknown[] }).points.length;
    };
    await waitFor('the day stored', async () => (await stored()) === 144);

    // The report is due at 00:00 local time: right after the restart.
    await service.stop();
    service = await startTestApp({ ...env(), NOTIFY_REPORT_TIME: '00:00' }, { dataDir: service.dataDir });
    const [report] = await waitFor(
      'the pharma report',
      () => (reports('qa@harbin-pharma.example').length ? reports('qa@harbin-pharma.example') : undefined),
      20_000,
      200,
    );
    expect(report.subject).toBe(`Daily condition report: CSQU3054383 — ${day}`);
    expect(report.text).toContain(
      'Temperature (limits 2…8 °C): min 5.0, max 12.0, mean 5.3 °C; out of range 1 h 0 min; 144 readings',
    );
    expect(report.text).toContain(
      'Humidity: min 40.0, max 40.0, mean 40.0 %; out of range 0 min; 144 readings',
    );
    expect(report.text).toContain(
      `Mean kinetic temperature: ${meanKineticTemperatureC(temperatures).toFixed(2)} °C — within limits (≤ 8 °C)`,
    );
    // Only their own container; the fresh-produce owner hears of both of theirs, in one e-mail.
    expect(report.text).not.toMatch(/CONT-0[124]/);
    await waitFor('the fresh-produce report', () => reports('cold-chain@heihe-fresh.example').length > 0);
    const [fresh] = reports('cold-chain@heihe-fresh.example');
    expect(fresh.text).toContain('(CONT-02)');
    expect(fresh.text).toContain('(CONT-04)');
    expect(fresh.text).toContain('温度 (限值 -1…4 °C): 无读数');

    // Another restart on the same day sends nothing again.
    const count = smtp.messages.length;
    await service.stop();
    service = await startTestApp({ ...env(), NOTIFY_REPORT_TIME: '00:00' }, { dataDir: service.dataDir });
    await sleep(8000);
    expect(smtp.messages.length).toBe(count);
  }, 90_000);
});

describe('daily condition report on a first start', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp({ NOTIFY_REPORT_TIME: '00:00' });
  }, 30_000);
  afterAll(async () => service?.close(), 30_000);

  it('reports no day before the service first ran; the first day it ran is reported the next morning', async () => {
    const reports = service.app.get(DailyReports);
    const outbox = service.app.get(NotificationService).outbox;
    const ZONE = 'Asia/Shanghai'; // owner-pharma's time zone in the shipped site configuration
    const now = Date.now();
    const today = localTime(now, ZONE).date;
    const keyFor = (day: string) => `report:CONT-03:${day}:owner-pharma`;

    await reports.run(now);
    expect(outbox.has(keyFor(previousDate(today)))).toBe(false);
    // Tomorrow morning: today, when the service was running and the shipment existed, is reported.
    await reports.run(now + 86_400_000);
    expect(outbox.has(keyFor(today))).toBe(true);
  });
});

describe('after a crash between the alert log and the outbox', () => {
  let smtp: SmtpTestServer;
  let service: TestApp;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    service = await startTestApp({ SMTP_URL: smtp.url, NOTIFY_GROUP_SECONDS: '0' });
  }, 30_000);
  afterAll(async () => {
    await service?.close();
    await smtp?.stop();
  }, 30_000);

  it('a transition in the alert log but not in the outbox is mailed at the next start, with the same Message-ID', async () => {
    const owner = () => smtp.messages.filter((mail) => to(mail).includes('logistics@amur-timber.example'));
    const device = await connectDevice(service.mqttUrl, 'CONT-01');
    await device.publishAsync('devices/CONT-01/telemetry', reading({ doorOpen: true }), { qos: 1 });
    await device.endAsync();
    await waitFor('the first mail', () => owner().length === 1);
    await service.stop();
    // The crash: the outbox never heard of the transition.
    writeFileSync(join(service.dataDir, 'outbox', 'outbox.ndjson'), '');

    service = await startTestApp(
      { SMTP_URL: smtp.url, NOTIFY_GROUP_SECONDS: '0' },
      { dataDir: service.dataDir },
    );
    await waitFor('the mail again', () => owner().length === 2);
    const [first, again] = owner();
    expect(again.subject).toBe(first.subject);
    expect(again.messageId).toBe(first.messageId);
  }, 30_000);
});

describe('a recipient the mail server refuses for good', () => {
  let smtp: SmtpTestServer;
  let service: TestApp;

  beforeAll(async () => {
    smtp = await startSmtpServer({ refuse: ['qa@harbin-pharma.example'] });
    service = await startTestApp({ SMTP_URL: smtp.url, NOTIFY_GROUP_SECONDS: '0' });
  }, 30_000);
  afterAll(async () => {
    await service?.close();
    await smtp?.stop();
  }, 30_000);

  it('is recorded as failed with the server’s answer, visible through the API, and not retried', async () => {
    const device = await connectDevice(service.mqttUrl, 'CONT-03');
    await device.publishAsync('devices/CONT-03/telemetry', reading({ doorOpen: true }), { qos: 1 });
    await device.endAsync();
    type Delivery = { to: string; status: string; attempts: number; lastError?: string };
    const failed = async () =>
      (await (
        await fetch(`${service.httpUrl}/api/notifications?status=failed`, withKey('engineer'))
      ).json()) as Delivery[];
    const refused = await waitFor('the failed delivery', async () => (await failed())[0]);
    expect(refused).toMatchObject({ to: 'qa@harbin-pharma.example', status: 'failed', attempts: 1 });
    expect(refused.lastError).toMatch(/^550 .*no such mailbox/);
    // The operators still hear of the door.
    await waitFor('the operators’ mails', () => smtp.messages.length === 2);
    await sleep(7000); // past the first retry's delay: nothing is tried again
    expect((await failed())[0].attempts).toBe(1);
  }, 30_000);
});

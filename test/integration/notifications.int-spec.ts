import { meanKineticTemperatureC } from '@jct/rules';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import type { ParsedMail } from 'mailparser';
import { TestClock } from '../../apps/service/src/clock/test-clock';
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
// and a restart — once. Each service runs on a settable clock: group windows, retries, reminders
// and report times pass when a test advances it, and `clock.advance` resolves once the sending
// rounds that fell due have finished — so "nothing more came" is known, not waited for.
const idOf = (messageId: string | undefined) => (messageId ?? '').replace(/^<|>$/g, '');
type Delivery = {
  alertId?: string;
  to: string;
  subject: string;
  status: string;
  attempts: number;
  createdAt: string;
  messageId?: string;
  lastError?: string;
};
/** The outbox through the engineers' API. */
async function outboxOf(service: TestApp, status?: string): Promise<Delivery[]> {
  const query = status ? `?status=${status}` : '';
  const response = await fetch(`${service.httpUrl}/api/notifications${query}`, withKey('engineer'));
  return (await response.json()) as Delivery[];
}
/** A container reports its door, each time over a new connection (kept in `devices` to close). */
async function openDoor(service: TestApp, devices: MqttClient[], id: string, open: boolean, ts: number) {
  const device = await connectDevice(service.mqttUrl, id, { clientId: `${id}:${devices.length}` });
  devices.push(device);
  await device.publishAsync(`devices/${id}/telemetry`, reading({ doorOpen: open }, ts), { qos: 1 });
}

describe('alert e-mails', () => {
  let smtp: SmtpTestServer;
  let service: TestApp;
  const clock = new TestClock();
  const devices: MqttClient[] = [];

  const door = (id: string, open: boolean, ts = clock.now()) => openDoor(service, devices, id, open, ts);
  // Each test has its own container: it reads only the mail about it, never another test's.
  const mailsAbout = (id: string) => smtp.messages.filter((mail) => mail.subject?.includes(`${id} —`));
  const mailsFor = (address: string, id: string) =>
    mailsAbout(id).filter((mail) => to(mail).includes(address));
  /** Waits for `count` deliveries about `id` in the outbox, then lets the 1 s group window pass. */
  const sendQueued = async (id: string, count: number) => {
    await waitFor(`${count} deliveries about ${id}`, async () => {
      const about = (await outboxOf(service)).filter((d) => d.subject.includes(`${id} —`));
      return about.length >= count;
    });
    await clock.advance(1000);
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    service = await startTestApp(
      {
        SMTP_URL: smtp.url,
        NOTIFY_RETRY_MAX_SECONDS: '3',
        NOTIFY_GROUP_SECONDS: '1',
        PUBLIC_URL: 'https://jct.example',
      },
      { clock },
    );
  }, 30_000);
  afterAll(async () => {
    await Promise.all(devices.map((device) => device.endAsync()));
    await service?.close();
    await smtp?.stop();
  }, 30_000);

  it('a cargo alert reaches its owner’s people and, for a door, the operators — never another owner', async () => {
    await door('CONT-02', true); // heihe-fresh
    await sendQueued('CONT-02', 3);
    // The round that fell due has finished: these are all the mails about it.
    const recipients = mailsAbout('CONT-02').flatMap(to).sort();
    expect(recipients).toEqual(['cold-chain@heihe-fresh.example', ...OPERATORS].sort());
  });

  it('each person reads it in their language and time zone, with a link to the alert', async () => {
    await door('CONT-03', true); // harbin-pharma
    await sendQueued('CONT-03', 3);
    const [ru] = mailsFor('operator.jalinda@example.ru', 'CONT-03');
    const [zh] = mailsFor('operator.mohe@example.cn', 'CONT-03');
    expect(ru.subject).toMatch(/^\[КРИТИЧНО\] Тревога: CONT-03 — дверь открыта вне зоны досмотра/);
    expect(zh.subject).toMatch(/^\[严重\] 警报: CONT-03 — 在查验区外开门/);
    expect(ru.text).toMatch(/\(Asia\/Yakutsk\)/);
    expect(zh.text).toMatch(/\(Asia\/Shanghai\)/);
    // Yakutsk is one hour ahead of Shanghai all year (docs/domain.md §0).
    const hour = (text: string) =>
      Number(/(\d{1,2}):\d{2}/.exec(text.split('\n').find((l) => /Asia\//.test(l))!)![1]);
    expect((hour(ru.text!) - hour(zh.text!) + 24) % 24).toBe(1);
    expect(ru.html).toMatch(/href="https:\/\/jct\.example\/dashboard\/shipments\.html#alert-[0-9a-f-]{36}"/);
  });

  it('a resolved alert sends a resolve notice saying how long it lasted', async () => {
    await door('CONT-04', true); // heihe-fresh
    await sendQueued('CONT-04', 3);
    await clock.advance(5 * 60_000);
    await door('CONT-04', false);
    await sendQueued('CONT-04', 6);
    const notices = mailsFor('cold-chain@heihe-fresh.example', 'CONT-04').filter((m) =>
      m.subject?.includes('已解除'),
    );
    expect(notices.map((m) => m.subject)).toEqual([
      '[严重] 已解除: CONT-04 — 在查验区外开门 — 恢复正常，持续 5 分钟',
    ]);
  });
});

describe.each([
  ['and no restart', false],
  ['and a restart halfway', true],
])('SMTP down for two minutes while five alerts fire, %s', (_, restart) => {
  let smtp: SmtpTestServer;
  let service: TestApp;
  const clock = new TestClock();
  const devices: MqttClient[] = [];
  const env = () => ({ SMTP_URL: smtp.url, NOTIFY_RETRY_MAX_SECONDS: '3', NOTIFY_GROUP_SECONDS: '1' });

  beforeAll(async () => {
    smtp = await startSmtpServer();
    service = await startTestApp(env(), { clock });
  }, 30_000);
  afterAll(async () => {
    await Promise.all(devices.map((device) => device.endAsync()));
    await service?.close();
    await smtp?.stop();
  }, 30_000);

  const door = (id: string, open: boolean, ts = clock.now()) => openDoor(service, devices, id, open, ts);

  it('every mail arrives afterwards, once', async () => {
    await smtp.stop();
    const start = smtp.messages.length;
    const outageStart = new Date(clock.now()).toISOString();
    for (const id of ['CONT-01', 'CONT-02', 'CONT-03', 'CONT-04']) await door(id, true);
    const ferry = await connectDevice(service.mqttUrl, 'FERRY-1', { clientId: 'FERRY-1:mail' });
    devices.push(ferry);
    await ferry.publishAsync('devices/FERRY-1/telemetry', reading({ waterLevelCm: 100 }, clock.now()), {
      qos: 1,
    });
    const outbox = async () => (await outboxOf(service)).filter((d) => d.createdAt >= outageStart);
    // Four doors (owners and operators) and low water (operators): at least 9 deliveries.
    await waitFor('the outbox to hold them', async () => (await outbox()).length >= 9);

    // A minute of the outage: a sending round every second, each refused, retried with backoff.
    await clock.advance(60_000);
    const tried = await outbox();
    expect(tried.every((d) => d.status === 'queued')).toBe(true);
    // Sending was tried again and again (a round stops at its first refusal: the server is down for
    // everyone), and nothing was given up.
    expect(Math.max(...tried.map((d) => d.attempts))).toBeGreaterThan(10);
    if (restart) {
      // Halfway through the outage the service restarts: the outbox survives.
      for (const device of devices.splice(0)) await device.endAsync();
      await service.stop();
      expect(clock.timers).toBe(0); // the stopped service left no work scheduled
      service = await startTestApp(env(), { dataDir: service.dataDir, clock });
    }
    await clock.advance(60_000);
    expect(smtp.messages.length).toBe(start);

    await smtp.start();
    // Everything queued during the outage (the five alerts, and stations reported silent
    // meanwhile) goes at the next retry: at most NOTIFY_RETRY_MAX_SECONDS away.
    await clock.advance(3000);
    expect((await outbox()).filter((d) => d.status !== 'sent')).toEqual([]);
    await clock.advance(60_000); // and nothing more comes
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
  }, 60_000);
});

describe('reminders of unacknowledged critical alerts', () => {
  let smtp: SmtpTestServer;
  let service: TestApp;
  let device: MqttClient;
  const clock = new TestClock();

  beforeAll(async () => {
    smtp = await startSmtpServer();
    service = await startTestApp(
      { SMTP_URL: smtp.url, NOTIFY_REPEAT_SECONDS: '2', NOTIFY_GROUP_SECONDS: '0' },
      { clock },
    );
    device = await connectDevice(service.mqttUrl, 'CONT-01');
  }, 30_000);
  afterAll(async () => {
    await device?.endAsync();
    await service?.close();
    await smtp?.stop();
  }, 30_000);

  const toOwner = () => smtp.messages.filter((mail) => to(mail).includes('logistics@amur-timber.example'));

  it('repeats a critical alert every interval until it is acknowledged, then stops', async () => {
    await device.publishAsync('devices/CONT-01/telemetry', reading({ doorOpen: true }, clock.now()), {
      qos: 1,
    });
    await waitFor('the alert mail', () => toOwner().length === 1); // sent at once: no group window
    await clock.advance(1999);
    expect(toOwner()).toHaveLength(1); // not yet an interval
    await clock.advance(1);
    const [first, reminder, ...more] = toOwner();
    expect(more).toEqual([]);
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
    await clock.advance(4000); // two more intervals
    expect(toOwner().length).toBe(afterAck);
  }, 30_000);
});

describe('grouping', () => {
  let smtp: SmtpTestServer;
  let service: TestApp;
  const clock = new TestClock();
  const devices: MqttClient[] = [];

  beforeAll(async () => {
    smtp = await startSmtpServer();
    service = await startTestApp({ SMTP_URL: smtp.url, NOTIFY_GROUP_SECONDS: '3' }, { clock });
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
      await device.publishAsync(`devices/${id}/telemetry`, reading({ doorOpen: true }, clock.now()), {
        qos: 1,
      });
    }
    // Four doors, each to its owner and the two operators.
    await waitFor('12 deliveries queued', async () => (await outboxOf(service, 'queued')).length >= 12);
    await clock.advance(2999);
    expect(smtp.messages).toEqual([]); // the window is still open
    await clock.advance(1);
    await clock.advance(4000); // one more window: nothing else may come

    const [operator, ...moreForOperator] = mailsFor('operator.jalinda@example.ru');
    expect(moreForOperator).toEqual([]);
    expect(operator.subject).toMatch(
      /^\[КРИТИЧНО\] Тревога: CONT-0\d — дверь открыта вне зоны досмотра \(и ещё \d+\)$/,
    );
    for (const id of ['CONT-01', 'CONT-02', 'CONT-03', 'CONT-04'])
      expect(operator.text).toContain(`${id} (контейнер)`);

    const [fresh, ...moreForFresh] = mailsFor('cold-chain@heihe-fresh.example');
    expect(moreForFresh).toEqual([]);
    expect(fresh.subject).toMatch(/^\[严重\] 警报: CONT-0[24] — 在查验区外开门 \(另有 1 条\)$/);
    expect(fresh.text).toContain('CONT-02 (集装箱)');
    expect(fresh.text).toContain('CONT-04 (集装箱)');
    expect(fresh.text).not.toMatch(/CONT-0[13]/);

    const timber = mailsFor('logistics@amur-timber.example');
    expect(timber).toHaveLength(1);
    expect(timber[0].subject).toBe('[КРИТИЧНО] Тревога: CONT-01 — дверь открыта вне зоны досмотра');
  }, 30_000);
});

describe('daily condition report', () => {
  const ZONE = 'Asia/Shanghai'; // owner-pharma's time zone in the shipped site configuration
  const MIN = 60_000;
  // Noon today in Shanghai: the whole test stays on one calendar day, whenever it runs.
  const clock = new TestClock(startOfLocalDay(localTime(Date.now(), ZONE).date, ZONE) + 12 * 60 * MIN);
  let smtp: SmtpTestServer;
  let service: TestApp;
  const env = () => ({ SMTP_URL: smtp.url, NOTIFY_GROUP_SECONDS: '1' });

  beforeAll(async () => {
    smtp = await startSmtpServer();
    // The service has run on this DATA_DIR, knowing every container, since two days ago.
    const dataDir = mkdtempSync(join(tmpdir(), 'jct-app-'));
    const since = clock.now() - 2 * 86_400_000;
    const containers = ['cont-timber-1', 'cont-apples-1', 'cont-pharma-1', 'cont-frozen-1'];
    mkdirSync(join(dataDir, 'reports'));
    writeFileSync(
      join(dataDir, 'reports', 'coverage.json'),
      JSON.stringify({
        serviceSince: since,
        containers: Object.fromEntries(containers.map((id) => [id, since])),
      }),
    );
    service = await startTestApp(env(), { dataDir, clock });
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
    const day = previousDate(localTime(clock.now(), ZONE).date);
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

    // The report is due at 00:00 local time: it goes with the check 5 s after the restart (and
    // the group window after it).
    await service.stop();
    service = await startTestApp(
      { ...env(), NOTIFY_REPORT_TIME: '00:00' },
      { dataDir: service.dataDir, clock },
    );
    await clock.advance(4999);
    expect(reports('qa@harbin-pharma.example')).toEqual([]);
    await clock.advance(1001);
    const [report, ...again] = reports('qa@harbin-pharma.example');
    expect(again).toEqual([]);
    expect(report.subject).toBe(`Daily condition report: CSQU3054383 — ${day}`);
    expect(report.text).toContain(
      'Temperature (limits 2…8 °C): min 5.0, max 12.0, mean 5.3 °C; out of range 1 h; 144 readings',
    );
    expect(report.text).toContain(
      'Humidity: min 40.0, max 40.0, mean 40.0 %; out of range 0 s; 144 readings',
    );
    expect(report.text).toContain(
      `Mean kinetic temperature: ${meanKineticTemperatureC(temperatures).toFixed(2)} °C — within limits (≤ 8 °C)`,
    );
    // Only their own container; the fresh-produce owner hears of both of theirs, in one e-mail.
    expect(report.text).not.toMatch(/CONT-0[124]/);
    const [fresh] = reports('cold-chain@heihe-fresh.example');
    expect(fresh.text).toContain('(CONT-02)');
    expect(fresh.text).toContain('(CONT-04)');
    expect(fresh.text).toContain('温度 (限值 -1…4 °C): 无读数');

    // Another restart on the same day sends nothing again.
    const count = smtp.messages.length;
    await service.stop();
    service = await startTestApp(
      { ...env(), NOTIFY_REPORT_TIME: '00:00' },
      { dataDir: service.dataDir, clock },
    );
    await clock.advance(2 * 60 * MIN); // the check at start and every minute for two hours
    expect(smtp.messages.length).toBe(count);
  }, 90_000);
});

describe('daily condition report on a first start', () => {
  let service: TestApp;
  // A settable clock, so the service's own report rounds do not run beside the test's.
  const clock = new TestClock();

  beforeAll(async () => {
    service = await startTestApp({ NOTIFY_REPORT_TIME: '00:00' }, { clock });
  }, 30_000);
  afterAll(async () => service?.close(), 30_000);

  it('reports no day before the service first ran; the first day it ran is reported the next morning', async () => {
    const reports = service.app.get(DailyReports);
    const outbox = service.app.get(NotificationService).outbox;
    const ZONE = 'Asia/Shanghai'; // owner-pharma's time zone in the shipped site configuration
    const now = clock.now();
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
  const clock = new TestClock();

  beforeAll(async () => {
    smtp = await startSmtpServer();
    service = await startTestApp({ SMTP_URL: smtp.url, NOTIFY_GROUP_SECONDS: '0' }, { clock });
  }, 30_000);
  afterAll(async () => {
    await service?.close();
    await smtp?.stop();
  }, 30_000);

  it('a transition in the alert log but not in the outbox is mailed at the next start, with the same Message-ID', async () => {
    const owner = () => smtp.messages.filter((mail) => to(mail).includes('logistics@amur-timber.example'));
    const device = await connectDevice(service.mqttUrl, 'CONT-01');
    await device.publishAsync('devices/CONT-01/telemetry', reading({ doorOpen: true }, clock.now()), {
      qos: 1,
    });
    await device.endAsync();
    await waitFor('the first mail', () => owner().length === 1);
    await service.stop();
    // The crash: the outbox never heard of the transition.
    writeFileSync(join(service.dataDir, 'outbox', 'outbox.ndjson'), '');

    service = await startTestApp(
      { SMTP_URL: smtp.url, NOTIFY_GROUP_SECONDS: '0' },
      { dataDir: service.dataDir, clock },
    );
    await clock.advance(1000); // the first sending round after the start
    expect(owner()).toHaveLength(2);
    const [first, again] = owner();
    expect(again.subject).toBe(first.subject);
    expect(again.messageId).toBe(first.messageId);
  }, 30_000);
});

describe('a recipient the mail server refuses for good', () => {
  let smtp: SmtpTestServer;
  let service: TestApp;

  const clock = new TestClock();

  beforeAll(async () => {
    smtp = await startSmtpServer({ refuse: ['qa@harbin-pharma.example'] });
    service = await startTestApp({ SMTP_URL: smtp.url, NOTIFY_GROUP_SECONDS: '0' }, { clock });
  }, 30_000);
  afterAll(async () => {
    await service?.close();
    await smtp?.stop();
  }, 30_000);

  it('is recorded as failed with the server’s answer, visible through the API, and not retried', async () => {
    const device = await connectDevice(service.mqttUrl, 'CONT-03');
    await device.publishAsync('devices/CONT-03/telemetry', reading({ doorOpen: true }, clock.now()), {
      qos: 1,
    });
    await device.endAsync();
    const failed = () => outboxOf(service, 'failed');
    const refused = await waitFor('the failed delivery', async () => (await failed())[0]);
    expect(refused).toMatchObject({ to: 'qa@harbin-pharma.example', status: 'failed', attempts: 1 });
    expect(refused.lastError).toMatch(/^550 .*no such mailbox/);
    // The operators still hear of the door.
    await waitFor('the operators’ mails', () => smtp.messages.length === 2);
    await clock.advance(60_000); // far past the first retry's delay (5 s): nothing is tried again
    expect((await failed())[0].attempts).toBe(1);
  }, 30_000);
});

import type { MqttClient } from 'mqtt';
import type { ParsedMail } from 'mailparser';
import { connectDevice, reading } from '../support/devices';
import { startSmtpServer, type SmtpTestServer } from '../support/smtp-server';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

const to = (mail: ParsedMail) =>
  (Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((a) => a?.value.map((v) => v.address) ?? []);
const OPERATORS = ['operator.jalinda@example.ru', 'operator.mohe@example.cn'];

// Notifications against a real SMTP listener: routing by role and owner, language and time
// zone, resolve notices, and delivery across an SMTP outage and a restart — once.
describe('alert e-mails', () => {
  let smtp: SmtpTestServer;
  let service: TestApp;
  const devices: MqttClient[] = [];

  const door = async (id: string, open: boolean, ts = Date.now()) => {
    const device = await connectDevice(service.mqttUrl, id, { clientId: `${id}:${devices.length}` });
    devices.push(device);
    await device.publishAsync(`devices/${id}/telemetry`, reading({ doorOpen: open }, ts), { qos: 1 });
  };
  const mailsFor = (address: string) => smtp.messages.filter((mail) => to(mail).includes(address));

  beforeAll(async () => {
    smtp = await startSmtpServer();
    service = await startTestApp({
      SMTP_URL: smtp.url,
      NOTIFY_RETRY_MAX_SECONDS: '3',
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
    // Yakutsk is one hour ahead of Shanghai all year (domain.md §0).
    const hour = (text: string) =>
      Number(/(\d{1,2}):\d{2}/.exec(text.split('\n').find((l) => /Asia\//.test(l))!)![1]);
    expect((hour(ru.text!) - hour(zh.text!) + 24) % 24).toBe(1);
    expect(ru.html).toMatch(/href="https:\/\/jct\.example\/api\/alerts\/[0-9a-f-]{36}"/);
  });

  it('a resolved alert sends a resolve notice saying how long it lasted', async () => {
    const before = smtp.messages.length;
    await door('CONT-02', false, Date.now() + 1);
    await waitFor('resolve notices', () => smtp.messages.length >= before + 3);
    const [notice] = mailsFor('cold-chain@heihe-fresh.example').filter((m) => m.subject?.includes('已解除'));
    expect(notice.subject).toMatch(/已解除: CONT-02 — 在查验区外开门 — 恢复正常，持续 \d+ min/);
  });

  it('with SMTP down for two minutes while five alerts fire, and a restart in between, every mail arrives once', async () => {
    await smtp.stop();
    const start = smtp.messages.length;
    const outageStart = new Date().toISOString();
    for (const id of ['CONT-01', 'CONT-03', 'CONT-04']) await door(id, true);
    const ferry = await connectDevice(service.mqttUrl, 'FERRY-1', { clientId: 'FERRY-1:mail' });
    devices.push(ferry);
    await ferry.publishAsync('devices/FERRY-1/telemetry', reading({ waterLevelCm: 100 }), { qos: 1 });
    await door('CONT-02', true, Date.now() + 2);
    type Delivery = { alertId: string; to: string; status: string; createdAt: string };
    const outbox = async () =>
      ((await (await fetch(`${service.httpUrl}/api/notifications`)).json()) as Delivery[]).filter(
        (d) => d.createdAt >= outageStart,
      );
    // Four doors (owners and operators) and low water (operators): at least 9 mails.
    await waitFor('the outbox to hold them', async () => (await outbox()).length >= 9);

    // Halfway through the outage the service restarts: the outbox survives.
    await new Promise((resolve) => setTimeout(resolve, 60_000));
    for (const device of devices.splice(0)) await device.endAsync();
    await service.stop();
    service = await startTestApp(
      { SMTP_URL: smtp.url, NOTIFY_RETRY_MAX_SECONDS: '3', PUBLIC_URL: 'https://jct.example' },
      { dataDir: service.dataDir },
    );
    await new Promise((resolve) => setTimeout(resolve, 60_000));
    expect(smtp.messages.length).toBe(start);

    await smtp.start();
    // Everything queued during the outage (the five alerts, and stations reported silent meanwhile).
    await waitFor(
      'every queued mail delivered',
      async () => (await outbox()).every((d) => d.status === 'sent'),
      30_000,
      200,
    );
    await new Promise((resolve) => setTimeout(resolve, 3000)); // and nothing more comes
    const queued = await outbox();
    const delivered = smtp.messages.slice(start);
    expect(delivered.flatMap(to).sort()).toEqual(queued.map((d) => d.to).sort());
    const ids = delivered.map((mail) => `${mail.messageId}|${to(mail).join()}`);
    expect(new Set(ids).size).toBe(ids.length);
    // The five alerts that fired during the outage are among them.
    const subjects = delivered.map((mail) => mail.subject ?? '');
    for (const subject of ['CONT-01', 'CONT-03', 'CONT-04', 'FERRY-1', 'CONT-02']) {
      expect(subjects.some((s) => s.includes(`: ${subject} — `))).toBe(true);
    }
  }, 200_000);
});

describe('reminders of unacknowledged critical alerts', () => {
  let smtp: SmtpTestServer;
  let service: TestApp;
  let device: MqttClient;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    service = await startTestApp({ SMTP_URL: smtp.url, NOTIFY_REPEAT_SECONDS: '2' });
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
      await fetch(`${service.httpUrl}/api/alerts?subject=CONT-01&state=firing`)
    ).json()) as { id: string }[];
    expect((await fetch(`${service.httpUrl}/api/alerts/${alert.id}/ack`, { method: 'POST' })).status).toBe(
      200,
    );
    const afterAck = toOwner().length;
    await new Promise((resolve) => setTimeout(resolve, 5000)); // two more intervals
    expect(toOwner().length).toBe(afterAck);
  }, 30_000);
});

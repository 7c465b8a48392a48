import type { MqttClient } from 'mqtt';
import type { ParsedMail } from 'mailparser';
import { TestClock } from '../../apps/service/src/clock/test-clock';
import { connectDevice, reading } from '../support/devices';
import { startSmtpServer, type SmtpTestServer } from '../harness/smtp';
import { startTestApp, type TestApp } from '../support/test-app';
import { withKey, type KeyHolder } from '../support/api-keys';
import { waitFor } from '../harness/wait';
import { writeSiteConfig } from '../support/site-config';

const to = (mail: ParsedMail) =>
  (Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((a) => a?.value.map((v) => v.address) ?? []);
type Silence = {
  id: string;
  state: string;
  matchers: Record<string, string>;
  createdBy: string;
  audit?: { action: string; by: string; at: number }[];
};
type Alert = { id: string; ruleId: string; state: string; silenced: boolean; silenceId?: string };

// Silences against the real service, a real SMTP listener and a settable clock: a silenced alert
// is recorded and shown but not mailed or reminded; when the silence ends the alert still firing
// is mailed once and reminders resume. `clock.advance` resolves once the rounds that fell due
// (sending, reminders, the silences' ends) have finished.
describe('silences', () => {
  let smtp: SmtpTestServer;
  let service: TestApp;
  const clock = new TestClock();
  const devices: MqttClient[] = [];

  beforeAll(async () => {
    smtp = await startSmtpServer();
    service = await startTestApp(
      { SMTP_URL: smtp.url, NOTIFY_REPEAT_SECONDS: '2', NOTIFY_GROUP_SECONDS: '0' },
      { clock },
    );
  }, 30_000);
  afterAll(async () => {
    await Promise.all(devices.map((device) => device.endAsync()));
    await service?.close();
    await smtp?.stop();
  }, 30_000);

  const api = async (who: KeyHolder, method: string, path: string, body?: unknown) => {
    const response = await fetch(
      `${service.httpUrl}${path}`,
      withKey(who, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const silence = (who: KeyHolder, matchers: Record<string, string>, forMs: number) =>
    api(who, 'POST', '/api/silences', {
      matchers,
      endsAt: new Date(clock.now() + forMs).toISOString(),
      comment: 'tracker known faulty until the truck reaches the depot',
    });
  const openDoor = async (id: string) => {
    const device = await connectDevice(service.mqttUrl, id, { clientId: `${id}:${devices.length}` });
    devices.push(device);
    await device.publishAsync(`devices/${id}/telemetry`, reading({ doorOpen: true }, clock.now()), {
      qos: 1,
    });
  };
  const firing = async (id: string) =>
    ((await api('operator', 'GET', `/api/alerts?subject=${id}&state=firing`)).body as Alert[])[0];
  const mailsAbout = (id: string) => smtp.messages.filter((mail) => mail.subject?.includes(`${id} —`));

  it('stops the e-mails and reminders of a matching firing alert, which stays visible as silenced; mails resume after it ends', async () => {
    const created = await silence('operator', { subjectId: 'CONT-01' }, 10_000);
    expect(created.status).toBe(201);
    const { id } = created.body as Silence;
    expect(created.body).toMatchObject({ state: 'active', createdBy: 'op-jalinda' });

    await openDoor('CONT-01'); // amur-timber: a critical alert to its owner and the operators
    const alert = await waitFor('the alert, recorded', () => firing('CONT-01'));
    expect(alert).toMatchObject({ ruleId: 'cargo.door-open-outside-zone', silenced: true, silenceId: id });

    await clock.advance(9999); // four reminder intervals, the silence still on
    expect(mailsAbout('CONT-01')).toEqual([]);
    expect(await firing('CONT-01')).toMatchObject({ silenced: true });

    await clock.advance(1); // the silence ends by itself: the alert still firing is mailed, once
    await waitFor('the mails after the silence', () => mailsAbout('CONT-01').length >= 3);
    const after = mailsAbout('CONT-01');
    expect(after.flatMap(to).sort()).toEqual(
      ['logistics@amur-timber.example', 'operator.jalinda@example.ru', 'operator.mohe@example.cn'].sort(),
    );
    expect(after.every((mail) => /Тревога|警报|Alert/.test(mail.subject ?? ''))).toBe(true);
    expect(await firing('CONT-01')).toMatchObject({ silenced: false });
    expect(((await api('operator', 'GET', '/api/silences')).body as Silence[])[0]).toMatchObject({
      id,
      state: 'expired',
    });

    await clock.advance(1999); // no second mail within the interval
    expect(mailsAbout('CONT-01')).toHaveLength(3);
    await clock.advance(1); // reminders resume, one interval after the end
    await waitFor('a reminder', () => mailsAbout('CONT-01').length >= 6);
    expect(
      mailsAbout('CONT-01')
        .slice(3)
        .every((mail) => /Напоминание|提醒|Reminder/.test(mail.subject ?? '')),
    ).toBe(true);

    const audited = (await api('operator', 'GET', `/api/silences/${id}`)).body as Silence;
    expect(audited.audit?.map((entry) => [entry.action, entry.by])).toEqual([
      ['created', 'op-jalinda'],
      ['ended', 'service'],
    ]);
  }, 60_000);

  it('expired early by a person: ended at once, audited with who and when, and the alert mailed', async () => {
    const created = (
      await silence('engineer', { ruleId: 'cargo.door-open-outside-zone', subjectId: 'CONT-03' }, 3_600_000)
    ).body as Silence;
    await openDoor('CONT-03');
    await waitFor('the alert, silenced', async () => (await firing('CONT-03'))?.silenced === true);
    await clock.advance(2000);
    expect(mailsAbout('CONT-03')).toEqual([]);

    const expired = await api('operator', 'DELETE', `/api/silences/${created.id}`);
    expect(expired).toMatchObject({ status: 200, body: { state: 'expired', expiredBy: 'op-jalinda' } });
    await clock.advance(1000);
    await waitFor('the mails after the silence', () => mailsAbout('CONT-03').length >= 3);
    const audited = (await api('engineer', 'GET', `/api/silences/${created.id}`)).body as Silence;
    expect(audited.audit?.map((entry) => [entry.action, entry.by])).toEqual([
      ['created', 'eng-on-call'],
      ['expired', 'op-jalinda'],
    ]);
    expect(audited.audit?.[1]?.at).toBeGreaterThanOrEqual(audited.audit?.[0]?.at ?? Infinity);
  }, 60_000);

  it('a cargo owner silences only their own shipments’ alerts and sees only their silences', async () => {
    // CONT-01 is amur-timber's, not heihe-fresh's: as if it did not exist.
    expect((await silence('owner-fresh', { subjectId: 'CONT-01' }, 60_000)).status).toBe(404);
    expect((await silence('owner-fresh', { owner: 'amur-timber' }, 60_000)).status).toBe(403);
    const own = await silence('owner-fresh', { ruleId: 'cargo.temp-high' }, 60_000);
    expect(own).toMatchObject({
      status: 201,
      body: { matchers: { ruleId: 'cargo.temp-high', owner: 'heihe-fresh' } },
    });
    const theirs = (await api('owner-fresh', 'GET', '/api/silences')).body as Silence[];
    expect(theirs.map((s) => s.id)).toEqual([(own.body as Silence).id]);
    const operators = (await api('operator', 'GET', '/api/silences')).body as Silence[];
    expect(operators.length).toBeGreaterThan(1);
    const other = operators.find((s) => s.matchers.owner !== 'heihe-fresh')!;
    expect((await api('owner-fresh', 'GET', `/api/silences/${other.id}`)).status).toBe(404);
    expect((await api('owner-fresh', 'DELETE', `/api/silences/${other.id}`)).status).toBe(404);
  });

  it('a silence without a matcher, with an end in the past and no comment is refused with every reason', async () => {
    const refused = await api('operator', 'POST', '/api/silences', {
      matchers: { colour: 'red' },
      endsAt: new Date(clock.now() - 1000).toISOString(),
    });
    expect(refused.status).toBe(400);
    expect((refused.body as { message: string[] }).message).toEqual([
      'matchers.colour: not a matcher (ruleId, subjectId, crossingId, owner)',
    ]);
    const empty = await api('operator', 'POST', '/api/silences', {
      matchers: {},
      endsAt: new Date(clock.now() - 1000).toISOString(),
    });
    expect((empty.body as { message: string[] }).message).toEqual([
      'matchers: at least one of ruleId, subjectId, crossingId, owner',
      'endsAt: in the future',
      'endsAt: after startsAt',
      'comment: 1 to 2000 characters',
    ]);
  });
});

// Fail-safe stays: a silence holds mail, never a crossing's status.
describe('a crossing whose only ice station is silenced', () => {
  let service: TestApp;
  let station: MqttClient;
  const clock = new TestClock();

  beforeAll(async () => {
    const site = writeSiteConfig((doc) => {
      const ice = doc.crossings.find((crossing) => crossing.id === 'jalinda-mohe-ice')!;
      ice.season = { opens: '01-01', closes: '12-31' };
      ice.rules = { ...ice.rules, staleAfterMinutes: 0.05 }; // silent after 3 s
      const devices = doc.devices as { id: string; kind: string }[];
      doc.devices = devices.filter((device) => device.kind !== 'ice-station' || device.id === 'ICE-1');
    });
    service = await startTestApp({ SITE_CONFIG: site, ALERT_TICK_SECONDS: '1' }, { clock });
    station = await connectDevice(service.mqttUrl, 'ICE-1');
  }, 30_000);
  afterAll(async () => {
    await station?.endAsync();
    await service?.close();
  }, 30_000);

  const crossing = async () =>
    (await (
      await fetch(`${service.httpUrl}/api/crossings/jalinda-mohe-ice`, withKey('operator'))
    ).json()) as {
      status: string;
    };

  it('and stops reporting becomes unknown, its silent-station alert fires and is shown as silenced', async () => {
    const silenced = await fetch(
      `${service.httpUrl}/api/silences`,
      withKey('operator', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          matchers: { crossingId: 'jalinda-mohe-ice' },
          endsAt: new Date(clock.now() + 3_600_000).toISOString(),
          comment: 'ICE-1 out for maintenance',
        }),
      }),
    );
    expect(silenced.status).toBe(201);
    await station.publishAsync('devices/ICE-1/telemetry', reading({ iceThicknessCm: 120 }, clock.now()), {
      qos: 1,
    });
    // Judged on ICE-1's 120 cm: open, or restricted by the season's derating — not unknown.
    await waitFor('judged on ICE-1’s thickness', async () =>
      ['open', 'restricted'].includes((await crossing()).status),
    );

    await clock.advance(10_000); // ICE-1 says nothing more, well past the 3 s it may stay silent
    expect((await crossing()).status).toBe('unknown');
    const alerts = (await (
      await fetch(`${service.httpUrl}/api/alerts?subject=ICE-1&state=firing`, withKey('operator'))
    ).json()) as Alert[];
    expect(alerts.find((alert) => alert.ruleId === 'station.silent')).toMatchObject({ silenced: true });
    // The crossing matcher holds every alert of its stations.
    expect(alerts.every((alert) => alert.silenced)).toBe(true);
  }, 30_000);
});

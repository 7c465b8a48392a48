import type { ParsedMail } from 'mailparser';
import type { MqttClient } from 'mqtt';
import { startService, type ServiceProcess } from '../harness/service-process';
import { startSmtpServer, type SmtpTestServer } from '../harness/smtp';
import { waitFor } from '../harness/wait';
import { callApi, type KeyHolder } from '../support/api-keys';
import { connectDevice, reading } from '../support/devices';
import { siteWithFreeTrackers } from '../support/shipment-site';

type Alert = { id: string; ruleId: string; subjectId: string; shipmentId?: string; state: string };
type Shipment = { id: string; state: string; openAlerts: number; excursions: { alertId: string }[] };

const OTHER_OWNERS = ['logistics@amur-timber.example', 'qa@harbin-pharma.example'];
const recipients = (mail: ParsedMail) =>
  [mail.to ?? []].flat().flatMap((address) => address.value.map((v) => v.address ?? ''));

// A cargo owner's whole journey with a run-time shipment, on the built service with a real SMTP
// listener: register, attach a tracker, start; the tracker's breach raises an alert that carries
// the shipment and is mailed to that owner's people only; deliver; the same tracker on a new
// shipment starts clean while the old shipment keeps its alert and its condition report.
describe('a cargo owner’s shipment, from registration to the tracker’s next journey', () => {
  let service: ServiceProcess;
  let smtp: SmtpTestServer;
  let tracker: MqttClient;

  const api = async <T>(who: KeyHolder, method: string, path: string, body?: unknown) => {
    const response = await callApi(service.httpUrl, who, method, path, body);
    if (response.status >= 300)
      throw new Error(`${method} ${path} → ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  const register = async (containerNumber: string, overrides: object) => {
    const shipment = await api<Shipment>('owner-fresh', 'POST', '/api/shipments', {
      containerNumber,
      cargoProfile: 'dairy',
      overrides,
      trackers: ['CONT-04'],
    });
    return api<Shipment>('owner-fresh', 'POST', `/api/shipments/${shipment.id}/start`);
  };
  const publish = (tempC: number) =>
    tracker.publishAsync('devices/CONT-04/telemetry', reading({ tempC, humidityPct: 80 }), { qos: 1 });
  const alerts = () => api<Alert[]>('operator', 'GET', '/api/alerts');

  beforeAll(async () => {
    smtp = await startSmtpServer();
    service = await startService({
      SITE_CONFIG: siteWithFreeTrackers(),
      SMTP_URL: smtp.url,
      NOTIFY_GROUP_SECONDS: '0',
      NOTIFY_REPORT_TIME: 'off',
    });
    tracker = await connectDevice(service.mqttUrl, 'CONT-04');
  }, 40_000);
  afterAll(async () => {
    await tracker?.endAsync();
    await service?.destroy();
    await smtp?.stop();
  }, 30_000);

  it('the breach is the shipment’s alert, mailed to its owner’s people only; after delivery the next shipment starts clean and the old one keeps its alert and report', async () => {
    // Dairy 0…+6 °C; this owner wants to hear of any excursion at once (a narrowing override).
    const first = await register('JCTU0000013', { excursionMinutes: 0 });
    await publish(11);
    const alert = await waitFor('the shipment’s alert', async () =>
      (await alerts()).find((a) => a.shipmentId === first.id && a.ruleId === 'cargo.temp-high'),
    );
    expect(alert).toMatchObject({ subjectId: `${first.id}:CONT-04`, state: 'firing' });

    const mails = await waitFor('the alert mail', () => {
      const sent = smtp.messages.filter((mail) => `${mail.subject} ${mail.text}`.includes(first.id));
      return sent.length > 0 ? sent : undefined;
    });
    const to = mails.flatMap(recipients);
    expect(to).toContain('cold-chain@heihe-fresh.example');
    expect(to.filter((address) => OTHER_OWNERS.includes(address))).toEqual([]);

    await api('owner-fresh', 'POST', `/api/shipments/${first.id}/deliver`);
    // The same tracker on the owner's next container, with the profile's usual 10 minutes.
    const second = await register('JCTU0000029', {});
    await publish(11);
    await publish(4);

    // The old shipment keeps its alert and its condition report with the breach in it.
    const old = await api<Shipment>('owner-fresh', 'GET', `/api/shipments/${first.id}`);
    expect(old.excursions.map((e) => e.alertId)).toEqual([alert.id]);
    const report = await api<{ series: { tempC: { points: { value: number }[] } } }>(
      'owner-fresh',
      'GET',
      `/api/shipments/${first.id}/conditions`,
    );
    expect(report.series.tempC.points.map((p) => p.value)).toEqual([11]);

    // The new one starts clean: a fresh 11 °C reading is only pending (10 minutes not yet over),
    // where carried-over state would already be firing; nothing of the old shipment is in it.
    const next = await api<Shipment>('owner-fresh', 'GET', `/api/shipments/${second.id}`);
    expect([next.openAlerts, next.excursions]).toEqual([0, []]);
    expect((await alerts()).filter((a) => a.shipmentId === second.id)).toEqual([]);
    const nextReport = await waitFor('the new shipment’s readings stored', async () => {
      const body = await api<{ series: { tempC?: { points: { value: number }[] } } }>(
        'owner-fresh',
        'GET',
        `/api/shipments/${second.id}/conditions`,
      );
      return body.series.tempC?.points.length === 2 ? body : undefined;
    });
    expect(nextReport.series.tempC!.points.map((p) => p.value)).toEqual([11, 4]);
  }, 60_000);
});

import type { MqttClient } from 'mqtt';
import { connectDevice, reading } from '../support/devices';
import { freePort } from '../harness/ports';
import { startService, type ServiceProcess } from '../harness/service-process';
import { iceAllYear } from '../support/site-config';
import { withKey } from '../support/api-keys';
import { waitFor } from '../harness/wait';

// GET /metrics of the built service: the standard process_*/nodejs_* names, histograms for the
// latencies, and the domain gauges following what the service does.
jest.setTimeout(60_000);

const STATIONS = ['ICE-1', 'ICE-2', 'ICE-3', 'ICE-4'];
const CROSSING = 'jalinda-mohe-ice';

/** One sample's value from the Prometheus text format; undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelText = line.slice(name.length).split(' ')[0];
    if (!wanted.every((pair) => labelText.includes(pair))) continue;
    const value = line.slice(line.lastIndexOf(' ') + 1);
    return value === '+Inf' ? Infinity : Number(value);
  }
  return undefined;
}

describe('/metrics', () => {
  let service: ServiceProcess;
  const devices = new Map<string, MqttClient>();
  const scrape = async () => (await fetch(`${service.httpUrl}/metrics`)).text();
  const send = async (id: string, values: Record<string, number | boolean>, ts = Date.now()) => {
    if (!devices.has(id)) devices.set(id, await connectDevice(service.mqttUrl, id));
    await devices.get(id)!.publishAsync(`devices/${id}/telemetry`, reading(values, ts), { qos: 1 });
  };

  beforeAll(async () => {
    // An SMTP server that is not there: the alert's e-mails stay queued in the outbox.
    service = await startService({
      SITE_CONFIG: iceAllYear(),
      SMTP_URL: `smtp://127.0.0.1:${await freePort()}`,
      NOTIFY_GROUP_SECONDS: '0',
    });
  }, 40_000);
  afterAll(async () => {
    await Promise.all([...devices.values()].map((device) => device.endAsync()));
    await service?.destroy();
  }, 30_000);

  it('standard names without a prefix, and no summaries: every latency is a histogram', async () => {
    const text = await scrape();
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
      'nodejs_eventloop_lag_p99_seconds',
    ])
      expect([name, sample(text, name)]).toEqual([name, expect.any(Number)]);
    expect(text).not.toMatch(/^jct_(process|nodejs)_/m);
    expect(text).not.toMatch(/^# TYPE \S+ summary$/m);
    expect(text).toMatch(/^# TYPE jct_ingest_to_store_seconds histogram$/m);
    expect(text).toMatch(/^# TYPE jct_device_to_store_seconds histogram$/m);
  });

  it('before any reading → every station age +Inf, crossing status unknown with 0 t allowed, no device connected', async () => {
    const text = await scrape();
    for (const station of STATIONS)
      expect(sample(text, 'jct_station_newest_reading_age_seconds', { station })).toBe(Infinity);
    expect(sample(text, 'jct_crossing_status', { crossing: CROSSING, status: 'unknown' })).toBe(1);
    expect(sample(text, 'jct_crossing_status', { crossing: CROSSING, status: 'open' })).toBe(0);
    expect(sample(text, 'jct_crossing_allowed_gross_tonnes', { crossing: CROSSING })).toBe(0);
    expect(sample(text, 'jct_mqtt_connected_devices')).toBe(0);
    expect(sample(text, 'jct_notification_outbox_queued')).toBe(0);
  });

  it('thick ice from every station → open with the allowed mass, ages of seconds, four devices connected', async () => {
    const readingTs = Date.now() - 5_000;
    for (const id of STATIONS) await send(id, { iceThicknessCm: 110, airTempC: -25 }, readingTs);
    const text = await waitFor('the crossing to open in /metrics', async () => {
      const scraped = await scrape();
      return sample(scraped, 'jct_crossing_status', { crossing: CROSSING, status: 'open' }) === 1
        ? scraped
        : undefined;
    });
    expect(sample(text, 'jct_crossing_allowed_gross_tonnes', { crossing: CROSSING })).toBeGreaterThanOrEqual(
      40,
    );
    for (const station of STATIONS) {
      const age = sample(text, 'jct_station_newest_reading_age_seconds', { station })!;
      expect([station, age >= 5 && age < 60]).toEqual([station, true]);
    }
    expect(sample(text, 'jct_mqtt_connected_devices')).toBe(4);
  });

  it('thinning ice at ICE-2 → the alert counted by rule and severity as the API lists it; its e-mails queued while SMTP is down', async () => {
    const now = Date.now();
    for (const [i, cm] of [100, 90, 80, 70, 60].entries())
      await send('ICE-2', { iceThicknessCm: cm }, now + i * 100);
    type Alert = { ruleId: string; severity: string };
    const alerts = await waitFor('an active alert in the API', async () => {
      const response = await fetch(`${service.httpUrl}/api/alerts?state=active`, withKey('operator'));
      const body = (await response.json()) as { alerts: Alert[] } | Alert[];
      const list = Array.isArray(body) ? body : body.alerts;
      return list.length > 0 ? list : undefined;
    });
    const text = await waitFor(
      'the outbox to hold the alert e-mails',
      async () => {
        const scraped = await scrape();
        return (sample(scraped, 'jct_notification_outbox_queued') ?? 0) > 0 ? scraped : undefined;
      },
      15_000,
    );
    const expected = new Map<string, number>();
    for (const alert of alerts)
      expected.set(
        `${alert.ruleId}|${alert.severity}`,
        (expected.get(`${alert.ruleId}|${alert.severity}`) ?? 0) + 1,
      );
    for (const [key, count] of expected) {
      const [rule, severity] = key.split('|');
      expect([key, sample(text, 'jct_alerts_firing', { rule, severity })]).toEqual([key, count]);
    }
    expect(
      sample(text, 'jct_alerts_firing', { rule: 'ice.thickness-below-required' }),
    ).toBeGreaterThanOrEqual(1);
  });
});

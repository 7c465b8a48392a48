import type { MqttClient } from 'mqtt';
import { AlertWatcher } from '../support/alerts';
import { connectDevice, reading } from '../support/devices';
import { startService, type ServiceProcess } from '../harness/service-process';
import { iceAllYear } from '../support/site-config';
import { withKey } from '../support/api-keys';
import { waitFor } from '../harness/wait';

type CrossingView = {
  status: string;
  maxGrossTonnes: number;
  governingStationId?: string;
  reasons: { code: string; text: string }[];
};
const STATIONS = ['ICE-1', 'ICE-2', 'ICE-3', 'ICE-4'];
const HOUR = 3_600_000;

// End to end through the running service (MQTT in, MQTT and HTTP out):
// thinning ice moves the crossing from open to restricted with one alert; a warm 3-day mean
// derates capacity; a silent station makes the status unknown; an overweight truck entering fires.
describe('ice crossing status and alerts', () => {
  let service: ServiceProcess;
  let watcher: AlertWatcher;
  const devices = new Map<string, MqttClient>();

  const crossing = async (): Promise<CrossingView> =>
    (
      await fetch(`${service.httpUrl}/api/crossings/jalinda-mohe-ice`, withKey('operator'))
    ).json() as Promise<CrossingView>;
  /** Active alerts of a rule through the API: final once the readings are acknowledged (PUBACK). */
  const activeAlerts = async (ruleId: string): Promise<{ ruleId: string; subjectId: string }[]> =>
    (
      (await (await fetch(`${service.httpUrl}/api/alerts?state=active`, withKey('operator'))).json()) as {
        ruleId: string;
        subjectId: string;
      }[]
    ).filter((alert) => alert.ruleId === ruleId);
  const send = async (id: string, values: Record<string, number | boolean>, ts = Date.now()) => {
    if (!devices.has(id)) devices.set(id, await connectDevice(service.mqttUrl, id));
    await devices.get(id)!.publishAsync(`devices/${id}/telemetry`, reading(values, ts), { qos: 1 });
  };

  beforeAll(async () => {
    // Stations fall silent after 6 s here, so the silence case runs in seconds.
    service = await startService({
      SITE_CONFIG: iceAllYear({ staleAfterMinutes: 0.1 }),
      ALERT_TICK_SECONDS: '1',
    });
    watcher = await AlertWatcher.connect(service.mqttUrl);
  }, 40_000);
  afterAll(async () => {
    await Promise.all([...devices.values()].map((device) => device.endAsync()));
    await watcher?.close();
    await service?.destroy();
  }, 30_000);

  it('thinning from 110 cm to 60 cm moves the crossing from open (≥ 40 t) to restricted, with one alert and its reason', async () => {
    const now = Date.now();
    // A cold 3-day history: no thaw derating.
    for (const id of STATIONS) await send(id, { iceThicknessCm: 110, airTempC: -25 }, now - 1000);
    const open = await waitFor('open', async () =>
      (await crossing()).status === 'open' ? crossing() : undefined,
    );
    expect(open.maxGrossTonnes).toBeGreaterThanOrEqual(40);

    for (const [i, cm] of [100, 90, 80, 70, 60].entries()) {
      for (const id of STATIONS) await send(id, { iceThicknessCm: id === 'ICE-2' ? cm : 110 }, now + i * 100);
    }
    const restricted = await waitFor('restricted', async () =>
      (await crossing()).status === 'restricted' ? crossing() : undefined,
    );
    expect(restricted.maxGrossTonnes).toBe(14.4);
    expect(restricted.governingStationId).toBe('ICE-2');

    const alert = await watcher.waitForFiring('ice.thickness-below-required', 'ICE-2');
    expect(alert.alert.reason).toMatch(
      /station ICE-2: \d+ cm effective ice .*a 40 t truck needs 100 cm \(Gold, A = 4\)/,
    );
    // Every reading was acknowledged after the engine judged it: the store's answer is final.
    expect((await activeAlerts('ice.thickness-below-required')).map((a) => a.subjectId)).toEqual(['ICE-2']);
    // The retained status on MQTT is delivered on its own path: wait for it, bounded.
    await waitFor('the restricted status on MQTT', () =>
      watcher.statuses.some((s) => s.status === 'restricted' && s.maxGrossTonnes === 14.4),
    );
  }, 30_000);

  it('a warm 3-day mean derates the capacity (diving-works table: above 0 °C, capacity × 1/1.5²)', async () => {
    const now = Date.now();
    // ICE-2 read 60 cm above; back to 110 cm at once is faster than ice grows and would be held
    // (docs/domain.md §8), so an operator's drilling confirms it first.
    const drilled = await fetch(
      `${service.httpUrl}/api/crossings/jalinda-mohe-ice/stations/ICE-2/measurements`,
      withKey('operator', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ thicknessCm: 110 }),
      }),
    );
    expect(drilled.status).toBe(201);
    for (const id of STATIONS) await send(id, { iceThicknessCm: 110 }, now);
    // Three warm days of air temperature, hourly, from one station: the mean is +2 °C.
    const warm = devices.get('ICE-1')!;
    const batch = Array.from({ length: 72 }, (_, h) => ({
      ts: now - (72 - h) * HOUR + 500,
      values: { airTempC: 2 },
    }));
    await warm.publishAsync('devices/ICE-1/telemetry', JSON.stringify(batch), { qos: 1 });
    for (const id of STATIONS) await send(id, { iceThicknessCm: 110 }, now + 1);
    const derated = await waitFor('derated capacity', async () => {
      const view = await crossing();
      return view.reasons.some((r) => r.code === 'thaw') ? view : undefined;
    });
    // 48.4 t at 110 cm; the thaw table's mean above 0 °C gives × 1/1.5² → 21.5 t.
    expect(derated.maxGrossTonnes).toBeCloseTo(48.4 / 2.25, 0);
    expect(derated.status).toBe('restricted');
    await watcher.waitForFiring('ice.thaw', 'jalinda-mohe-ice');
  }, 30_000);

  it('a silent station turns the status unknown, never open', async () => {
    const now = Date.now();
    for (const id of ['ICE-1', 'ICE-2', 'ICE-3']) await send(id, { iceThicknessCm: 120 }, now);
    // ICE-4 stays silent past staleAfter (6 s): the crossing cannot be judged.
    const unknown = await waitFor(
      'unknown',
      async () => ((await crossing()).status === 'unknown' ? crossing() : undefined),
      15_000,
      200,
    );
    expect(unknown.maxGrossTonnes).toBe(0);
    expect(unknown.reasons.map((r) => r.text).join(' ')).toMatch(/ICE-4/);
    await watcher.waitForFiring('station.silent', 'ICE-4', 15_000);
  }, 30_000);

  it('an overweight truck entering the ice fires a critical alert', async () => {
    const now = Date.now();
    for (const id of STATIONS) await send(id, { iceThicknessCm: 80, airTempC: -25 }, now);
    const view = await waitFor('restricted at 80 cm', async () =>
      (await crossing()).status === 'restricted' ? crossing() : undefined,
    );
    // 25.6 t at 80 cm, less after the thaw above: a 38 t truck in the middle of the corridor.
    expect(view.maxGrossTonnes).toBeLessThan(38);
    await send('TRUCK-01', { lat: 53.4806, lon: 123.9031, speedKmh: 8, grossMassKg: 38_000 }, now + 10);
    const alert = await watcher.waitForFiring('traffic.overweight-on-ice', 'TRUCK-01');
    expect(alert.alert.severity).toBe('critical');
    expect(alert.alert.reason).toContain(
      `TRUCK-01 (38 t) is on jalinda-mohe-ice, which allows ${view.maxGrossTonnes} t now`,
    );
    // A light van on the same ice is fine.
    await send('TRUCK-02', { lat: 53.4852, lon: 123.9019, speedKmh: 8, grossMassKg: 6_000 }, now + 20);
    expect((await activeAlerts('traffic.overweight-on-ice')).map((a) => a.subjectId)).toEqual(['TRUCK-01']);
  }, 30_000);
});

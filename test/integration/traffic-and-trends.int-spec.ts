import type { MqttClient } from 'mqtt';
import { TestClock } from '../../apps/service/src/clock/test-clock';
import { AlertWatcher } from '../support/alerts';
import { withKey } from '../support/api-keys';
import { connectDevice } from '../support/devices';
import { iceAllYear } from '../support/site-config';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../harness/wait';

const MIN = 60_000;
const HOUR = 60 * MIN;
type Reading = { ts: number; values: Record<string, number | boolean> };

/** The alerts the service holds for a rule on a subject, through the operators' API. */
async function alertsOf(service: TestApp, ruleId: string, subjectId: string) {
  const response = await fetch(`${service.httpUrl}/api/alerts?subject=${subjectId}`, withKey('operator'));
  const alerts = (await response.json()) as { ruleId: string; state: string }[];
  return alerts.filter((alert) => alert.ruleId === ruleId);
}

// The rules the end-to-end suites do not reach: traffic speed, stopping and spacing on the ice,
// fast thinning, a container warming, and a flapping container temperature held to one alert.
describe('traffic, trends and flapping through the running engine', () => {
  let service: TestApp;
  let watcher: AlertWatcher;
  const clients = new Map<string, MqttClient>();

  const send = async (id: string, readings: Reading[]) => {
    if (!clients.has(id)) clients.set(id, await connectDevice(service.mqttUrl, id));
    for (let i = 0; i < readings.length; i += 200) {
      await clients
        .get(id)!
        .publishAsync(`devices/${id}/telemetry`, JSON.stringify(readings.slice(i, i + 200)), { qos: 1 });
    }
  };

  beforeAll(async () => {
    service = await startTestApp({ SITE_CONFIG: iceAllYear(), ALERT_TICK_SECONDS: '1' });
    watcher = await AlertWatcher.connect(service.mqttUrl);
    const now = Date.now();
    // Thick ice on all four stations: the crossing is open for 40 t.
    for (const id of ['ICE-1', 'ICE-2', 'ICE-3', 'ICE-4'])
      await send(id, [{ ts: now - 1000, values: { iceThicknessCm: 120, airTempC: -30 } }]);
  }, 30_000);
  afterAll(async () => {
    await Promise.all([...clients.values()].map((client) => client.endAsync()));
    await watcher?.close();
    await service?.close();
  }, 30_000);

  it('a truck at 25 km/h on 4 m of water is inside the resonance band 15.8–29.3 km/h and above the 20 km/h limit', async () => {
    await send('TRUCK-01', [
      { ts: Date.now(), values: { lat: 53.4806, lon: 123.9031, speedKmh: 25, grossMassKg: 12_000 } },
    ]);
    const alert = await watcher.waitForFiring('traffic.speed-on-ice', 'TRUCK-01');
    expect(alert.alert.reason).toMatch(/25 km\/h .*above the 20 km\/h limit/);
  });

  it('a truck at 17 km/h, under the limit but in the resonance band, fires too', async () => {
    await send('TRUCK-03', [
      { ts: Date.now(), values: { lat: 53.4826, lon: 123.9025, speedKmh: 17, grossMassKg: 12_000 } },
    ]);
    const alert = await watcher.waitForFiring('traffic.speed-on-ice', 'TRUCK-03');
    expect(alert.alert.reason).toMatch(/resonance band 15\.8–29\.3 km\/h for 4 m of water/);
  });

  it('two heavy trucks 100 m apart on the ice are closer than the 250 m heavy spacing', async () => {
    const now = Date.now();
    await send('TRUCK-02', [
      { ts: now, values: { lat: 53.4815, lon: 123.9028, speedKmh: 8, grossMassKg: 15_000 } },
    ]);
    await send('TRUCK-01', [
      { ts: now + 1, values: { lat: 53.4806, lon: 123.9031, speedKmh: 8, grossMassKg: 12_000 } },
    ]);
    const alert = await watcher.waitForFiring('traffic.spacing-on-ice', 'TRUCK-01');
    expect(alert.alert.reason).toMatch(/TRUCK-01 is \d+(\.\d)? m from TRUCK-02 .*at least 250 m required/);
  });

  it('a truck standing still on the ice for two minutes fires; for one minute it does not', async () => {
    // Device time from now to four minutes ahead (within the five minutes a clock may run ahead):
    // newer than this truck's earlier readings.
    const start = Date.now();
    const at = { lat: 53.479, lon: 123.9036, grossMassKg: 10_000 };
    await send('TRUCK-03', [
      { ts: start, values: { ...at, speedKmh: 0 } },
      { ts: start + MIN, values: { ...at, speedKmh: 6 } },
    ]);
    expect(watcher.firing('traffic.stopped-on-ice', 'TRUCK-03')).toEqual([]);
    await send('TRUCK-03', [
      { ts: start + 2 * MIN, values: { ...at, speedKmh: 0 } },
      { ts: start + 4 * MIN, values: { ...at, speedKmh: 0 } },
    ]);
    await watcher.waitForFiring('traffic.stopped-on-ice', 'TRUCK-03');
  });

  it('ice thinning 12 cm in a day at one station warns of fast thinning', async () => {
    const now = Date.now();
    const readings = Array.from({ length: 25 }, (_, h) => ({
      ts: now - (24 - h) * HOUR,
      values: { iceThicknessCm: 132 - h / 2 },
    }));
    await send('ICE-3', readings);
    const alert = await watcher.waitForFiring('ice.fast-thinning', 'ICE-3');
    expect(alert.alert.reason).toMatch(/ICE-3: ice thinning 12 cm\/day/);
  });

  it('a fresh-produce container warming 3.5 °C in an hour warns before its +4 °C limit is reached', async () => {
    // CONT-02 carries fresh produce (−1…+4 °C); 0 → +3.5 °C over an hour stays within limits.
    const start = Date.now() - 70 * MIN;
    const readings = Array.from({ length: 71 }, (_, m) => ({
      ts: start + m * MIN,
      values: { tempC: m < 10 ? 0 : Math.min(3.5, (m - 10) * 0.06) },
    }));
    await send('CONT-02', readings);
    const alert = await watcher.waitForFiring('cargo.temp-rising', 'CONT-02');
    expect(alert.alert.reason).toMatch(/warming 3\.\d °C in an hour/);
    expect(watcher.firing('cargo.temp-high', 'CONT-02')).toEqual([]);
  });

  it('a temperature flapping around the limit gives one alert, not one per crossing of the line', async () => {
    // CONT-04 (frozen, −18 °C): well above the limit for 20 min, then hovering across it every minute.
    const start = Date.now() - 60 * MIN;
    const readings: Reading[] = [];
    for (let m = 0; m < 20; m++) readings.push({ ts: start + m * MIN, values: { tempC: -10 } });
    for (let m = 20; m < 50; m++)
      readings.push({ ts: start + m * MIN, values: { tempC: m % 2 ? -17 : -19 } });
    await send('CONT-04', readings);
    await watcher.waitForFiring('cargo.temp-high', 'CONT-04');
    // A message is judged whole before any of its alerts goes out: the store already holds the
    // outcome of every reading in it. One alert, still firing (a flap would be a resolved one and
    // a second firing one).
    const alerts = await alertsOf(service, 'cargo.temp-high', 'CONT-04');
    expect(alerts.map((alert) => alert.state)).toEqual(['firing']);
  });
});

describe('a vehicle last seen on the ice', () => {
  let service: TestApp;
  let watcher: AlertWatcher;
  let truck: MqttClient;
  const clock = new TestClock(); // silence is judged on the service's tick: the test moves time

  beforeAll(async () => {
    service = await startTestApp({ SITE_CONFIG: iceAllYear(), ALERT_TICK_SECONDS: '1' }, { clock });
    watcher = await AlertWatcher.connect(service.mqttUrl);
    truck = await connectDevice(service.mqttUrl, 'TRUCK-02');
  }, 30_000);
  afterAll(async () => {
    await truck?.endAsync();
    await watcher?.close();
    await service?.close();
  }, 30_000);

  const position = (ts: number, lat: number, lon: number) =>
    truck.publishAsync(
      'devices/TRUCK-02/telemetry',
      JSON.stringify({ ts, values: { lat, lon, speedKmh: 8, grossMassKg: 15_000 } }),
      { qos: 1 },
    );

  it('and silent for longer than it may stop there fires; a position off the ice resolves it', async () => {
    // On the corridor, three minutes ago: longer than the two minutes a vehicle may stop.
    await position(clock.now() - 3 * MIN, 53.4806, 123.9031);
    // The PUBACK comes after the engine has taken the reading: the next tick judges it.
    await clock.advance(1000);
    const alert = await watcher.waitForFiring('traffic.silent-on-ice', 'TRUCK-02', 5_000);
    expect(alert.alert.reason).toMatch(/TRUCK-02 last seen on jalinda-mohe-ice 3(\.\d)? min ago/);
    // Now on the road up the Russian bank, 2 km north of the corridor's end.
    await position(clock.now(), 53.503, 123.899);
    await clock.advance(1000);
    await waitFor('resolved', () =>
      watcher.alerts.find((m) => m.transition === 'resolved' && m.alert.ruleId === 'traffic.silent-on-ice'),
    );
  });

  it('but a vehicle reporting from the ice every 30 s for five minutes does not fire', async () => {
    for (let i = 0; i < 10; i++) {
      await position(clock.now(), 53.4806, 123.9031);
      await clock.advance(30_000); // thirty ticks, each judging the silence
    }
    expect(
      (await alertsOf(service, 'traffic.silent-on-ice', 'TRUCK-02')).filter((a) => a.state !== 'resolved'),
    ).toEqual([]);
  });
});

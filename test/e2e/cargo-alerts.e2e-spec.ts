import type { MqttClient } from 'mqtt';
import { AlertWatcher } from '../support/alerts';
import { connectDevice } from '../support/devices';
import { startService, type ServiceProcess } from '../harness/service-process';
import { withKey } from '../support/api-keys';

const MIN = 60_000;
type Alert = { id: string; ruleId: string; subjectId: string; state: string; reason: string };

// Cargo: a pharma container judged by mean kinetic temperature, a frozen
// container's defrost tolerated, a door opened between checkpoints; and exactly one alert from
// 1,000 concurrent breaching readings, kept across a crash. The broker acknowledges a reading
// (PUBACK) only after the engine has judged it, so once `publishAsync` resolves the alerts API
// holds the outcome: no test waits a fixed time for it.
describe('cargo condition alerts', () => {
  let service: ServiceProcess;
  let watcher: AlertWatcher;
  const clients: MqttClient[] = [];

  const publishSeries = async (
    id: string,
    readings: { ts: number; values: Record<string, number | boolean> }[],
  ) => {
    const device = await connectDevice(service.mqttUrl, id, { clientId: `${id}:${clients.length}` });
    clients.push(device);
    // Batches of up to 100, as a tracker flushing its buffer would send them.
    for (let i = 0; i < readings.length; i += 100) {
      await device.publishAsync(`devices/${id}/telemetry`, JSON.stringify(readings.slice(i, i + 100)), {
        qos: 1,
      });
    }
  };
  const alertsOf = async (subject: string): Promise<Alert[]> =>
    (await fetch(`${service.httpUrl}/api/alerts?subject=${subject}`, withKey('operator'))).json() as Promise<
      Alert[]
    >;

  beforeAll(async () => {
    service = await startService({ ALERT_TICK_SECONDS: '1' });
    watcher = await AlertWatcher.connect(service.mqttUrl);
  }, 40_000);
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.endAsync()));
    await watcher?.close();
    await service?.destroy();
  }, 30_000);

  it('a pharma 2–8 °C container at 9 °C for two hours is judged by its 24-hour mean kinetic temperature: no alert', async () => {
    // Every 10 minutes: 5 °C from 48 h ago, then 9 °C for the two hours up to 22 h ago.
    const end = Date.now() - 22 * 60 * MIN;
    const readings = Array.from({ length: 26 * 6 }, (_, i) => {
      const ts = end - (26 * 6 - 1 - i) * 10 * MIN;
      return { ts, values: { tempC: end - ts < 2 * 60 * MIN ? 9 : 5, humidityPct: 40 } };
    });
    await publishSeries('CONT-03', readings);
    // Only the condition rules are in question: data that ended 22 h ago also makes the tracker
    // silent (device.silent) at the next tick.
    expect((await alertsOf('CONT-03')).map((a) => a.ruleId).filter((id) => id.startsWith('cargo.'))).toEqual(
      [],
    );

    // A long hot spell pushes the 24-hour MKT above 8 °C: now the MKT rule fires.
    const hot = Array.from({ length: 6 * 21 }, (_, i) => ({
      ts: end + (i + 1) * 10 * MIN,
      values: { tempC: 14 },
    }));
    await publishSeries(
      'CONT-03',
      hot.filter((r) => r.ts < Date.now()),
    );
    const alert = await watcher.waitForFiring('cargo.mkt', 'CONT-03');
    expect(alert.alert.reason).toMatch(/mean kinetic temperature/i);
  }, 30_000);

  it('a frozen container rising 3 °C for five (and even twelve) minutes during defrost does not alert; for twenty it does', async () => {
    // −18 °C limit (ATP Annex 2); a +3 °C defrost rise is tolerated up to 15 minutes, longer than
    // the 10-minute excursion rule, so the twelve-minute case tells the two apart.
    const start = Date.now() - 100 * MIN;
    const rises = [
      [10, 15],
      [30, 42],
      [60, 80],
    ];
    const readings = Array.from({ length: 95 }, (_, minute) => ({
      ts: start + minute * MIN,
      values: { tempC: rises.some(([from, to]) => minute >= from && minute < to) ? -15 : -20 },
    }));
    await publishSeries('CONT-04', readings.slice(0, 55));
    // (Its tracker is reported silent: these readings are from the past; only cargo rules matter here.)
    expect((await alertsOf('CONT-04')).map((a) => a.ruleId).filter((id) => id.startsWith('cargo.'))).toEqual(
      [],
    );

    await publishSeries('CONT-04', readings.slice(55));
    const alert = await watcher.waitForFiring('cargo.temp-high', 'CONT-04');
    expect(alert.alert.reason).toMatch(/-15/);
  });

  it('a door opened between checkpoints fires a critical security alert; inside a checkpoint it does not', async () => {
    const now = Date.now();
    // CONT-02 at the Jalinda checkpoint (an inspection zone), CONT-01 on the road from Skovorodino.
    await publishSeries('CONT-02', [{ ts: now, values: { lat: 53.487, lon: 123.902, doorOpen: true } }]);
    await publishSeries('CONT-01', [{ ts: now, values: { lat: 53.75, lon: 123.93, doorOpen: true } }]);
    const alert = await watcher.waitForFiring('cargo.door-open-outside-zone', 'CONT-01');
    expect(alert.alert.severity).toBe('critical');
    expect(watcher.firing('cargo.door-open-outside-zone', 'CONT-02')).toEqual([]);
  });

  it('a door last reported open stays open when readings leave it out: driving out of the checkpoint fires; closed first, it does not', async () => {
    const now = Date.now();
    // Mirror first: CONT-04 opened and closed inside the Mohe checkpoint, then position only, outside.
    await publishSeries('CONT-04', [
      { ts: now, values: { lat: 53.475, lon: 123.904, doorOpen: true } },
      { ts: now + 1_000, values: { lat: 53.475, lon: 123.904, doorOpen: false } },
      { ts: now + 60_000, values: { lat: 53.75, lon: 123.93 } },
    ]);
    // CONT-02 was opened inside the Jalinda checkpoint (above); now a reading with only a position
    // on the road. Its door was never reported closed.
    await publishSeries('CONT-02', [{ ts: now + 60_000, values: { lat: 53.75, lon: 123.93 } }]);
    const alert = await watcher.waitForFiring('cargo.door-open-outside-zone', 'CONT-02');
    expect(alert.alert.severity).toBe('critical');
    // Alerts reach subscribers in the order they were raised: CONT-04's would have come first.
    expect(watcher.firing('cargo.door-open-outside-zone', 'CONT-04')).toEqual([]);
  });

  it('1,000 concurrent breaching readings for one subject give exactly one alert, and a crash loses and repeats none', async () => {
    // Fresh produce above +4 °C for more than 10 minutes: 1,000 readings over 20 minutes, sent at
    // once over ten connections in shuffled order.
    const start = Date.now() - 25 * MIN;
    const readings = Array.from({ length: 1000 }, (_, i) => ({
      ts: start + i * 1200,
      values: { tempC: 15 },
    }));
    readings.sort(() => Math.random() - 0.5);
    const connections = await Promise.all(
      Array.from({ length: 10 }, (_, c) =>
        connectDevice(service.mqttUrl, 'CONT-02', { clientId: `CONT-02:burst-${c}` }),
      ),
    );
    clients.push(...connections);
    await Promise.all(
      readings.map((r, i) =>
        connections[i % 10].publishAsync('devices/CONT-02/telemetry', JSON.stringify(r), { qos: 1 }),
      ),
    );
    // Every reading is acknowledged, so judged: the store's answer is final.
    const before = (await alertsOf('CONT-02')).filter((a) => a.ruleId === 'cargo.temp-high');
    expect(before).toHaveLength(1);
    // Alerts reach MQTT subscribers in the order they were raised: once an alert raised after the
    // burst has arrived, any second firing of the burst would have arrived before it.
    await publishSeries('CONT-03', [{ ts: Date.now(), values: { lat: 53.75, lon: 123.93, doorOpen: true } }]);
    await watcher.waitForFiring('cargo.door-open-outside-zone', 'CONT-03');
    expect(watcher.firing('cargo.temp-high', 'CONT-02')).toHaveLength(1);

    // Crash and restart on the same data: the alert is still there, once, still firing.
    const dataDir = service.dataDir;
    await service.kill('SIGKILL');
    service = await startService({ ALERT_TICK_SECONDS: '1' }, { dataDir });
    const after = (await alertsOf('CONT-02')).filter((a) => a.ruleId === 'cargo.temp-high');
    expect(after).toEqual(before);

    // More breaching readings after the restart do not open a second alert.
    const more = await connectDevice(service.mqttUrl, 'CONT-02', { clientId: 'CONT-02:after' });
    clients.push(more);
    for (let i = 0; i < 20; i++) {
      await more.publishAsync(
        'devices/CONT-02/telemetry',
        JSON.stringify({ ts: Date.now() - 1000 + i, values: { tempC: 16 } }),
        { qos: 1 },
      );
    }
    expect((await alertsOf('CONT-02')).filter((a) => a.ruleId === 'cargo.temp-high')).toEqual(before);
  }, 60_000);
});

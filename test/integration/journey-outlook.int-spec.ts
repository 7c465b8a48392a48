import type { MqttClient } from 'mqtt';
import { withKey } from '../support/api-keys';
import { AlertWatcher } from '../support/alerts';
import { connectDevice, reading } from '../support/devices';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../harness/wait';

const MINUTE = 60_000;
const TAU_MS = 10 * 60 * MINUTE;
const AIR_C = -25;
const START_C = 2;
// Newton's law: T(t) = air + (start − air)·e^(−t/τ). The apples' limit is −1 °C: reached at
// t = τ·ln((start − air)/(−1 − air)) ≈ 70.7 min after the failure, 10.7 min after the last reading.
const tempAt = (ms: number) => AIR_C + (START_C - AIR_C) * Math.exp(-ms / TAU_MS);
const EXPECTED_MINUTES = (TAU_MS * Math.log((START_C - AIR_C) / (-1 - AIR_C))) / MINUTE - 60;

interface Journey {
  outlook: { deviceId: string; at: string; minutesToLimit?: number }[];
}

// The whole service in-process: a reefer on the apples container drifts towards −25 °C outside.
// The early warning fires, and the container's journey tells its owner how long until the limit.
describe("a container's journey with the forecast's outlook", () => {
  let service: TestApp;
  let watcher: AlertWatcher;
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    service = await startTestApp();
    watcher = await AlertWatcher.connect(service.mqttUrl);
    const station = await connectDevice(service.mqttUrl, 'ICE-1');
    const tracker = await connectDevice(service.mqttUrl, 'CONT-02');
    clients.push(station, tracker);
    const failure = Date.now() - 60 * MINUTE;
    await station.publishAsync('devices/ICE-1/telemetry', reading({ airTempC: AIR_C }, failure), { qos: 1 });
    for (let minutes = 0; minutes <= 60; minutes += 10)
      await tracker.publishAsync(
        'devices/CONT-02/telemetry',
        reading({ tempC: Math.round(tempAt(minutes * MINUTE) * 100) / 100 }, failure + minutes * MINUTE),
        { qos: 1 },
      );
  }, 30_000);

  afterAll(async () => {
    for (const client of clients) await client.endAsync();
    await watcher?.close();
    await service?.close();
  }, 30_000);

  it('shows the time until the temperature limit, within 20 % of the true time, beside the early warning', async () => {
    await watcher.waitForFiring('cargo.temp-forecast', 'CONT-02');
    const journey = await waitFor('the outlook of CONT-02', async () => {
      const response = await fetch(
        `${service.httpUrl}/api/shipments/cont-apples-1/journey`,
        withKey('owner-fresh'),
      );
      const body = (await response.json()) as Journey;
      return body.outlook.find((o) => o.deviceId === 'CONT-02' && o.minutesToLimit !== undefined) && body;
    });
    const outlook = journey.outlook.find((o) => o.deviceId === 'CONT-02')!;
    expect(Math.abs(outlook.minutesToLimit! - EXPECTED_MINUTES)).toBeLessThan(EXPECTED_MINUTES * 0.2);
  });

  it("another owner's key gets 404 for the journey", async () => {
    const response = await fetch(
      `${service.httpUrl}/api/shipments/cont-apples-1/journey`,
      withKey('owner-timber'),
    );
    expect(response.status).toBe(404);
  });
});

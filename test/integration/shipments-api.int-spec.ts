import { CARGO_PROFILES, meanKineticTemperatureC } from '@jct/rules';
import type { MqttClient } from 'mqtt';
import { withKey } from '../support/api-keys';
import { connectDevice } from '../support/devices';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../harness/wait';

const MIN = 60_000;

// A cargo owner's shipment API on the real service — condition timeline against the
// profile, mean kinetic temperature, DCSA-shaped reefer events — from readings sent over MQTT.
describe('the shipments API', () => {
  let service: TestApp;
  let device: MqttClient;
  const now = Date.now();
  // Pharma 2–8 °C, every 10 minutes for four hours, one warm hour in the middle.
  const readings = Array.from({ length: 24 }, (_, i) => ({
    ts: now - 4 * 60 * MIN + i * 10 * MIN,
    values: { tempC: i >= 10 && i < 16 ? 9.5 : 5 + (i % 3) * 0.5, humidityPct: 55 + (i % 4) },
  }));
  const get = async <T>(path: string) =>
    (await (await fetch(`${service.httpUrl}${path}`, withKey('owner-pharma'))).json()) as T;

  beforeAll(async () => {
    service = await startTestApp();
    device = await connectDevice(service.mqttUrl, 'CONT-03');
    await device.publishAsync('devices/CONT-03/telemetry', JSON.stringify(readings), { qos: 1 });
    await waitFor('the readings stored', async () => {
      const body = await get<{ series: { tempC?: { points: unknown[] } } }>(
        '/api/shipments/cont-pharma-1/conditions',
      );
      return body.series.tempC?.points.length === readings.length;
    });
  }, 30_000);
  afterAll(async () => {
    await device?.endAsync();
    await service?.close();
  }, 30_000);

  it('the condition timeline carries every reading and the profile’s limits, and the MKT of those readings', async () => {
    const body = await get<{
      limits: { tempC: unknown; humidityPct: unknown };
      series: Record<string, { unit: string; points: { ts: string; value: number }[] }>;
      meanKineticTemperatureC: number;
      mktLimitC: number;
    }>('/api/shipments/cont-pharma-1/conditions');
    expect(body.limits.tempC).toEqual(CARGO_PROFILES['pharma-2-8'].tempC);
    expect(body.series.tempC.unit).toBe('Cel');
    expect(body.series.tempC.points.map((p) => p.value)).toEqual(readings.map((r) => r.values.tempC));
    expect(body.series.humidityPct.points).toHaveLength(readings.length);
    const expected = meanKineticTemperatureC(readings.map((r) => r.values.tempC));
    expect(body.meanKineticTemperatureC).toBeCloseTo(expected, 2);
    expect(body.mktLimitC).toBe(CARGO_PROFILES['pharma-2-8'].mkt!.maxC);
  });

  it('from/to narrow the timeline; a bad one → 400', async () => {
    const from = readings[20].ts;
    const body = await get<{ series: { tempC: { points: unknown[] } } }>(
      `/api/shipments/cont-pharma-1/conditions?from=${from}&to=${now + MIN}`,
    );
    expect(body.series.tempC.points).toHaveLength(4);
    const bad = await fetch(
      `${service.httpUrl}/api/shipments/cont-pharma-1/conditions?from=yesterday`,
      withKey('owner-pharma'),
    );
    expect(bad.status).toBe(400);
  });

  it('reefer events: one DCSA MEAS event per reading, with the ISO 6346 container number and measured parameters', async () => {
    const events = await get<
      {
        eventType: string;
        eventDateTime: string;
        equipmentReference: string;
        reeferEventDetails: {
          reeferEventTypeCode: string;
          measuredParameters: {
            temperatureValue: number;
            temperatureUnit: string;
            humidityPercentage: number;
          };
        };
      }[]
    >('/api/shipments/cont-pharma-1/reefer-events');
    expect(events).toHaveLength(readings.length);
    expect(events[0]).toMatchObject({
      eventType: 'REEFER',
      eventDateTime: new Date(readings[0].ts).toISOString(),
      equipmentReference: 'CSQU3054383',
      reeferEventDetails: {
        reeferEventTypeCode: 'MEAS',
        measuredParameters: {
          temperatureValue: readings[0].values.tempC,
          temperatureUnit: 'CEL',
          humidityPercentage: readings[0].values.humidityPct,
        },
      },
    });
  });
});

import { connectDevice, reading } from '../support/devices';
import { withKey } from '../support/api-keys';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../harness/wait';

// TELEMETRY_RETENTION_DAYS in the running service (embedded store): readings 40 days old are
// rolled up at the next start, the raw query no longer finds them, the daily windows still do.
jest.setTimeout(60_000);
const DAY = 86_400_000;

describe('TELEMETRY_RETENTION_DAYS=30', () => {
  const env = { TELEMETRY_RETENTION_DAYS: '30', INGEST_MAX_AGE_HOURS: String(100 * 24) };
  let service: TestApp;
  afterAll(async () => service?.close());

  const telemetry = async (query: string) =>
    (await (
      await fetch(
        `${service.httpUrl}/api/devices/CONT-01/telemetry?metric=tempC&${query}`,
        withKey('engineer'),
      )
    ).json()) as {
      points?: unknown[];
      windows?: { count: number; mean: number }[];
    };

  it('readings 40 days old → after a restart the raw query is empty and the daily window still counts them', async () => {
    service = await startTestApp(env);
    const old = Math.floor((Date.now() - 40 * DAY) / DAY) * DAY + 3_600_000;
    const device = await connectDevice(service.mqttUrl, 'CONT-01');
    for (let i = 0; i < 12; i++)
      await device.publishAsync('devices/CONT-01/telemetry', reading({ tempC: 2 + i }, old + i * 60_000), {
        qos: 1,
      });
    await device.endAsync();
    const range = `from=${old - 3_600_000}&to=${old + DAY}`;
    await waitFor('the readings stored', async () => (await telemetry(range)).points?.length === 12);

    const dataDir = service.dataDir;
    await service.stop();
    service = await startTestApp(env, { dataDir });
    await waitFor(
      'the raw points to be rolled up',
      async () => (await telemetry(range)).points?.length === 0,
    );
    const windows = (await telemetry(`${range}&every=1d`)).windows!;
    expect(windows.map((window) => window.count).reduce((a, b) => a + b, 0)).toBe(12);
    expect(windows.find((window) => window.count > 0)?.mean).toBeCloseTo(7.5, 10);
  });
});

import { connectDevice, reading } from '../support/devices';
import { startInfluxServer, type InfluxTestServer } from '../harness/influxd';
import { publishMany } from '../support/publisher';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../harness/wait';

const DATABASE = 'jct_outage';
const READINGS = 20_000;
const OUTAGE_MS = 30_000;

type CliResult = { results: { series?: { values: [unknown, number][] }[] }[] };

// InfluxDB stopped for 30 s while 20,000 readings are published, then
// started again: all 20,000 end up in InfluxDB, none twice.
describe('an InfluxDB outage during ingestion', () => {
  let influx: InfluxTestServer;
  let service: TestApp;

  beforeAll(async () => {
    influx = await startInfluxServer();
    service = await startTestApp({
      INFLUX_URL: influx.url,
      INFLUX_DATABASE: DATABASE,
      SPOOL_FSYNC_MS: '100',
    });
  }, 60_000);
  afterAll(async () => {
    await service?.close();
    await influx?.destroy();
  }, 60_000);

  const count = async (where: string): Promise<number> => {
    const result = (await influx.cli(
      DATABASE,
      `SELECT count("tempC") FROM telemetry WHERE ${where}`,
    )) as CliResult;
    return result.results[0]?.series?.[0]?.values[0]?.[1] ?? 0;
  };
  const health = async () => {
    const response = await fetch(`${service.httpUrl}/health`);
    return { status: response.status, body: (await response.json()) as { spool: { depthBytes: number } } };
  };

  it('delays the readings while InfluxDB is down and stores all 20,000 exactly once when it is back', async () => {
    const device = await connectDevice(service.mqttUrl, 'CONT-04');
    // Distinct device timestamps: one reading a millisecond, an hour ago.
    const base = Date.now() - 3_600_000;

    await influx.stop();
    const outageStarted = Date.now();
    const acked = await publishMany(device, 'devices/CONT-04/telemetry', READINGS, (i) =>
      reading({ tempC: -18 + (i % 10) / 10, doorOpen: false }, base + i),
    );
    expect(acked).toBe(READINGS);

    const during = await health();
    expect(during.status).toBe(503);
    expect(during.body.spool.depthBytes).toBeGreaterThan(0);

    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, OUTAGE_MS - (Date.now() - outageStarted))),
    );
    await influx.start();

    await waitFor(
      'the spool to drain into InfluxDB',
      async () => (await health()).body.spool.depthBytes === 0,
      60_000,
      200,
    );
    const window = `device = 'CONT-04' AND time >= ${base}ms AND time < ${base + READINGS}ms`;
    expect(await count(window)).toBe(READINGS);
    // None twice: every device timestamp holds one point (a duplicate would be a second timestamp
    // or a second series with the same time).
    const perSeries = (await influx.cli(
      DATABASE,
      `SELECT count("tempC") FROM telemetry WHERE ${window} GROUP BY *`,
    )) as CliResult;
    expect(perSeries.results[0]?.series).toHaveLength(1);
    expect((await health()).status).toBe(200);
    await device.endAsync();
  }, 120_000);
});

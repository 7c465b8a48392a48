import { connectDevice } from '../support/devices';
import { startInfluxServer, type InfluxTestServer } from '../harness/influxd';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../harness/wait';

const MESSAGES = 3000;
const READINGS_PER_MESSAGE = 20;

type CliResult = { results: { series?: { values: [unknown, number][] }[] }[] };

// A flood while the store is down: memory must not grow without bound and nothing may be dropped.
// With a 1 MB spool the service stops acknowledging (the broker and the device slow down), and
// catches up once the store is back.
describe('backpressure when the spool is full', () => {
  let influx: InfluxTestServer;
  let service: TestApp;

  beforeAll(async () => {
    influx = await startInfluxServer();
    service = await startTestApp({ INFLUX_URL: influx.url, INFLUX_DATABASE: 'jct_flood', SPOOL_MAX_MB: '1' });
  }, 60_000);
  afterAll(async () => {
    await service?.close();
    await influx?.destroy();
  }, 60_000);

  it('holds acknowledgements while the spool is full and stores every reading once the store is back', async () => {
    await influx.stop();
    const device = await connectDevice(service.mqttUrl, 'CONT-03');
    const base = Date.now() - 3_600_000;
    let acked = 0;
    const publishes = Array.from({ length: MESSAGES }, (_, m) => {
      const batch = Array.from({ length: READINGS_PER_MESSAGE }, (_, r) => {
        const i = m * READINGS_PER_MESSAGE + r;
        return { ts: base + i, values: { tempC: 5 + (i % 30) / 10 } };
      });
      return device
        .publishAsync('devices/CONT-03/telemetry', JSON.stringify(batch), { qos: 1 })
        .then(() => acked++);
    });

    // The acknowledgements stop short of the whole flood and stay stopped.
    await waitFor(
      'the spool to fill',
      async () => {
        const body = (await (await fetch(`${service.httpUrl}/health`)).json()) as {
          spool: { full: boolean };
        };
        return body.spool.full;
      },
      30_000,
      100,
    );
    // Messages already past the check when it filled are still written (one group commit); then
    // the acknowledgements stop: no change for a whole second, well short of the flood.
    let previous = -1;
    const stalledAt = await waitFor(
      'the acknowledgements to stop',
      async () => {
        const now = acked;
        const stable = now === previous;
        previous = now;
        if (!stable) await new Promise((resolve) => setTimeout(resolve, 1000));
        return stable ? now + 1 : undefined; // +1: zero acks would read as "not yet"
      },
      15_000,
      0,
    );
    expect(stalledAt - 1).toBeLessThan(MESSAGES);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(acked).toBe(stalledAt - 1);

    await influx.start();
    await Promise.all(publishes);
    expect(acked).toBe(MESSAGES);
    await waitFor(
      'the spool to drain',
      async () => {
        const body = (await (await fetch(`${service.httpUrl}/health`)).json()) as {
          spool: { depthBytes: number };
        };
        return body.spool.depthBytes === 0;
      },
      60_000,
      200,
    );
    const result = (await influx.cli(
      'jct_flood',
      `SELECT count("tempC") FROM telemetry WHERE device = 'CONT-03'`,
    )) as CliResult;
    expect(result.results[0]?.series?.[0]?.values[0]?.[1]).toBe(MESSAGES * READINGS_PER_MESSAGE);
    await device.endAsync();
  }, 120_000);
});

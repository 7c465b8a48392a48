import { startInfluxServer, type InfluxTestServer } from '../harness/influxd';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../harness/wait';

// Kubernetes probes against a real InfluxDB 1.6.7 that is stopped and started again: liveness
// never fails for a store outage (a restart would only lose time), readiness does and recovers.
describe('/health/live and /health/ready during an InfluxDB outage', () => {
  let influx: InfluxTestServer;
  let service: TestApp;

  beforeAll(async () => {
    influx = await startInfluxServer();
    service = await startTestApp({ INFLUX_URL: influx.url, INFLUX_DATABASE: 'jct_probes' });
  }, 60_000);
  afterAll(async () => {
    await service?.close();
    await influx?.destroy();
  }, 60_000);

  const status = async (path: string) => (await fetch(`${service.httpUrl}${path}`)).status;

  it('InfluxDB up → live 200, ready 200', async () => {
    expect(await status('/health/live')).toBe(200);
    expect(await status('/health/ready')).toBe(200);
  });

  it('InfluxDB stopped → ready 503 naming the store while live stays 200; started again → ready 200', async () => {
    await influx.stop();
    const liveDuringOutage: number[] = [];
    const body = await waitFor(
      '/health/ready to turn 503',
      async () => {
        liveDuringOutage.push(await status('/health/live'));
        const response = await fetch(`${service.httpUrl}/health/ready`);
        return response.status === 503 ? ((await response.json()) as { store: { up: boolean } }) : undefined;
      },
      15_000,
      200,
    );
    expect(body.store.up).toBe(false);
    for (let i = 0; i < 5; i++) liveDuringOutage.push(await status('/health/live'));
    expect(new Set(liveDuringOutage)).toEqual(new Set([200]));

    await influx.start();
    await waitFor(
      '/health/ready to return to 200',
      async () => (await status('/health/ready')) === 200,
      30_000,
      200,
    );
    expect(await status('/health/live')).toBe(200);
  }, 60_000);
});

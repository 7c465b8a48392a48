import { startInfluxServer, type InfluxTestServer } from '../harness/influxd';
import { mosquittoPub } from '../support/mosquitto-cli';
import { startService, type ServiceProcess } from '../harness/service-process';
import { withKey } from '../support/api-keys';
import { waitFor } from '../harness/wait';

type CliResult = { results: { series?: { columns: string[]; values: unknown[][] }[] }[] };

// With INFLUX_URL pointing at InfluxDB 1.6.7 the same readings are in
// InfluxDB, queried with the influx CLI.
describe('the service writing to InfluxDB 1.6.7', () => {
  let influx: InfluxTestServer;
  let service: ServiceProcess;

  beforeAll(async () => {
    influx = await startInfluxServer();
    service = await startService({ INFLUX_URL: influx.url, INFLUX_DATABASE: 'jalinda' });
  }, 60_000);
  afterAll(async () => {
    await service?.destroy();
    await influx?.destroy();
  }, 60_000);

  it('puts a reading sent with mosquitto_pub into InfluxDB with bounded tags', async () => {
    const ts = Date.now() - 1000;
    const message = JSON.stringify({ ts, values: { iceThicknessCm: 71.5, overflow: true } });
    expect(await mosquittoPub(service.mqttUrl, 'ICE-2', 'devices/ICE-2/telemetry', message)).toBe(0);

    const result = await waitFor(
      'the reading in InfluxDB',
      async () => {
        const answer = (await influx.cli(
          'jalinda',
          `SELECT "iceThicknessCm", "overflow", "kind", "asset", "site" FROM telemetry WHERE device = 'ICE-2'`,
        )) as CliResult;
        return answer.results[0]?.series?.[0];
      },
      20_000,
      200,
    );
    expect(result.columns).toEqual(['time', 'iceThicknessCm', 'overflow', 'kind', 'asset', 'site']);
    // The influx CLI prints nanoseconds.
    expect(result.values).toEqual([
      [ts * 1_000_000, 71.5, true, 'ice-station', 'jalinda-mohe-ice', 'jalinda-mohe'],
    ]);

    const tags = (await influx.cli('jalinda', 'SHOW TAG KEYS FROM telemetry')) as CliResult;
    expect(tags.results[0]?.series?.[0]?.values.flat().sort()).toEqual(['asset', 'device', 'kind', 'site']);
  });

  it('serves the same reading through the HTTP API', async () => {
    const body = (await (
      await fetch(`${service.httpUrl}/api/devices/ICE-2/latest`, withKey('engineer'))
    ).json()) as {
      values: { metric: string; value: unknown }[];
    };
    expect(body.values).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ metric: 'iceThicknessCm', value: 71.5 }),
        expect.objectContaining({ metric: 'overflow', value: true }),
      ]),
    );
  });
});

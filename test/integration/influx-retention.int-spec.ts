import { InfluxTelemetryStore } from '@jct/storage';
import { startInfluxServer, type InfluxTestServer } from '../harness/influxd';
import { describeRetention } from '../support/retention-cases';

// The same cases on a real InfluxDB 1.6.7: the service's own rollup writes and DELETE.
jest.setTimeout(60_000);
let server: InfluxTestServer;

describeRetention(
  'InfluxTelemetryStore on InfluxDB 1.6.7',
  async () => {
    server = await startInfluxServer();
    return new InfluxTelemetryStore({ url: server.url, bucket: 'retention' });
  },
  async () => server?.destroy(),
);

import { connectDevice, reading } from '../support/devices';
import { startTestApp, type TestApp } from '../support/test-app';
import { withKey } from '../support/api-keys';
import { waitFor } from '../harness/wait';

type Latest = { values: { metric: string; unit: string; unitDisplay: string }[] };
type OpenApi = {
  paths: Record<string, Record<string, { responses: Record<string, { content?: unknown }> }>>;
  components: { schemas: Record<string, { properties: Record<string, { enum?: string[] }> }> };
};

// One unit vocabulary in the API: SenML codes with the form people read, as the OpenAPI document says.
describe('units in the API', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp();
  }, 30_000);
  afterAll(async () => service?.close());

  const latest = async (id: string) =>
    (await (
      await fetch(`${service.httpUrl}/api/devices/${id}/latest`, withKey('engineer'))
    ).json()) as Latest;

  it('latest gives SenML codes (Cel, %EL) with their display forms (°C, %)', async () => {
    const device = await connectDevice(service.mqttUrl, 'ICE-1');
    await device.publishAsync('devices/ICE-1/telemetry', reading({ iceTempC: -7.5, batteryPct: 80 }), {
      qos: 1,
    });
    await device.endAsync();
    const body = await waitFor('ICE-1 latest', async () =>
      (await latest('ICE-1')).values.length === 2 ? latest('ICE-1') : undefined,
    );
    expect(body.values).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ metric: 'iceTempC', unit: 'Cel', unitDisplay: '°C' }),
        expect.objectContaining({ metric: 'batteryPct', unit: '%EL', unitDisplay: '%' }),
      ]),
    );
  });

  it('the OpenAPI document describes latest with the same unit codes', async () => {
    const document = (await (await fetch(`${service.httpUrl}/api/docs/openapi.json`)).json()) as OpenApi;
    const ok = document.paths['/api/devices/{id}/latest'].get.responses['200'];
    expect(JSON.stringify(ok.content)).toContain('#/components/schemas/Latest');
    const value = document.components.schemas.LatestValue.properties;
    expect(value.unit.enum).toEqual(expect.arrayContaining(['Cel', '%EL', '%RH', 'cm', '[g]', '']));
    expect(value.unit.enum).not.toContain('°C');
    expect(Object.keys(value)).toContain('unitDisplay');
  });
});

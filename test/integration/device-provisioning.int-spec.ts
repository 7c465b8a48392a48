import { Test } from '@nestjs/testing';
import { loadSiteConfig } from '@jct/site-config';
import type { MqttClient } from 'mqtt';
import { AppModule } from '../../apps/service/src/app.module';
import { EmbeddedBroker } from '../../apps/service/src/broker/embedded-broker.service';
import { loadAppConfig } from '../../apps/service/src/config/app-config';
import { serviceEnv, servicePorts } from '../harness/service-env';
import { writeSiteConfig } from '../support/site-config';
import { reading } from '../support/devices';
import { apiKey, withKey, type KeyHolder } from '../support/api-keys';
import { provisionDevices } from '../../devices-sim/src/load/provision';
import { connectWithSecret, provisionDevice, registryRequest } from '../support/registry';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../harness/wait';

// Devices provisioned through the API on the embedded broker of the real service, with the
// embedded state store: connect with the new secret at once, revoke and rotate disconnect at once.
jest.setTimeout(60_000);

describe('device provisioning', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp();
  }, 30_000);
  afterAll(async () => service?.close());

  const call = (who: KeyHolder, method: string, path: string, body?: unknown) =>
    registryRequest(service.httpUrl, who, method, path, body);
  const closed = (client: MqttClient) =>
    new Promise<void>((resolve) => client.once('close', () => resolve()));
  const latestValues = async (id: string) => {
    const response = await fetch(`${service.httpUrl}/api/devices/${id}/latest`, withKey('engineer'));
    return response.status === 200 ? ((await response.json()) as { values: unknown[] }).values : [];
  };

  it('a device created through the API connects with its new secret; its first reading is accepted within 1 s', async () => {
    const { device, secret } = await provisionDevice(service.httpUrl, {
      id: 'TRK-501',
      kind: 'container',
      asset: 'cont-frozen-1',
    });
    expect(device).toMatchObject({ id: 'TRK-501', source: 'api', status: 'active' });
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const created = Date.now(); // the secret is in hand
    const client = await connectWithSecret(service.mqttUrl, 'TRK-501', secret);
    await client.publishAsync('devices/TRK-501/telemetry', reading({ tempC: -18.5 }), { qos: 1 });
    // The PUBACK came: the reading is in the spool.
    expect(Date.now() - created).toBeLessThan(1000);
    await client.endAsync();
    await waitFor('the reading in the store', async () => (await latestValues('TRK-501')).length === 1);
  });

  it("a provisioned tracker's breach raises an alert, no restart", async () => {
    const { secret } = await provisionDevice(service.httpUrl, {
      id: 'TRK-508',
      kind: 'container',
      asset: 'cont-frozen-1',
    });
    const client = await connectWithSecret(service.mqttUrl, 'TRK-508', secret);
    // A door opened where the position is unknown counts as outside an inspection zone: critical at once.
    await client.publishAsync('devices/TRK-508/telemetry', reading({ doorOpen: true, tempC: -18 }), {
      qos: 1,
    });
    await client.endAsync();
    const alert = await waitFor('the door alert of TRK-508', async () => {
      const alerts = (await (
        await fetch(`${service.httpUrl}/api/alerts`, withKey('owner-fresh'))
      ).json()) as {
        subjectId: string;
        severity: string;
      }[];
      return alerts.find((a) => a.subjectId === 'TRK-508');
    });
    expect(alert.severity).toBe('critical');
  });

  it('revoked: disconnected within 1 s and refused on reconnect', async () => {
    const { secret } = await provisionDevice(service.httpUrl, {
      id: 'TRK-502',
      kind: 'container',
      asset: 'cont-frozen-1',
    });
    const client = await connectWithSecret(service.mqttUrl, 'TRK-502', secret);
    const gone = closed(client);
    const revokedAt = Date.now();
    const response = await call('engineer', 'DELETE', '/api/registry/devices/TRK-502');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: 'TRK-502', status: 'revoked' });
    await gone;
    expect(Date.now() - revokedAt).toBeLessThan(1000);
    client.end(true);
    await expect(connectWithSecret(service.mqttUrl, 'TRK-502', secret)).rejects.toThrow(
      'Bad username or password',
    );
  });

  it('rotated: the old connection closes, the old secret is refused, the new one connects', async () => {
    const { secret: old } = await provisionDevice(service.httpUrl, {
      id: 'TRK-503',
      kind: 'container',
      asset: 'cont-frozen-1',
    });
    const client = await connectWithSecret(service.mqttUrl, 'TRK-503', old);
    const gone = closed(client);
    const response = await call('engineer', 'POST', '/api/registry/devices/TRK-503/rotate');
    expect(response.status).toBe(200);
    const { secret } = (await response.json()) as { secret: string };
    await gone;
    client.end(true);
    await expect(connectWithSecret(service.mqttUrl, 'TRK-503', old)).rejects.toThrow(
      'Bad username or password',
    );
    await (await connectWithSecret(service.mqttUrl, 'TRK-503', secret)).endAsync();
  });

  it('a device of the site configuration is read-only here: 409 naming the file', async () => {
    for (const [method, path, body] of [
      ['POST', '/api/registry/devices', { id: 'ICE-1', kind: 'ice-station', asset: 'jalinda-mohe-ice' }],
      ['POST', '/api/registry/devices/ICE-1/rotate', undefined],
      ['DELETE', '/api/registry/devices/ICE-1', undefined],
    ] as const) {
      const response = await call('engineer', method, path, body);
      expect([path, response.status]).toEqual([path, 409]);
      expect(((await response.json()) as { message: string }).message).toContain('jalinda-mohe.site.yaml');
    }
  });

  it('a second device with the same id → 409; an unknown one → 404', async () => {
    await provisionDevice(service.httpUrl, { id: 'TRK-504', kind: 'container', asset: 'cont-frozen-1' });
    const again = await call('engineer', 'POST', '/api/registry/devices', {
      id: 'TRK-504',
      kind: 'container',
      asset: 'cont-frozen-1',
    });
    expect(again.status).toBe(409);
    const unknown = await call('engineer', 'DELETE', '/api/registry/devices/TRK-999');
    expect(unknown.status).toBe(404);
  });

  it('a bad device → 400 naming each bad field, nothing stored', async () => {
    const response = await call('engineer', 'POST', '/api/registry/devices', {
      id: 'TRK 505',
      kind: 'submarine',
      asset: 'cont-frozen-1',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string[] }).message).toEqual([
      'id: letters, digits, ".", "_" and "-", at most 64',
      'kind: one of ice-station, vehicle, ferry, container',
    ]);
  });

  it('imports a CSV all or none: a file with one bad row changes nothing; a good one provisions every row', async () => {
    const header = 'id,kind,asset,latitude,longitude';
    const bad = await call('engineer', 'POST', '/api/registry/devices/import', {
      format: 'csv',
      content: `${header}\nTRK-520,container,cont-frozen-1,,\nTRK-521,container,cont-nowhere,,\n`,
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string[] }).message).toEqual([
      'line 3: asset: unknown asset "cont-nowhere"',
    ]);
    expect((await call('engineer', 'GET', '/api/registry/devices/TRK-520')).status).toBe(404);

    const good = await call('engineer', 'POST', '/api/registry/devices/import', {
      format: 'csv',
      content: `${header}\nTRK-520,container,cont-frozen-1,,\nTRK-521,container,cont-apples-1,,\n`,
    });
    expect(good.status).toBe(201);
    const { created } = (await good.json()) as { created: { id: string; secret: string }[] };
    expect(created.map((d) => d.id)).toEqual(['TRK-520', 'TRK-521']);
    await (await connectWithSecret(service.mqttUrl, 'TRK-521', created[1].secret)).endAsync();

    const again = await call('engineer', 'POST', '/api/registry/devices/import', {
      format: 'yaml',
      content:
        'devices:\n  - { id: TRK-522, kind: container, asset: cont-frozen-1 }\n  - { id: TRK-520, kind: container, asset: cont-frozen-1 }\n',
    });
    expect(again.status).toBe(409);
    expect((await call('engineer', 'GET', '/api/registry/devices/TRK-522')).status).toBe(404);
  });

  it('exports the devices as CSV and YAML, without secrets; a cargo owner gets only theirs', async () => {
    const csv = await call('engineer', 'GET', '/api/registry/devices/export?format=csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text.split('\n')[0]).toBe('id,kind,asset,latitude,longitude');
    expect(text).toContain('\nTRK-501,container,cont-frozen-1,,\n');
    expect(text).toContain('\nICE-1,ice-station,jalinda-mohe-ice,');
    const yaml = await (await call('engineer', 'GET', '/api/registry/devices/export?format=yaml')).text();
    expect(yaml).toContain('id: TRK-501');
    expect(yaml).not.toMatch(/secret|sha256|scrypt/);
    const owners = await (
      await call('owner-timber', 'GET', '/api/registry/devices/export?format=csv')
    ).text();
    expect(owners).not.toContain('TRK-501');
  });

  it('the simulator provisions its devices through the API; a rerun gets new secrets', async () => {
    const first = await provisionDevices(service.httpUrl, apiKey('engineer'), ['cont-timber-1']);
    expect(first.map((d) => d.id)).toEqual(['SIM-cont-timber-1']);
    await (await connectWithSecret(service.mqttUrl, first[0].id, first[0].password)).endAsync();
    const again = await provisionDevices(service.httpUrl, apiKey('engineer'), ['cont-timber-1']);
    expect(again[0].password).not.toBe(first[0].password);
    await expect(connectWithSecret(service.mqttUrl, first[0].id, first[0].password)).rejects.toThrow(
      'Bad username or password',
    );
    await (await connectWithSecret(service.mqttUrl, again[0].id, again[0].password)).endAsync();
  });

  it('every change is in the audit log with who, before and after, never the secret', async () => {
    const { secret } = await provisionDevice(service.httpUrl, {
      id: 'TRK-506',
      kind: 'container',
      asset: 'cont-frozen-1',
    });
    await call('engineer', 'DELETE', '/api/registry/devices/TRK-506');
    const response = await call('admin', 'GET', '/api/audit?entity=device&entityId=TRK-506');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(secret);
    expect(text).not.toContain('sha256$');
    const entries = JSON.parse(text) as {
      action: string;
      who: string;
      before?: { status: string };
      after?: { status: string };
    }[];
    expect(
      entries.map(({ action, who, before, after }) => [action, who, before?.status, after?.status]),
    ).toEqual([
      ['revoke', 'eng-on-call', 'active', 'revoked'],
      ['create', 'eng-on-call', undefined, 'active'],
    ]);
    const byOthers = await call('admin', 'GET', '/api/audit?who=nobody');
    expect(await byOthers.json()).toEqual([]);
  });

  it('lists configured and provisioned devices by id, a page at a time, with filters', async () => {
    const pages: string[][] = [];
    let after = '';
    for (;;) {
      const response = await call(
        'engineer',
        'GET',
        `/api/registry/devices?kind=container&limit=2${after ? `&after=${after}` : ''}`,
      );
      const page = (await response.json()) as { items: { id: string; kind: string }[]; next?: string };
      expect(page.items.every((d) => d.kind === 'container')).toBe(true);
      pages.push(page.items.map((d) => d.id));
      if (!page.next) break;
      after = page.next;
    }
    const ids = pages.flat();
    expect(pages.every((page) => page.length <= 2)).toBe(true);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(expect.arrayContaining(['TRK-501', 'TRK-504']));
    const revoked = await call('engineer', 'GET', '/api/registry/devices?status=revoked');
    expect(((await revoked.json()) as { items: { id: string }[] }).items.map((d) => d.id)).toEqual(
      expect.arrayContaining(['TRK-502', 'TRK-506']),
    );
  });

  it('one device shows when it was last seen and its battery', async () => {
    const { secret } = await provisionDevice(service.httpUrl, {
      id: 'TRK-507',
      kind: 'container',
      asset: 'cont-frozen-1',
    });
    const ts = Date.now() - 5000;
    const client = await connectWithSecret(service.mqttUrl, 'TRK-507', secret);
    await client.publishAsync('devices/TRK-507/telemetry', reading({ tempC: -18, batteryPct: 87 }, ts), {
      qos: 1,
    });
    await client.endAsync();
    const device = await waitFor('the battery reading', async () => {
      const response = await call('engineer', 'GET', '/api/registry/devices/TRK-507');
      const body = (await response.json()) as { batteryPct?: number; lastSeen?: string };
      return body.batteryPct === undefined ? undefined : body;
    });
    expect(device).toMatchObject({ batteryPct: 87, lastSeen: new Date(ts).toISOString() });
  });

  describe('roles and owners', () => {
    beforeAll(async () => {
      // Provisioned on heihe-fresh's container.
      await provisionDevice(service.httpUrl, { id: 'TRK-510', kind: 'container', asset: 'cont-frozen-1' });
    });

    const newDevice = { id: 'TRK-511', kind: 'container', asset: 'cont-frozen-1' };
    // [who, method, path, body, status]: every registry endpoint with a role that may not use it.
    const forbidden: [KeyHolder, string, string, unknown][] = [
      ['operator', 'GET', '/api/registry/devices', undefined],
      ['operator', 'GET', '/api/registry/devices/TRK-510', undefined],
      ['operator', 'GET', '/api/registry/devices/export?format=csv', undefined],
      ['operator', 'POST', '/api/registry/devices/import', { format: 'csv', content: 'x' }],
      ['owner-fresh', 'POST', '/api/registry/devices/import', { format: 'csv', content: 'x' }],
      ['operator', 'POST', '/api/registry/devices', newDevice],
      ['owner-fresh', 'POST', '/api/registry/devices', newDevice],
      ['operator', 'POST', '/api/registry/devices/TRK-510/rotate', undefined],
      ['owner-fresh', 'POST', '/api/registry/devices/TRK-510/rotate', undefined],
      ['operator', 'DELETE', '/api/registry/devices/TRK-510', undefined],
      ['owner-fresh', 'DELETE', '/api/registry/devices/TRK-510', undefined],
      ['engineer', 'GET', '/api/audit', undefined],
      ['operator', 'GET', '/api/audit', undefined],
      ['owner-fresh', 'GET', '/api/audit', undefined],
    ];
    it.each(forbidden)('%s %s %s → 403, nothing changed', async (who, method, path, body) => {
      const response = await call(who, method, path, body);
      expect(response.status).toBe(403);
      const device = await call('engineer', 'GET', '/api/registry/devices/TRK-510');
      expect(await device.json()).toMatchObject({ status: 'active' });
      const created = await call('engineer', 'GET', '/api/registry/devices/TRK-511');
      expect(created.status).toBe(404);
    });

    it("another owner's device → 404 by id, absent from the list; the owner's own → 200", async () => {
      const listed = async (who: KeyHolder) =>
        (
          (await (await call(who, 'GET', '/api/registry/devices?limit=1000')).json()) as {
            items: { id: string; asset: string }[];
          }
        ).items;
      expect((await call('owner-timber', 'GET', '/api/registry/devices/TRK-510')).status).toBe(404);
      const timbers = await listed('owner-timber');
      expect(timbers.map((d) => d.id)).not.toContain('TRK-510');
      expect(timbers.every((d) => d.asset.startsWith('cont-timber'))).toBe(true);
      expect((await call('owner-fresh', 'GET', '/api/registry/devices/TRK-510')).status).toBe(200);
      expect((await listed('owner-fresh')).map((d) => d.id)).toContain('TRK-510');
    });
  });
});

describe('provisioned devices across a restart', () => {
  let service: TestApp | undefined;
  afterAll(async () => service?.close());

  it('a provisioned device connects with its secret after a restart, with no scrypt', async () => {
    service = await startTestApp();
    const { secret } = await provisionDevice(service.httpUrl, {
      id: 'TRK-601',
      kind: 'container',
      asset: 'cont-frozen-1',
    });
    await service.stop();
    service = await startTestApp({}, { dataDir: service.dataDir });
    await (await connectWithSecret(service.mqttUrl, 'TRK-601', secret)).endAsync();
    expect(service.app.get(EmbeddedBroker).secrets.slowChecks).toBe(0);
    await expect(connectWithSecret(service.mqttUrl, 'TRK-601', 'x'.repeat(43))).rejects.toThrow(
      'Bad username or password',
    );
  });

  it('a site configuration that now also declares a provisioned device → the boot fails naming both', async () => {
    const dataDir = service!.dataDir;
    await service!.stop();
    const sitePath = writeSiteConfig((site) => {
      const devices = site.devices as { id: string; kind: string; asset: string; secretHash: string }[];
      devices.push({ ...devices.find((d) => d.id === 'CONT-04')!, id: 'TRK-601' });
    });
    const config = loadAppConfig({
      ...serviceEnv({ ports: await servicePorts(), dataDir }),
      SITE_CONFIG: sitePath,
    });
    const module = await Test.createTestingModule({
      imports: [AppModule.forRoot(config, loadSiteConfig(sitePath))],
    }).compile();
    const app = module.createNestApplication({ logger: false });
    await expect(app.init()).rejects.toThrow(
      `device "TRK-601" declared in ${sitePath} and also provisioned through the API (state store: duckdb`,
    );
    await app.close().catch(() => undefined);
    service = await startTestApp({}, { dataDir }); // the shipped configuration boots again
  });
});

import { callApi, withKey, type KeyHolder } from '../support/api-keys';
import { siteWithFreeTrackers } from '../support/shipment-site';
import { startTestApp, type TestApp } from '../support/test-app';

type ShipmentBody = { id: string; state: string; owner: string; trackers: string[]; containerNumber: string };

// Registering, editing and closing shipments on the real service with its embedded state store:
// validation naming each field, 409 on held containers and trackers, owner scoping (404), roles
// (403), the state machine, and that a change survives a restart.
describe('registering shipments', () => {
  let service: TestApp;
  const site = siteWithFreeTrackers();
  const call = async (who: KeyHolder, method: string, path: string, body?: unknown) => {
    const response = await callApi(service.httpUrl, who, method, path, body);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const apples = {
    containerNumber: 'JCTU0000013',
    cargoProfile: 'fresh-produce',
    overrides: { tempC: { max: 3 } },
    trackers: ['CONT-04'],
    legs: [
      {
        mode: 'rail',
        from: 'Blagoveshchensk',
        to: 'Skovorodino',
        departAt: '2026-12-01T06:00:00+09:00',
        arriveAt: '2026-12-02T02:00:00+09:00',
      },
      {
        mode: 'truck',
        from: 'Skovorodino',
        to: 'Dzhalinda checkpoint',
        departAt: '2026-12-02T04:00:00+09:00',
        arriveAt: '2026-12-02T08:00:00+09:00',
      },
      {
        mode: 'crossing',
        from: 'Dzhalinda',
        to: 'Mohe',
        departAt: '2026-12-02T09:00:00+09:00',
        arriveAt: '2026-12-02T10:00:00+09:00',
      },
      {
        mode: 'onward',
        from: 'Mohe',
        to: 'Harbin',
        departAt: '2026-12-02T11:00:00+08:00',
        arriveAt: '2026-12-03T11:00:00+08:00',
      },
    ],
  };
  let registered: ShipmentBody;

  beforeAll(async () => {
    service = await startTestApp({ SITE_CONFIG: site });
    const created = await call('owner-fresh', 'POST', '/api/shipments', apples);
    expect(created.status).toBe(201);
    registered = created.body as unknown as ShipmentBody;
  }, 30_000);
  afterAll(async () => {
    await service?.close();
  }, 30_000);

  it('a cargo owner registers a planned shipment for their own owner, times in UTC', () => {
    expect(registered).toMatchObject({
      containerNumber: 'JCTU0000013',
      owner: 'heihe-fresh',
      state: 'planned',
      origin: 'api',
      trackers: ['CONT-04'],
      overrides: { tempC: { max: 3 } },
    });
    expect((registered as unknown as { legs: { departAt: string }[] }).legs[3].departAt).toBe(
      '2026-12-02T03:00:00.000Z',
    );
  });

  it('every bad field is named in one 400, and nothing is registered', async () => {
    const bad = await call('owner-fresh', 'POST', '/api/shipments', {
      containerNumber: 'JCTU0000010',
      cargoProfile: 'pharma-2-8',
      overrides: { tempC: { max: 12 } },
      trackers: ['ICE-1'],
      legs: [{ ...apples.legs[2] }, { ...apples.legs[0], departAt: 'tomorrow' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual([
      expect.stringMatching(/^containerNumber: .*check digit/),
      expect.stringMatching(/^legs\[1\]\.departAt: not a time/),
    ]);
    const meaning = await call('owner-fresh', 'POST', '/api/shipments', {
      containerNumber: 'JCTU0000029',
      cargoProfile: 'pharma-2-8',
      overrides: { tempC: { max: 12 } },
      trackers: ['ICE-1'],
      legs: [apples.legs[2], apples.legs[0]],
    });
    expect(meaning.status).toBe(400);
    expect(meaning.body.message).toEqual([
      expect.stringMatching(/^overrides\.tempC\.max: 12 is above the pharma-2-8 profile's maximum 8/),
      'trackers[0]: "ICE-1" is not a container tracker of this site',
      expect.stringMatching(/^legs\[1\]\.mode: rail cannot follow crossing/),
      'legs[1].departAt: is before the previous leg arrives',
    ]);
    const mine = await call('owner-fresh', 'GET', '/api/shipments');
    expect((mine.body as unknown as ShipmentBody[]).map((s) => s.containerNumber)).not.toContain(
      'JCTU0000029',
    );
  });

  it.each([
    ['the same container again', { containerNumber: 'JCTU0000013', trackers: [] }, 'container JCTU0000013'],
    [
      'a tracker on another active shipment',
      { containerNumber: 'JCTU0000029', trackers: ['CONT-04'] },
      'tracker CONT-04',
    ],
    [
      'a container the site YAML declares',
      { containerNumber: 'TGHU2345673', trackers: [] },
      'container TGHU2345673',
    ],
    [
      'a tracker of a YAML container',
      { containerNumber: 'JCTU0000029', trackers: ['CONT-02'] },
      'tracker CONT-02',
    ],
  ])('%s → 409 naming what is held', async (_name, fields, held) => {
    const conflict = await call('owner-fresh', 'POST', '/api/shipments', {
      cargoProfile: 'general',
      ...fields,
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body.message).toEqual([expect.stringContaining(`${held} is held by active shipment`)]);
  });

  it('an operator sees every owner’s shipments and registers for a named owner only', async () => {
    const all = await call('operator', 'GET', '/api/shipments');
    const ids = (all.body as unknown as ShipmentBody[]).map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining([registered.id, 'cont-timber-1', 'cont-pharma-1']));
    const ownerless = await call('operator', 'POST', '/api/shipments', {
      containerNumber: 'JCTU0000034',
      cargoProfile: 'general',
    });
    expect([ownerless.status, ownerless.body.message]).toEqual([400, ['owner: required']]);
  });

  // Another owner's shipment answers 404 on every endpoint: nothing tells it exists.
  it.each([
    ['GET', ''],
    ['PATCH', ''],
    ['POST', '/start'],
    ['POST', '/deliver'],
    ['POST', '/cancel'],
  ])('another owner: %s /api/shipments/{id}%s → 404', async (method, suffix) => {
    const response = await call(
      'owner-timber',
      method,
      `/api/shipments/${registered.id}${suffix}`,
      method === 'PATCH' ? { description: 'x' } : undefined,
    );
    expect(response.status).toBe(404);
  });

  // Engineers keep the devices running; shipments are not theirs to read or change.
  it.each([
    ['GET', '/api/shipments'],
    ['POST', '/api/shipments'],
    ['GET', '/api/shipments/{id}'],
    ['PATCH', '/api/shipments/{id}'],
    ['POST', '/api/shipments/{id}/start'],
    ['POST', '/api/shipments/{id}/deliver'],
    ['POST', '/api/shipments/{id}/cancel'],
  ])('an engineer: %s %s → 403', async (method, path) => {
    const response = await call(
      'engineer',
      method,
      path.replace('{id}', registered.id),
      method === 'GET' ? undefined : {},
    );
    expect(response.status).toBe(403);
  });

  it('a YAML-declared shipment is read-only here: 409 naming where to change it', async () => {
    const response = await call('owner-timber', 'PATCH', '/api/shipments/cont-timber-1', {
      description: 'x',
    });
    expect([response.status, response.body.message]).toEqual([
      409,
      ['shipment cont-timber-1 is declared in the site configuration; change it there'],
    ]);
  });

  it('the life of a shipment: edit, start, container and trackers fixed in transit, deliver, then final; the trackers are free again', async () => {
    const edited = await call('owner-fresh', 'PATCH', `/api/shipments/${registered.id}`, {
      description: 'apples, Golden',
      trackers: ['CONT-04', 'CONT-05'],
    });
    expect(edited.body).toMatchObject({ description: 'apples, Golden', trackers: ['CONT-04', 'CONT-05'] });
    const tooEarly = await call('owner-fresh', 'POST', `/api/shipments/${registered.id}/deliver`);
    expect([tooEarly.status, tooEarly.body.message]).toEqual([
      409,
      ['a shipment that is planned cannot deliver; allowed from in_transit'],
    ]);
    const started = await call('owner-fresh', 'POST', `/api/shipments/${registered.id}/start`);
    expect(started.body).toMatchObject({ state: 'in_transit', startedAt: expect.any(String) });
    const swap = await call('owner-fresh', 'PATCH', `/api/shipments/${registered.id}`, {
      trackers: ['CONT-05'],
    });
    expect([swap.status, swap.body.message]).toEqual([
      409,
      ['trackers: fixed once the shipment is in transit; cancel it and register a new one'],
    ]);
    const delivered = await call('owner-fresh', 'POST', `/api/shipments/${registered.id}/deliver`);
    expect(delivered.body).toMatchObject({ state: 'delivered', endedAt: expect.any(String) });
    const after = await call('owner-fresh', 'PATCH', `/api/shipments/${registered.id}`, { description: 'y' });
    expect([after.status, after.body.message]).toEqual([
      409,
      [`shipment ${registered.id} is delivered; it no longer changes`],
    ]);
    // The container and both trackers are free for the next journey.
    const next = await call('owner-fresh', 'POST', '/api/shipments', {
      ...apples,
      trackers: ['CONT-04', 'CONT-05'],
    });
    expect(next.status).toBe(201);
    const cancelled = await call('owner-fresh', 'POST', `/api/shipments/${String(next.body.id)}/cancel`);
    expect(cancelled.body).toMatchObject({ state: 'cancelled' });
  });

  const sendFile = async (who: KeyHolder, format: string, type: string, body: string) => {
    const response = await fetch(
      `${service.httpUrl}/api/shipments/import?format=${format}`,
      withKey(who, { method: 'POST', headers: { 'content-type': type }, body }),
    );
    return { status: response.status, body: (await response.json()) as unknown };
  };

  it('a CSV file with a bad row registers nothing and names every bad row and field', async () => {
    const file = [
      'containerNumber,cargoProfile,trackers,tempMaxC,legs',
      'JCTU0000040,dairy,,5,',
      'JCTU0000041,dairy,,warm,',
      'JCTU0000055,caviar,,,',
      'JCTU0000040,general,,,',
      'JCTU0000060,general,CONT-02,,',
    ].join('\n');
    const response = await sendFile('owner-fresh', 'csv', 'text/csv', file);
    expect(response.status).toBe(400);
    expect((response.body as { message: string[] }).message).toEqual([
      expect.stringMatching(/^row 3: containerNumber: .*check digit/),
      expect.stringMatching(/^row 3: overrides\.tempC\.max: /),
      expect.stringMatching(/^row 4: cargoProfile: unknown cargo profile "caviar"/),
      'row 5: container JCTU0000040 is also in row 2',
      'row 6: tracker CONT-02 is held by active shipment cont-apples-1',
    ]);
    const mine = (await call('owner-fresh', 'GET', '/api/shipments')).body as unknown as ShipmentBody[];
    expect(mine.map((s) => s.containerNumber)).not.toContain('JCTU0000040');
  });

  it('a YAML file registers all its shipments; the owner’s CSV export lists them, another owner’s none', async () => {
    const file = [
      'shipments:',
      '  - { containerNumber: JCTU0000040, cargoProfile: dairy, overrides: { tempC: { max: 5 } } }',
      '  - { containerNumber: JCTU0000055, cargoProfile: general, description: "tractor parts, 2 pallets" }',
    ].join('\n');
    const response = await sendFile('owner-timber', 'yaml', 'application/yaml', file);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject([
      { containerNumber: 'JCTU0000040', owner: 'amur-timber', state: 'planned' },
      { containerNumber: 'JCTU0000055', owner: 'amur-timber', state: 'planned' },
    ]);
    const csv = await fetch(`${service.httpUrl}/api/shipments/export?format=csv`, withKey('owner-timber'));
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(await csv.text()).toBe(
      'containerNumber,owner,cargoProfile,trackers,tempMinC,tempMaxC,humidityMinPct,humidityMaxPct,shockMaxG,excursionMinutes,legs,description\r\n' +
        'JCTU0000040,amur-timber,dairy,,,5,,,,,,\r\n' +
        'JCTU0000055,amur-timber,general,,,,,,,,,"tractor parts, 2 pallets"\r\n',
    );
    // Another owner's export holds none of them.
    const other = await fetch(`${service.httpUrl}/api/shipments/export?format=yaml`, withKey('owner-pharma'));
    expect(await other.text()).toBe('shipments: []\n');
  });

  it('the profile picker’s list: every profile with its limits for owners and operators, 403 for an engineer', async () => {
    const profiles = await call('owner-fresh', 'GET', '/api/cargo-profiles');
    expect(profiles.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'dairy', tempC: { min: 0, max: 6 } })]),
    );
    expect((await call('operator', 'GET', '/api/cargo-profiles')).status).toBe(200);
    expect((await call('engineer', 'GET', '/api/cargo-profiles')).status).toBe(403);
  });

  it('an engineer may neither import nor export: 403', async () => {
    const exported = await fetch(`${service.httpUrl}/api/shipments/export?format=csv`, withKey('engineer'));
    const imported = await sendFile('engineer', 'csv', 'text/csv', 'containerNumber,cargoProfile\n');
    expect([exported.status, imported.status]).toEqual([403, 403]);
  });

  it('registered shipments and their states survive a restart', async () => {
    const before = (await call('operator', 'GET', '/api/shipments')).body;
    await service.stop();
    service = await startTestApp({ SITE_CONFIG: site }, { dataDir: service.dataDir });
    const after = (await call('operator', 'GET', '/api/shipments')).body;
    expect(after).toEqual(before);
  }, 30_000);
});

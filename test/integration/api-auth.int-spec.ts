import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiKey, withKey } from '../support/api-keys';
import { connectDevice, reading } from '../support/devices';
import { EventStream } from '../support/sse';
import { startTestApp, type TestApp } from '../support/test-app';

// API keys (scrypt hashes in the site configuration or issued by an admin), roles,
// rate limits per key. Real service in-process.
describe('API keys and roles', () => {
  let service: TestApp;
  beforeAll(async () => {
    service = await startTestApp({ API_RATE_LIMIT_PER_MINUTE: '1000' });
  }, 30_000);
  afterAll(async () => {
    await service?.close();
  }, 30_000);
  const status = async (path: string, init?: RequestInit) =>
    (await fetch(`${service.httpUrl}${path}`, init)).status;

  it('no key → 401; an unknown key → 401; a malformed Authorization header → 401', async () => {
    expect(await status('/api/alerts')).toBe(401);
    expect(await status('/api/alerts', { headers: { authorization: 'Bearer dev-key-nobody-at-all' } })).toBe(
      401,
    );
    expect(await status('/api/alerts', { headers: { authorization: `Basic ${apiKey('operator')}` } })).toBe(
      401,
    );
  });

  it('GET /api/docs serves Swagger UI and /api/docs/openapi.json the OpenAPI document of every route', async () => {
    expect(await status('/api/docs')).toBe(200);
    const document = (await (await fetch(`${service.httpUrl}/api/docs/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/crossings/{id}',
        '/api/devices/{id}/telemetry',
        '/api/shipments/{id}/conditions',
        '/api/shipments/{id}/reefer-events',
        '/api/alerts/{id}/ack',
        '/api/alerts/{id}/comments',
        '/api/stream',
        '/api/keys',
      ]),
    );
    expect(document.components.securitySchemes).toHaveProperty('apiKey');
    const alerts = document.paths['/api/alerts'] as { get: { parameters: { name: string }[] } };
    expect(alerts.get.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(['state', 'severity', 'subject', 'since', 'limit']),
    );
  });

  it('/health, /metrics and the dashboard are open; the data behind the dashboard is not', async () => {
    expect(await status('/health')).toBe(200);
    expect(await status('/metrics')).toBe(200);
    expect(await status('/dashboard/')).toBe(200);
    expect(await status('/dashboard/crossing.js')).toBe(200);
    expect(await status('/dashboard/../../main.ts')).toBe(404);
    expect(await status('/api/crossings')).toBe(401);
  });

  it('a key in the query string counts only on the live stream (EventSource cannot send headers)', async () => {
    expect(await status(`/api/alerts?key=${apiKey('operator')}`)).toBe(401);
    const stream = await EventStream.open(`${service.httpUrl}/api/stream?key=${apiKey('operator')}`);
    stream.close();
    expect(stream.status).toBe(200);
    const bad = await EventStream.open(`${service.httpUrl}/api/stream?key=dev-key-nobody-at-all`);
    expect(bad.status).toBe(401);
  });

  it.each([
    ['engineer', '/api/crossings', 200],
    ['engineer', '/api/notifications', 200],
    ['engineer', '/api/shipments', 403],
    ['operator', '/api/crossings', 200],
    ['operator', '/api/shipments', 200],
    ['operator', '/api/notifications', 403],
    ['operator', '/api/keys', 403],
    ['admin', '/api/keys', 200],
    ['admin', '/api/notifications', 200],
  ] as const)('%s GET %s → %i', async (who, path, expected) => {
    expect(await status(path, withKey(who))).toBe(expected);
  });

  it('engineers see the latest rejected messages; operators and cargo owners may not', async () => {
    const device = await connectDevice(service.mqttUrl, 'ICE-3');
    await device.publishAsync('devices/ICE-3/telemetry', reading({ iceThicknessCm: 9000 }), { qos: 1 });
    await device.endAsync();
    const [latest] = (await (
      await fetch(`${service.httpUrl}/api/rejections?deviceId=ICE-3`, withKey('engineer'))
    ).json()) as { deviceId: string; accepted: number; rejections: { code: string; metric?: string }[] }[];
    expect(latest).toMatchObject({ deviceId: 'ICE-3', accepted: 0 });
    expect(latest.rejections).toEqual([
      expect.objectContaining({ code: 'out_of_range', metric: 'iceThicknessCm' }),
    ]);
    expect(await status('/api/rejections', withKey('operator'))).toBe(403);
    expect(await status('/api/rejections', withKey('owner-fresh'))).toBe(403);
  });

  it('an admin issues a key: shown once, stored only as a scrypt hash, scoped to its owner at once', async () => {
    const issued = await fetch(
      `${service.httpUrl}/api/keys`,
      withKey('admin', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'cargo-owner', owner: 'harbin-pharma', person: 'owner-pharma' }),
      }),
    );
    expect(issued.status).toBe(201);
    const { id, key } = (await issued.json()) as { id: string; key: string };
    const shipments = (await (
      await fetch(`${service.httpUrl}/api/shipments`, { headers: { authorization: `Bearer ${key}` } })
    ).json()) as { id: string }[];
    expect(shipments.map((s) => s.id)).toEqual(['cont-pharma-1']);
    const stored = readFileSync(join(service.dataDir, 'api-keys.json'), 'utf8');
    expect(stored).toContain(id);
    expect(stored).not.toContain(key);
    expect(stored).toMatch(/"keyHash": "scrypt\$/);
    const listed = await (await fetch(`${service.httpUrl}/api/keys`, withKey('admin'))).text();
    expect(listed).toContain(id);
    expect(listed).not.toContain(key);
    expect(listed).not.toContain('scrypt$');
  });

  it('the stream sends at most one reading a second per device, ending with the newest', async () => {
    const stream = await EventStream.open(`${service.httpUrl}/api/stream`, {
      authorization: `Bearer ${apiKey('engineer')}`,
    });
    const device = await connectDevice(service.mqttUrl, 'ICE-4');
    const start = Date.now();
    for (let i = 1; i <= 20; i++) {
      await device.publishAsync('devices/ICE-4/telemetry', reading({ iceThicknessCm: 100 + i }, start + i), {
        qos: 1,
      });
    }
    const publishedMs = Date.now() - start;
    await device.endAsync();
    const ofIce4 = () => stream.events.filter((e) => e.type === 'reading' && e.data.deviceId === 'ICE-4');
    const newest = await stream.waitFor(
      'the newest ICE-4 reading',
      (e) =>
        e.type === 'reading' &&
        e.data.deviceId === 'ICE-4' &&
        (e.data.points as { value: number }[])[0].value === 120,
      5000,
    );
    stream.close();
    expect(newest).toBeDefined();
    // One at once, then the newest at the end of each second the burst lasted.
    expect(ofIce4().length).toBeLessThanOrEqual(2 + Math.floor(publishedMs / 1000));
  });

  it('a service with an open stream shuts down at once: the stream ends', async () => {
    const stream = await EventStream.open(`${service.httpUrl}/api/stream?key=${apiKey('operator')}`);
    const started = Date.now();
    await service.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    stream.close();
    service = await startTestApp({ API_RATE_LIMIT_PER_MINUTE: '1000' }, { dataDir: service.dataDir });
  });

  it('an issued key survives a restart (its hash is in DATA_DIR)', async () => {
    const issued = (await (
      await fetch(
        `${service.httpUrl}/api/keys`,
        withKey('admin', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ role: 'engineer', person: 'eng-on-call' }),
        }),
      )
    ).json()) as { key: string };
    await service.stop();
    service = await startTestApp({ API_RATE_LIMIT_PER_MINUTE: '1000' }, { dataDir: service.dataDir });
    const response = await fetch(`${service.httpUrl}/api/notifications`, {
      headers: { authorization: `Bearer ${issued.key}` },
    });
    expect(response.status).toBe(200);
  });

  it('a revoked key → 401 at once; a key of the site configuration cannot be revoked by the API', async () => {
    const admin = (init: RequestInit = {}) => withKey('admin', init);
    const { id, key } = (await (
      await fetch(
        `${service.httpUrl}/api/keys`,
        admin({
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ role: 'operator' }),
        }),
      )
    ).json()) as { id: string; key: string };
    const asIssued = { headers: { authorization: `Bearer ${key}` } };
    expect((await fetch(`${service.httpUrl}/api/alerts`, asIssued)).status).toBe(200);
    expect((await fetch(`${service.httpUrl}/api/keys/${id}`, admin({ method: 'DELETE' }))).status).toBe(204);
    expect((await fetch(`${service.httpUrl}/api/alerts`, asIssued)).status).toBe(401);
    expect((await fetch(`${service.httpUrl}/api/keys/op-jalinda`, admin({ method: 'DELETE' }))).status).toBe(
      404,
    );
  });

  it('issuing a cargo-owner key without a known owner → 400', async () => {
    const response = await fetch(
      `${service.httpUrl}/api/keys`,
      withKey('admin', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'cargo-owner', owner: 'nobody' }),
      }),
    );
    expect(response.status).toBe(400);
  });
});

describe('rate limits per API key', () => {
  let service: TestApp;
  beforeAll(async () => {
    service = await startTestApp({ API_RATE_LIMIT_PER_MINUTE: '5' });
  }, 30_000);
  afterAll(async () => {
    await service?.close();
  }, 30_000);

  it('the sixth request of a key in a minute → 429 with Retry-After; another key is unaffected; /health is not limited', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await fetch(`${service.httpUrl}/api/alerts`, withKey('operator'));
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await fetch(`${service.httpUrl}/api/alerts`, withKey('owner-timber'))).status).toBe(200);
    for (let i = 0; i < 7; i++) expect((await fetch(`${service.httpUrl}/health`)).status).toBe(200);
  });

  it('an address that presents unknown keys 30 times in a minute → 429 with Retry-After, even with a good key', async () => {
    const bad = { headers: { authorization: 'Bearer dev-key-guessing-game' } };
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await fetch(`${service.httpUrl}/api/alerts`, bad)).status);
    expect(statuses.slice(0, 30).every((status) => status === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    const good = await fetch(`${service.httpUrl}/api/alerts`, withKey('engineer'));
    expect(good.status).toBe(429);
    expect(Number(good.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { connectDevice, reading } from '../support/devices';
import { apiKey, type KeyHolder } from '../support/api-keys';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../harness/wait';

// The OpenAPI document: valid by @apidevtools/swagger-parser, complete (summaries, schemas,
// errors, bodies, the API-key scheme), and true: real responses of the running service, success
// and error, validate against the schemas it declares (ajv).
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, Record<string, unknown>> };
};
type Operation = {
  summary?: string;
  security?: Record<string, string[]>[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
};

jest.setTimeout(30_000);

const NEW_DEVICE = { id: 'TRK-OA1', kind: 'container', asset: 'cont-frozen-1' };

describe('the OpenAPI document', () => {
  let service: TestApp;
  let raw: Document;
  let resolved: Document;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);

  beforeAll(async () => {
    service = await startTestApp();
    raw = (await (await fetch(`${service.httpUrl}/api/docs/openapi.json`)).json()) as Document;
    resolved = (await SwaggerParser.dereference(structuredClone(raw) as never)) as unknown as Document;
    // Data for the responses: a stored reading, a rejection and an alert (80 cm is too thin).
    const device = await connectDevice(service.mqttUrl, 'ICE-1');
    await device.publishAsync('devices/ICE-1/telemetry', reading({ iceThicknessCm: 80 }), { qos: 1 });
    await device.publishAsync('devices/ICE-1/telemetry', '{not json', { qos: 1 });
    await device.endAsync();
  }, 30_000);
  afterAll(async () => service?.close());

  it('passes @apidevtools/swagger-parser validation (OpenAPI 3.0 schema and references)', async () => {
    await expect(SwaggerParser.validate(structuredClone(raw) as never)).resolves.toBeDefined();
  });

  it('one API-key bearer scheme, not a JWT; /api routes locked, health and metrics open; no dashboard pages', () => {
    expect(raw.components.securitySchemes).toEqual({
      apiKey: { type: 'http', scheme: 'bearer', description: 'an API key' },
    });
    for (const [path, item] of Object.entries(raw.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const expected = path.startsWith('/api/') ? [{ apiKey: [] }] : [];
        expect([method, path, operation.security]).toEqual([method, path, expected]);
      }
    }
    expect(Object.keys(raw.paths).sort()).toEqual(
      expect.arrayContaining(['/health/live', '/health/ready', '/metrics']),
    );
    expect(
      Object.keys(raw.paths).filter(
        (path) => !path.startsWith('/api/') && !path.startsWith('/health') && path !== '/metrics',
      ),
    ).toEqual([]);
  });

  it('every operation has a summary, a success response with a schema and error responses; the POSTs have bodies', () => {
    for (const [path, item] of Object.entries(raw.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const where = `${method} ${path}`;
        expect([where, typeof operation.summary]).toEqual([where, 'string']);
        const success = Object.keys(operation.responses).find((status) => status.startsWith('2'))!;
        if (success !== '204') {
          const content = Object.values(operation.responses[success].content ?? {});
          expect([where, content[0]?.schema]).toEqual([where, expect.any(Object)]);
        }
        if (path.startsWith('/api/'))
          expect([where, Object.keys(operation.responses)]).toEqual([
            where,
            expect.arrayContaining(['401', '403', '429']),
          ]);
      }
    }
    expect(raw.paths['/api/keys'].post.requestBody).toBeDefined();
    expect(raw.paths['/api/alerts/{id}/comments'].post.requestBody).toBeDefined();
  });

  const check = async (method: string, template: string, url: string, who?: KeyHolder, body?: unknown) => {
    const response = await fetch(`${service.httpUrl}${url}`, {
      method,
      headers: {
        ...(who ? { Authorization: `Bearer ${apiKey(who)}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const declared = resolved.paths[template]?.[method.toLowerCase()]?.responses[String(response.status)];
    const where = `${method} ${url} → ${response.status}`;
    if (!declared) throw new Error(`${where}: status not in the document`);
    const schema = declared.content?.['application/json']?.schema;
    if (schema) {
      const payload: unknown = await response.json();
      const validate = ajv.compile(schema);
      expect([where, validate(payload) ? 'valid' : ajv.errorsText(validate.errors)]).toEqual([
        where,
        'valid',
      ]);
    }
    return response.status;
  };

  it('real responses, success and error, match the declared schemas', async () => {
    const alertId = await waitFor('an alert', async () => {
      const response = await fetch(`${service.httpUrl}/api/alerts`, {
        headers: { Authorization: `Bearer ${apiKey('operator')}` },
      });
      const alerts = (await response.json()) as { id: string }[];
      return alerts[0]?.id;
    });
    // [expected status, method, path in the document, URL, key holder, body]
    const cases: [number, string, string, string, KeyHolder?, unknown?][] = [
      [200, 'GET', '/health', '/health'],
      [200, 'GET', '/health/live', '/health/live'],
      [200, 'GET', '/health/ready', '/health/ready'],
      [200, 'GET', '/api/keys', '/api/keys', 'admin'],
      [201, 'POST', '/api/keys', '/api/keys', 'admin', { role: 'operator' }],
      [400, 'POST', '/api/keys', '/api/keys', 'admin', { role: 'pilot' }],
      [403, 'GET', '/api/keys', '/api/keys', 'operator'],
      [200, 'GET', '/api/registry/devices', '/api/registry/devices?limit=5', 'engineer'],
      [400, 'GET', '/api/registry/devices', '/api/registry/devices?limit=0', 'engineer'],
      [201, 'POST', '/api/registry/devices', '/api/registry/devices', 'engineer', NEW_DEVICE],
      [409, 'POST', '/api/registry/devices', '/api/registry/devices', 'engineer', NEW_DEVICE],
      [200, 'GET', '/api/registry/devices/{id}', '/api/registry/devices/TRK-OA1', 'engineer'],
      [200, 'POST', '/api/registry/devices/{id}/rotate', '/api/registry/devices/TRK-OA1/rotate', 'engineer'],
      [200, 'DELETE', '/api/registry/devices/{id}', '/api/registry/devices/TRK-OA1', 'engineer'],
      [404, 'DELETE', '/api/registry/devices/{id}', '/api/registry/devices/TRK-OA9', 'engineer'],
      [200, 'GET', '/api/audit', '/api/audit?entity=device', 'admin'],
      [400, 'GET', '/api/audit', '/api/audit?from=yesterday', 'admin'],
      [200, 'GET', '/api/me', '/api/me', 'operator'],
      [401, 'GET', '/api/devices', '/api/devices'],
      [200, 'GET', '/api/devices', '/api/devices', 'engineer'],
      [200, 'GET', '/api/devices/{id}/latest', '/api/devices/ICE-1/latest', 'engineer'],
      [404, 'GET', '/api/devices/{id}/latest', '/api/devices/NOPE-9/latest', 'engineer'],
      [
        200,
        'GET',
        '/api/devices/{id}/telemetry',
        '/api/devices/ICE-1/telemetry?metric=iceThicknessCm',
        'engineer',
      ],
      [
        200,
        'GET',
        '/api/devices/{id}/telemetry',
        '/api/devices/ICE-1/telemetry?metric=iceThicknessCm&every=1h',
        'engineer',
      ],
      [200, 'GET', '/api/rejections', '/api/rejections', 'engineer'],
      [200, 'GET', '/api/alerts', '/api/alerts', 'operator'],
      [200, 'GET', '/api/alerts/{id}', `/api/alerts/${alertId}`, 'operator'],
      [
        201,
        'POST',
        '/api/alerts/{id}/comments',
        `/api/alerts/${alertId}/comments`,
        'operator',
        {
          text: 'checked on site',
        },
      ],
      [
        400,
        'POST',
        '/api/alerts/{id}/comments',
        `/api/alerts/${alertId}/comments`,
        'operator',
        {
          text: '',
        },
      ],
      [200, 'GET', '/api/alerts/{id}/comments', `/api/alerts/${alertId}/comments`, 'operator'],
      [200, 'POST', '/api/alerts/{id}/ack', `/api/alerts/${alertId}/ack`, 'operator'],
      [200, 'GET', '/api/crossings', '/api/crossings', 'operator'],
      [200, 'GET', '/api/crossings/{id}', '/api/crossings/jalinda-mohe-ice', 'operator'],
      [200, 'GET', '/api/crossings/{id}/history', '/api/crossings/jalinda-mohe-ice/history', 'operator'],
      [200, 'GET', '/api/notifications', '/api/notifications', 'engineer'],
      [200, 'GET', '/api/shipments', '/api/shipments', 'operator'],
      [200, 'GET', '/api/shipments/{id}', '/api/shipments/cont-timber-1', 'operator'],
      [200, 'GET', '/api/shipments/{id}/conditions', '/api/shipments/cont-timber-1/conditions', 'operator'],
      [200, 'GET', '/api/shipments/{id}/journey', '/api/shipments/cont-timber-1/journey', 'operator'],
      [
        200,
        'GET',
        '/api/shipments/{id}/reefer-events',
        '/api/shipments/cont-timber-1/reefer-events',
        'operator',
      ],
    ];
    for (const [status, ...request] of cases)
      expect([request[2], await check(...request)]).toEqual([request[2], status]);
  });
});

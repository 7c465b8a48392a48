import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ERROR_DESCRIPTIONS, OPEN_PATHS, OPERATIONS, type OperationDoc } from './openapi/operations';
import { SCHEMAS, schemaRef } from './openapi/schemas';

const SECURITY_SCHEME = 'apiKey';

/**
 * OpenAPI at /api/docs (Swagger UI) and /api/docs/openapi.json. Paths and parameters come from the
 * controllers; summaries, response and request schemas and error responses from
 * openapi/operations.ts, so the controllers stay thin. Open like /health: it describes the API,
 * it holds no data.
 */
export function setupOpenApi(app: INestApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Jalinda Crossing Telemetry')
    .setDescription(
      'Crossings, devices, shipments, alerts and the live stream of the Jalinda – Mohe crossing. ' +
        'Every /api route needs an API key: `Authorization: Bearer <key>` (on /api/stream also `?key=`). ' +
        'Roles: operator, cargo-owner (own shipments only; anything else answers 404), engineer, admin. ' +
        "Sentences (an alert's `reason`, a status reason's `text`) are in the first language of " +
        "`Accept-Language` the service writes (en, ru, zh), else in the language of the key's person, " +
        'else English; `cause`, `code` and `params` are the same in every language.',
    )
    .setVersion('0.1.0')
    // An opaque key (not a JWT): "jct_<id>_<secret>" or a key of the site configuration.
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'an API key' }, SECURITY_SCHEME)
    .build();
  return completeDocument(SwaggerModule.createDocument(app, config));
}

function completeDocument(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...SCHEMAS } };
  // addBearerAuth adds bearerFormat "JWT" whatever it is given: these keys are opaque strings.
  const scheme = document.components.securitySchemes?.[SECURITY_SCHEME] as
    { bearerFormat?: string } | undefined;
  delete scheme?.bearerFormat;
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const doc = OPERATIONS[`${method.toUpperCase()} ${path}`];
      const open = OPEN_PATHS.has(path);
      // A route not in operations.ts keeps the bare generated entry (no summary): the OpenAPI test
      // names it, and the service still starts.
      if (!doc) {
        operation.security = open ? [] : [{ [SECURITY_SCHEME]: [] }];
        continue;
      }
      operation.summary = doc.summary;
      operation.security = open ? [] : [{ [SECURITY_SCHEME]: [] }];
      operation.responses = responses(doc, open, path) as typeof operation.responses;
      if (doc.body)
        operation.requestBody = { required: true, content: { 'application/json': { schema: doc.body } } };
      if (doc.fileBody) {
        const content = Object.fromEntries(
          doc.fileBody.map((type) => [type, { schema: { type: 'string' } }]),
        );
        operation.requestBody = { required: true, content };
      }
    }
  }
  return document;
}

function responses(doc: OperationDoc, open: boolean, path: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const response = doc.response;
  if (!response) result[doc.status] = { description: 'done' };
  else if ('mediaType' in response && typeof response.mediaType === 'string')
    result[doc.status] = {
      description: String(response.description),
      content: { [response.mediaType]: { schema: { type: 'string' } } },
    };
  else result[doc.status] = { description: 'OK', content: { 'application/json': { schema: response } } };
  const errors = [...(doc.errors ?? []), ...(open ? [] : [401, 403, 429])].sort();
  for (const status of errors) {
    // The health probes answer 503 with their own body, not an error object.
    const schema = status === 503 && path.startsWith('/health') ? response : schemaRef('Error');
    result[status] = { description: ERROR_DESCRIPTIONS[status], content: { 'application/json': { schema } } };
  }
  return result;
}

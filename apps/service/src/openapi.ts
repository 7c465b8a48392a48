import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/**
 * OpenAPI at /api/docs (Swagger UI) and /api/docs/openapi.json, built from the controllers.
 * Open like /health: it describes the API, it holds no data.
 */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Jalinda Crossing Telemetry')
    .setDescription(
      'Crossings, devices, shipments, alerts and the live stream of the Jalinda – Mohe crossing. ' +
        'Every /api route needs an API key: `Authorization: Bearer <key>` (on /api/stream also `?key=`). ' +
        'Roles: operator, cargo-owner (own shipments only; anything else answers 404), engineer, admin.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
}

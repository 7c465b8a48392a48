import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { findDevelopmentSecrets, loadSiteConfig } from '@jct/site-config';
import { AppModule } from './app.module';
import { loadAppConfig, requestedLogFormat } from './config/app-config';
import { createLogger } from './logging';
import { setupOpenApi } from './openapi';

async function bootstrap(): Promise<void> {
  // Configuration is validated before anything starts: a bad variable or site file stops the
  // service with every problem listed.
  const bootLogger = createLogger('info', requestedLogFormat());
  let config, site;
  try {
    config = loadAppConfig();
    site = loadSiteConfig(config.siteConfigPath);
  } catch (error) {
    bootLogger.error((error as Error).message, undefined, 'Config');
    process.exit(78); // EX_CONFIG
  }
  // The shipped secrets are public (they are in the repository): production refuses them all.
  const devSecrets = config.production ? await findDevelopmentSecrets(site) : [];
  if (devSecrets.length > 0) {
    bootLogger.error(
      `NODE_ENV=production refuses ${config.siteConfigPath}: replace every development secret ` +
        `(npm run hash-secret, or npm run deploy:init):\n${devSecrets.map((line) => `  - ${line}`).join('\n')}`,
      undefined,
      'Config',
    );
    process.exit(78);
  }
  const app = await NestFactory.create(AppModule.forRoot(config, site), {
    logger: createLogger(config.logLevel, config.logFormat),
    // Open live streams (/api/stream) would otherwise hold the shutdown until the browsers leave.
    forceCloseConnections: true,
  });
  app.enableShutdownHooks();
  setupOpenApi(app);
  await app.listen(config.http.port, config.http.host);
  new Logger('Main').log(
    `Jalinda Crossing Telemetry up: HTTP ${config.http.host}:${config.http.port}, site "${site.site.id}" (${site.devices.length} devices), data in ${config.dataDir}; dashboard ${config.mail.publicUrl.replace(/\/$/, '')}/dashboard/`,
  );
}

void bootstrap();

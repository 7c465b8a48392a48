import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadSiteConfig } from '@jct/site-config';
import { AppModule } from '../../apps/service/src/app.module';
import { loadAppConfig, type AppConfig } from '../../apps/service/src/config/app-config';
import { setupOpenApi } from '../../apps/service/src/openapi';
import { removeDir, tempDir } from '../harness/cleanup';
import { serviceEnv, servicePorts } from '../harness/service-env';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  httpUrl: string;
  /** The embedded broker's TCP URL (unused with MQTT_URL). */
  mqttUrl: string;
  wsUrl: string;
  dataDir: string;
  close(): Promise<void>;
  /** Closes the app but keeps DATA_DIR, for a restart with startTestApp({ dataDir }). */
  stop(): Promise<void>;
}

/**
 * The whole service in-process on private ports and its own DATA_DIR: real broker, real store,
 * real HTTP. Extra environment variables override the defaults.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { dataDir?: string } = {},
): Promise<TestApp> {
  const dataDir = options.dataDir ?? tempDir('app');
  const ports = await servicePorts();
  const config = loadAppConfig({
    ...serviceEnv({ ports, dataDir }),
    SPOOL_FSYNC_MS: '0',
    // Daily shipment reports would mail every owner at start; the tests of reports turn them on.
    NOTIFY_REPORT_TIME: 'off',
    ...env,
  });
  const app = await NestFactory.create(AppModule.forRoot(config, loadSiteConfig(config.siteConfigPath)), {
    logger: ['error'],
    forceCloseConnections: true, // as main.ts: open live streams must not hold the shutdown
  });
  app.enableShutdownHooks();
  setupOpenApi(app);
  await app.listen(ports.http, '127.0.0.1');
  const stop = async () => {
    await app.close();
  };
  return {
    app,
    config,
    httpUrl: `http://127.0.0.1:${ports.http}`,
    mqttUrl: `mqtt://127.0.0.1:${ports.mqtt}`,
    wsUrl: `ws://127.0.0.1:${ports.ws}`,
    dataDir,
    stop,
    close: async () => {
      await stop();
      await removeDir(dataDir);
    },
  };
}

import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadSiteConfig } from '@jct/site-config';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../../apps/service/src/app.module';
import { loadAppConfig, type AppConfig } from '../../apps/service/src/config/app-config';
import { setupOpenApi } from '../../apps/service/src/openapi';
import { SHIPPED_SITE_CONFIG } from './devices';
import { freePort } from './ports';

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
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'jct-app-'));
  const [httpPort, mqttPort, wsPort] = [await freePort(), await freePort(), await freePort()];
  const config = loadAppConfig({
    HTTP_PORT: String(httpPort),
    HTTP_HOST: '127.0.0.1',
    MQTT_PORT: String(mqttPort),
    MQTT_WS_PORT: String(wsPort),
    MQTT_HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SITE_CONFIG: SHIPPED_SITE_CONFIG,
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
  await app.listen(httpPort, '127.0.0.1');
  const stop = async () => {
    await app.close();
  };
  return {
    app,
    config,
    httpUrl: `http://127.0.0.1:${httpPort}`,
    mqttUrl: `mqtt://127.0.0.1:${mqttPort}`,
    wsUrl: `ws://127.0.0.1:${wsPort}`,
    dataDir,
    stop,
    close: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

import type { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { loadSiteConfig } from '@jct/site-config';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../../apps/service/src/app.module';
import { Clock } from '../../apps/service/src/clock/clock';
import type { TestClock } from '../../apps/service/src/clock/test-clock';
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
 * real HTTP. Extra environment variables override the defaults. With `clock`, the service runs on
 * that settable clock (its Clock provider overridden) instead of the wall clock: the test moves
 * time with `clock.advance(ms)`; pass the same clock to a restart, as time goes on across it.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { dataDir?: string; clock?: TestClock } = {},
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
  const root = AppModule.forRoot(config, loadSiteConfig(config.siteConfigPath));
  const appOptions: NestApplicationOptions = {
    logger: ['error'],
    forceCloseConnections: true, // as main.ts: open live streams must not hold the shutdown
  };
  const app = options.clock
    ? (
        await Test.createTestingModule({ imports: [root] })
          .overrideProvider(Clock)
          .useValue(options.clock)
          .compile()
      ).createNestApplication(appOptions)
    : await NestFactory.create(root, appOptions);
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

import type { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { loadSiteConfig } from '@jct/site-config';
import { AppModule } from '../../apps/service/src/app.module';
import { Clock } from '../../apps/service/src/clock/clock';
import type { TestClock } from '../../apps/service/src/clock/test-clock';
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
 * real HTTP. Extra environment variables override the defaults. With `clock`, the service runs on
 * that settable clock (its Clock provider overridden) instead of the wall clock: the test moves
 * time with `clock.advance(ms)`; pass the same clock to a restart, as time goes on across it.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { dataDir?: string; clock?: TestClock } = {},
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

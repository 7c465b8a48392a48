import { basename } from 'node:path';
import { loadSiteConfig } from '@jct/site-config';
import { shippedScenarioFiles } from '../../devices-sim/src/commands/options';
import { loadScenario, writeScenarioSite } from '../../devices-sim/src/scenario/load-scenario';
import { startMosquitto, type MosquittoTestServer } from '../harness/mosquitto';
import { mosquittoForSite, serviceMqttUrl } from '../support/mosquitto-site';
import { checkScenario, expectScenarioPassed } from '../support/scenario-check';
import { startService, type ServiceProcess } from '../harness/service-process';

// The simulator's scenario suite through a real Mosquitto with docker/mosquitto's ACL, as
// docker-compose.yml runs it: devices publish to Mosquitto, the service consumes from it, and the
// simulator's listener (ops-dashboard, read-only) must see the alerts the service publishes.
describe('device simulator scenarios through Mosquitto with the docker/ configuration', () => {
  let mosquitto: MosquittoTestServer | undefined;
  let service: ServiceProcess | undefined;

  afterEach(async () => {
    await service?.destroy();
    await mosquitto?.destroy();
    [service, mosquitto] = [undefined, undefined];
  }, 30_000);

  it.each(shippedScenarioFiles().map((file) => [basename(file, '.yaml'), file]))(
    'scenario %s: every expectation holds through Mosquitto',
    async (_name, file) => {
      const scenario = loadScenario(file);
      const sitePath = writeScenarioSite(scenario);
      const site = loadSiteConfig(sitePath);
      mosquitto = await startMosquitto(
        mosquittoForSite(
          site.devices.map((device) => device.id),
          site.mqttClients.map((client) => client.id),
        ),
      );
      service = await startService({
        SITE_CONFIG: sitePath,
        ALERT_TICK_SECONDS: '1',
        MQTT_URL: serviceMqttUrl(mosquitto.url),
      });
      expectScenarioPassed(await checkScenario(scenario, mosquitto.url, service.httpUrl));
    },
    90_000,
  );
});

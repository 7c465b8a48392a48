// findDevelopmentSecrets: what production mode refuses in a site configuration.
import { join } from 'node:path';
import { findDevelopmentSecrets } from './development-secrets';
import { loadSiteConfig } from './load-site-config';
import { hashSecret } from './secrets';

const shipped = () => loadSiteConfig(join(__dirname, '..', '..', '..', 'config', 'jalinda-mohe.site.yaml'));

describe('findDevelopmentSecrets', () => {
  it('the shipped configuration → every device, MQTT client and API key is named', async () => {
    const site = shipped();
    const found = await findDevelopmentSecrets(site);
    expect(found).toHaveLength(site.devices.length + site.mqttClients.length + site.apiKeys.length);
    expect(found).toContain('device ICE-1 still has the development secret "dev-secret-ICE-1"');
    expect(found).toContain(
      'MQTT client sim-recorder still has the development secret "dev-secret-sim-recorder"',
    );
    expect(found).toContain('API key admin still has the development secret "dev-key-admin"');
  });

  it('entries with their own secrets → not named; the ones left are', async () => {
    const site = shipped();
    const [ice1] = site.devices;
    ice1.secretHash = await hashSecret('a real secret for ICE-1');
    const admin = site.apiKeys.find((key) => key.id === 'admin')!;
    admin.keyHash = await hashSecret('a real admin key');
    const found = await findDevelopmentSecrets(site);
    expect(found.join('\n')).not.toMatch(/device ICE-1 |API key admin /);
    expect(found).toHaveLength(site.devices.length + site.mqttClients.length + site.apiKeys.length - 2);
  });

  it('a development secret under another id → not a match (each id has its own)', async () => {
    const site = shipped();
    site.devices[0].secretHash = await hashSecret(`dev-secret-${site.devices[1].id}`);
    const found = await findDevelopmentSecrets(site);
    expect(found.some((line) => line.startsWith(`device ${site.devices[0].id} `))).toBe(false);
  });
});

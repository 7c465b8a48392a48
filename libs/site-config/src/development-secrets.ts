import type { SiteConfig } from './schema';
import { verifySecret } from './secrets';

/**
 * The shipped site configuration (config/) gives every device and MQTT client the public password
 * "dev-secret-<id>" and every API key "dev-key-<id>". Production must not accept them: this names
 * each entry whose hash still verifies its development secret. One scrypt check per entry (~30 ms),
 * run once at start.
 */
export async function findDevelopmentSecrets(site: SiteConfig): Promise<string[]> {
  const candidates = [
    ...site.devices.map((d) => ({ what: `device ${d.id}`, hash: d.secretHash, dev: `dev-secret-${d.id}` })),
    ...site.mqttClients.map((c) => ({
      what: `MQTT client ${c.id}`,
      hash: c.secretHash,
      dev: `dev-secret-${c.id}`,
    })),
    ...site.apiKeys.map((k) => ({ what: `API key ${k.id}`, hash: k.keyHash, dev: `dev-key-${k.id}` })),
  ];
  const found: string[] = [];
  for (const { what, hash, dev } of candidates) {
    if (await verifySecret(dev, hash)) found.push(`${what} still has the development secret "${dev}"`);
  }
  return found;
}

/** A device the simulator publishes as, with the password it connects with. */
export interface SimDevice {
  id: string;
  password: string;
}

/**
 * Provisions container devices through the service's API instead of the site configuration: one
 * device `SIM-<asset>` on each container asset given, with the secret the API generates. A device
 * provisioned by an earlier run gets a new secret (rotate), so a rerun needs nothing kept.
 */
export async function provisionDevices(
  apiUrl: string,
  apiKey: string,
  assets: readonly string[],
): Promise<SimDevice[]> {
  const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
  const devices: SimDevice[] = [];
  for (const asset of assets) {
    const id = `SIM-${asset}`;
    let response = await fetch(`${apiUrl}/api/registry/devices`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ id, kind: 'container', asset }),
    });
    if (response.status === 409)
      response = await fetch(`${apiUrl}/api/registry/devices/${encodeURIComponent(id)}/rotate`, {
        method: 'POST',
        headers,
      });
    if (!response.ok) throw new Error(`provisioning ${id}: HTTP ${response.status} ${await response.text()}`);
    const { secret } = (await response.json()) as { secret: string };
    devices.push({ id, password: secret });
  }
  return devices;
}

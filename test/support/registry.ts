import { connectAsync, type MqttClient } from 'mqtt';
import { withKey, type KeyHolder } from './api-keys';

export interface ProvisionedDevice {
  device: { id: string; kind: string; asset: string; status: string; source: string };
  secret: string;
}

/** A request to the registry API as `who`, with a JSON body when one is given. */
export function registryRequest(
  baseUrl: string,
  who: KeyHolder,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  return fetch(
    `${baseUrl}${path}`,
    withKey(who, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
}

/** Provisions a device as an engineer; fails the test unless the service answers 201. */
export async function provisionDevice(
  baseUrl: string,
  device: { id: string; kind: string; asset: string },
): Promise<ProvisionedDevice> {
  const response = await registryRequest(baseUrl, 'engineer', 'POST', '/api/registry/devices', device);
  if (response.status !== 201)
    throw new Error(`provisioning ${device.id}: ${response.status} ${await response.text()}`);
  return (await response.json()) as ProvisionedDevice;
}

/** Connects with an explicit secret (a provisioned device's). */
export function connectWithSecret(url: string, id: string, secret: string): Promise<MqttClient> {
  return connectAsync(url, {
    clientId: id,
    username: id,
    password: secret,
    protocolVersion: 4,
    reconnectPeriod: 0,
    connectTimeout: 5000,
  });
}

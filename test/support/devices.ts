import { connectAsync, type IClientOptions, type MqttClient } from 'mqtt';

/** The development secret of a device or client of the shipped site configuration. */
export const devSecret = (id: string) => `dev-secret-${id}`;

/** Connects as a device of the shipped site configuration (MQTT 3.1.1, as aedes speaks). */
export function connectDevice(url: string, id: string, options: IClientOptions = {}): Promise<MqttClient> {
  return connectAsync(url, {
    clientId: id,
    username: id,
    password: devSecret(id),
    protocolVersion: 4,
    reconnectPeriod: 0,
    connectTimeout: 5000,
    ...options,
  });
}

export function reading(values: Record<string, number | boolean>, ts = Date.now()): string {
  return JSON.stringify({ ts, values });
}

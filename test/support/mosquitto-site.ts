import { devSecret } from './devices';
import type { MosquittoOptions } from '../harness/mosquitto';

export const SERVICE_USER = { username: 'jct-service', password: 'test-service-password' };

/**
 * A Mosquitto set up as docker/mosquitto describes: devices write only their own telemetry and
 * read their own replies; the service reads all telemetry and writes replies.
 */
export function mosquittoForSite(deviceIds: string[]): MosquittoOptions {
  return {
    users: [SERVICE_USER, ...deviceIds.map((id) => ({ username: id, password: devSecret(id) }))],
    aclFile: [
      'user jct-service',
      'topic read devices/+/telemetry',
      'topic write devices/+/rejected',
      '',
      'pattern write devices/%u/telemetry',
      'pattern read devices/%u/rejected',
      '',
    ].join('\n'),
  };
}

export function serviceMqttUrl(brokerUrl: string): string {
  const url = new URL(brokerUrl);
  url.username = SERVICE_USER.username;
  url.password = SERVICE_USER.password;
  return url.toString();
}

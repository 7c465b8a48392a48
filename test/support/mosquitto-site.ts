import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { devSecret } from './devices';
import type { MosquittoOptions } from '../harness/mosquitto';

export const SERVICE_USER = { username: 'jct-service', password: 'test-service-password' };

/** The ACL docker-compose.yml gives Mosquitto: the tests use the shipped file itself. */
export const DOCKER_MOSQUITTO_ACL = readFileSync(
  join(__dirname, '..', '..', 'docker', 'mosquitto', 'acl'),
  'utf8',
);

/**
 * A Mosquitto set up as docker/mosquitto describes (its ACL file): devices write only their own
 * telemetry and read their own replies; the service reads all telemetry and writes replies, alerts
 * and crossing status; the read-only clients (sim-recorder, ops-dashboard) read what they may.
 */
export function mosquittoForSite(deviceIds: string[], clientIds: string[] = []): MosquittoOptions {
  return {
    users: [
      SERVICE_USER,
      ...[...deviceIds, ...clientIds].map((id) => ({ username: id, password: devSecret(id) })),
    ],
    aclFile: DOCKER_MOSQUITTO_ACL,
  };
}

export function serviceMqttUrl(brokerUrl: string): string {
  const url = new URL(brokerUrl);
  url.username = SERVICE_USER.username;
  url.password = SERVICE_USER.password;
  return url.toString();
}

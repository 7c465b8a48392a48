// With an external Mosquitto (docker/mosquitto: password file + the shipped ACL), revoking a
// provisioned device is the broker's job: remove it from the password file and reload the broker
// (SIGHUP). Debian's Mosquitto 2.0.11 then drops the device's open connection and refuses its next
// CONNECT, without a restart that would drop everyone else.
import { generateSecret } from '@jct/site-config';
import { connectAsync, type MqttClient } from 'mqtt';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startMosquitto, type MosquittoTestServer } from '../harness/mosquitto';
import { findExecutable } from '../harness/ports';
import { REPO_ROOT } from '../harness/paths';

const connect = (url: string, id: string, password: string): Promise<MqttClient> =>
  connectAsync(url, {
    clientId: id,
    username: id,
    password,
    protocolVersion: 4,
    reconnectPeriod: 0,
    connectTimeout: 5000,
  });

describe('Mosquitto (docker/mosquitto): revoking a provisioned device', () => {
  let broker: MosquittoTestServer;
  const { secret } = generateSecret();
  const other = generateSecret().secret;

  beforeAll(async () => {
    broker = await startMosquitto({
      users: [
        { username: 'TRK-100', password: secret },
        { username: 'TRK-101', password: other },
      ],
      aclFile: readFileSync(join(REPO_ROOT, 'docker/mosquitto/acl'), 'utf8'),
    });
  }, 30_000);
  afterAll(async () => broker?.destroy());

  it('removed from the password file and the broker reloaded: disconnected within 1 s, refused on reconnect; others stay', async () => {
    const device = await connect(broker.url, 'TRK-100', secret);
    const bystander = await connect(broker.url, 'TRK-101', other);
    await device.publishAsync('devices/TRK-100/telemetry', '{"values":{}}', { qos: 1 });
    const closed = new Promise<void>((resolve) => device.once('close', () => resolve()));
    const passwd = spawnSync(
      findExecutable('mosquitto_passwd')!,
      ['-D', join(broker.dir, 'passwd'), 'TRK-100'],
      {
        encoding: 'utf8',
      },
    );
    expect(passwd.status).toBe(0);
    const revokedAt = Date.now();
    broker.reload();
    await closed;
    expect(Date.now() - revokedAt).toBeLessThan(1000);
    device.end(true);
    await expect(connect(broker.url, 'TRK-100', secret)).rejects.toThrow('Not authorized');
    expect(bystander.connected).toBe(true);
    await bystander.publishAsync('devices/TRK-101/telemetry', '{"values":{}}', { qos: 1 });
    await bystander.endAsync();
  });
});

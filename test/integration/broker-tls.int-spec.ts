import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { connectAsync, type IClientOptions, type MqttClient } from 'mqtt';
import { devSecret, reading } from '../support/devices';
import { withKey } from '../support/api-keys';
import { freePort } from '../harness/ports';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../harness/wait';

// The embedded broker with TLS: a test CA made here with Debian's openssl, a server certificate
// for 127.0.0.1 and device certificates (CN = device id).
jest.setTimeout(30_000);

const dir = mkdtempSync(join(tmpdir(), 'jct-tls-'));
const file = (name: string) => join(dir, name);
const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function makeCa(name: string): void {
  openssl(
    'req',
    '-x509',
    ...EC,
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.crt`,
    '-days',
    '2',
    '-subj',
    `/CN=${name}`,
  );
}
function signed(name: string, commonName: string, ca: string, extensions = ''): void {
  openssl('req', ...EC, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${commonName}`);
  writeFileSync(file(`${name}.ext`), extensions);
  openssl(
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.crt`,
    '-CAkey',
    `${ca}.key`,
    '-CAcreateserial',
    '-out',
    `${name}.crt`,
    '-days',
    '2',
    '-extfile',
    `${name}.ext`,
  );
}

describe('the embedded broker over TLS', () => {
  let service: TestApp;
  let tlsPort: number;
  let wssPort: number;
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    makeCa('devices-ca');
    makeCa('rogue-ca');
    signed('server', '127.0.0.1', 'devices-ca', 'subjectAltName=IP:127.0.0.1\n');
    signed('ICE-1', 'ICE-1', 'devices-ca');
    signed('rogue-ICE-1', 'ICE-1', 'rogue-ca');
    copyFileSync(file('server.crt'), file('live.crt'));
    copyFileSync(file('server.key'), file('live.key'));
    [tlsPort, wssPort] = [await freePort(), await freePort()];
    service = await startTestApp({
      MQTT_TLS_CERT: file('live.crt'),
      MQTT_TLS_KEY: file('live.key'),
      MQTT_TLS_CLIENT_CA: file('devices-ca.crt'),
      MQTT_TLS_PORT: String(tlsPort),
      MQTT_WSS_PORT: String(wssPort),
    });
  }, 30_000);
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.endAsync(true)));
    await service?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const base: IClientOptions = { protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 5000 };
  const trusting = () => ({ ca: readFileSync(file('devices-ca.crt')) });
  const withCertificate = (name: string) => ({
    cert: readFileSync(file(`${name}.crt`)),
    key: readFileSync(file(`${name}.key`)),
  });
  const connect = async (url: string, options: IClientOptions) => {
    const client = await connectAsync(url, { ...base, ...options });
    clients.push(client);
    return client;
  };
  const latestThickness = async (id: string) => {
    const response = await fetch(`${service.httpUrl}/api/devices/${id}/latest`, withKey('engineer'));
    const body = (await response.json()) as { values?: { metric: string; value: number }[] };
    return body.values?.find((value) => value.metric === 'iceThicknessCm')?.value;
  };

  it('a device with its password over mqtts:// (trusting the test CA) → connects, publishes, the reading is stored', async () => {
    const device = await connect(`mqtts://127.0.0.1:${tlsPort}`, {
      ...trusting(),
      clientId: 'ICE-3',
      username: 'ICE-3',
      password: devSecret('ICE-3'),
    });
    await device.publishAsync('devices/ICE-3/telemetry', reading({ iceThicknessCm: 91 }), { qos: 1 });
    expect(await waitFor('ICE-3 stored', () => latestThickness('ICE-3'))).toBe(91);
  });

  it('plain-text MQTT CONNECT to the TLS port → the connection is closed without a CONNACK', async () => {
    // MQTT 3.1.1 CONNECT, clean session, keep-alive 60 s, client id "ICE-3".
    const variable = Buffer.from([0, 4, ...Buffer.from('MQTT'), 4, 2, 0, 60, 0, 5, ...Buffer.from('ICE-3')]);
    const connectPacket = Buffer.concat([Buffer.from([0x10, variable.length]), variable]);
    const socket = netConnect({ host: '127.0.0.1', port: tlsPort });
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', () => undefined);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.once('connect', () => socket.write(connectPacket));
    await Promise.race([
      closed,
      new Promise((_, reject) => setTimeout(() => reject(new Error('still open after 10 s')), 10_000)),
    ]);
    const reply = Buffer.concat(received);
    // 0x20 would be a CONNACK; what comes back, if anything, is a TLS alert (record type 0x15).
    expect(reply[0]).not.toBe(0x20);
  });

  it('a certificate for ICE-1 from the devices CA, no password → connects as ICE-1 and publishes its own telemetry', async () => {
    const device = await connect(`mqtts://127.0.0.1:${tlsPort}`, {
      ...trusting(),
      ...withCertificate('ICE-1'),
      clientId: 'ICE-1',
    });
    await device.publishAsync('devices/ICE-1/telemetry', reading({ iceThicknessCm: 77 }), { qos: 1 });
    expect(await waitFor('ICE-1 stored', () => latestThickness('ICE-1'))).toBe(77);
  });

  it("a certificate for ICE-1 publishing on ICE-2's topic → the connection is closed and nothing is stored for ICE-2", async () => {
    const device = await connect(`mqtts://127.0.0.1:${tlsPort}`, {
      ...trusting(),
      ...withCertificate('ICE-1'),
      clientId: 'ICE-1',
    });
    const closed = new Promise<void>((resolve) => device.once('close', () => resolve()));
    device.publish('devices/ICE-2/telemetry', reading({ iceThicknessCm: 12 }), { qos: 1 });
    await closed;
    expect(await latestThickness('ICE-2')).toBeUndefined();
  });

  it("a certificate for ICE-1 with ICE-2's username and password → refused: the certificate is the identity", async () => {
    await expect(
      connectAsync(`mqtts://127.0.0.1:${tlsPort}`, {
        ...base,
        ...trusting(),
        ...withCertificate('ICE-1'),
        clientId: 'ICE-2',
        username: 'ICE-2',
        password: devSecret('ICE-2'),
      }),
    ).rejects.toThrow(/Not authorized/);
  });

  it('a certificate for ICE-1 from another CA → refused', async () => {
    await expect(
      connectAsync(`mqtts://127.0.0.1:${tlsPort}`, {
        ...base,
        ...trusting(),
        ...withCertificate('rogue-ICE-1'),
        clientId: 'ICE-1',
      }),
    ).rejects.toThrow(/Not authorized/);
  });

  it('secure WebSocket with the ICE-1 certificate → connects and publishes', async () => {
    const device = await connect(`wss://127.0.0.1:${wssPort}`, {
      ...trusting(),
      ...withCertificate('ICE-1'),
      clientId: 'ICE-1',
    });
    await device.publishAsync('devices/ICE-1/telemetry', reading({ iceThicknessCm: 78 }), { qos: 1 });
    expect(
      await waitFor('ICE-1 stored over wss', async () =>
        (await latestThickness('ICE-1')) === 78 ? 78 : undefined,
      ),
    ).toBe(78);
  });

  it('a renewed certificate file → new connections get it, an open connection stays up', async () => {
    const fingerprint = () =>
      new Promise<string>((resolve, reject) => {
        const socket = tlsConnect(
          { host: '127.0.0.1', port: tlsPort, ca: readFileSync(file('devices-ca.crt')) },
          () => {
            resolve(socket.getPeerCertificate().fingerprint256);
            socket.end();
          },
        );
        socket.once('error', reject);
      });
    const before = await fingerprint();
    const open = await connect(`mqtts://127.0.0.1:${tlsPort}`, {
      ...trusting(),
      clientId: 'ICE-4',
      username: 'ICE-4',
      password: devSecret('ICE-4'),
    });
    signed('renewed', '127.0.0.1', 'devices-ca', 'subjectAltName=IP:127.0.0.1\n');
    copyFileSync(file('renewed.key'), file('live.key'));
    copyFileSync(file('renewed.crt'), file('live.crt'));
    await waitFor(
      'new connections to see the renewed certificate',
      async () => (await fingerprint()) !== before,
      15_000,
      250,
    );
    expect(open.connected).toBe(true);
    await open.publishAsync('devices/ICE-4/telemetry', reading({ iceThicknessCm: 95 }), { qos: 1 });
    expect(await waitFor('ICE-4 stored', () => latestThickness('ICE-4'))).toBe(95);
  });
});

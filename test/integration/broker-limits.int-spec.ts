// What one MQTT client may cost the embedded broker of the real service, and whose session it
// may take: packet sizes checked at the fixed header, client ids checked for every kind of
// client, retained messages (and Wills) of devices kept small.
import { connectAsync, type IClientOptions } from 'mqtt';
import { generate } from 'mqtt-packet';
import { connect as tcpConnect, type Socket } from 'node:net';
import { connectDevice, devSecret } from '../support/devices';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../harness/wait';

const MB = 1024 * 1024;

/** Sends `totalBytes` of a packet that announces that size, until the service closes the socket. */
async function sendHugePacket(url: string, prefix: Buffer | undefined, header: Buffer, totalBytes: number) {
  const { hostname, port } = new URL(url);
  const socket: Socket = tcpConnect(Number(port), hostname);
  await new Promise((resolve) => socket.once('connect', resolve));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => undefined); // EPIPE / ECONNRESET: the service hung up, as it should
  if (prefix) socket.write(prefix);
  socket.write(header);
  const zeros = Buffer.alloc(64 * 1024);
  let sent = 0;
  let open = true;
  void closed.then(() => (open = false));
  while (open && sent < totalBytes) {
    sent += zeros.length;
    if (!socket.write(zeros))
      await new Promise((resolve) => socket.once('drain', resolve).once('close', resolve));
  }
  await closed;
  return sent;
}

/** A fixed header announcing `remaining` bytes (MQTT 3.1.1 §2.2.3). */
function fixedHeader(type: number, remaining: number): Buffer {
  const bytes = [type];
  do {
    let byte = remaining % 128;
    remaining = Math.floor(remaining / 128);
    if (remaining > 0) byte |= 0x80;
    bytes.push(byte);
  } while (remaining > 0);
  return Buffer.from(bytes);
}

const options = (extra: IClientOptions): IClientOptions => ({
  protocolVersion: 4,
  reconnectPeriod: 0,
  connectTimeout: 5000,
  ...extra,
});

describe('broker limits', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp();
  }, 30_000);
  afterAll(async () => service?.close());

  const rssAfterGc = () => {
    global.gc?.();
    return process.memoryUsage().rss;
  };

  it('refuses a 100 MB PUBLISH at its header: connection closed, RSS rises by less than 10 MB', async () => {
    const connect = generate({
      cmd: 'connect',
      protocolId: 'MQTT',
      protocolVersion: 4,
      clientId: 'ICE-1:huge',
      clean: true,
      keepalive: 60,
      username: 'ICE-1',
      password: Buffer.from(devSecret('ICE-1')),
    });
    const topic = Buffer.from('devices/ICE-1/telemetry');
    const header = Buffer.concat([fixedHeader(0x30, 100 * MB), Buffer.from([0, topic.length]), topic]);
    const before = rssAfterGc();
    const sent = await sendHugePacket(service.mqttUrl, connect, header, 100 * MB);
    const rise = (rssAfterGc() - before) / MB;
    console.log(
      `100 MB PUBLISH: refused after ${(sent / MB).toFixed(1)} MB sent, RSS rise ${rise.toFixed(1)} MB`,
    );
    expect(sent).toBeLessThan(100 * MB);
    expect(rise).toBeLessThan(10);
  }, 60_000);

  it('refuses a 100 MB unauthenticated CONNECT at its header', async () => {
    const before = rssAfterGc();
    const sent = await sendHugePacket(service.mqttUrl, undefined, fixedHeader(0x10, 100 * MB), 100 * MB);
    const rise = (rssAfterGc() - before) / MB;
    console.log(
      `100 MB CONNECT: refused after ${(sent / MB).toFixed(1)} MB sent, RSS rise ${rise.toFixed(1)} MB`,
    );
    expect(sent).toBeLessThan(100 * MB);
    expect(rise).toBeLessThan(10);
  }, 60_000);

  it.each([
    ['ops-dashboard', 'ICE-2', 'devices/ICE-2/rejected'],
    ['sim-recorder', 'ICE-2', 'devices/ICE-2/rejected'],
    ['sim-recorder', 'ops-dashboard', 'alerts/#'],
  ])(
    'refuses read-only client %s taking client id %s; the owner stays connected',
    async (user, clientId, filter) => {
      const owner = await connectAsync(
        service.mqttUrl,
        options({ clientId, username: clientId, password: devSecret(clientId) }),
      );
      let ownerClosed = false;
      owner.on('close', () => (ownerClosed = true));
      await expect(
        connectAsync(service.mqttUrl, options({ clientId, username: user, password: devSecret(user) })),
      ).rejects.toThrow('Not authorized');
      // A round trip on the owner's connection after the refusal: it still answers.
      await expect(owner.subscribeAsync(filter)).resolves.toHaveLength(1);
      expect(ownerClosed).toBe(false);
      await owner.endAsync();
    },
  );

  it('refuses a 200-character client id (the client-id rule)', async () => {
    await expect(
      connectDevice(service.mqttUrl, 'ICE-1', { clientId: `ICE-1:${'x'.repeat(200)}` }),
    ).rejects.toThrow('Not authorized');
  });

  it('closes the connection of a CONNECT with a 60,000-character client id (over the CONNECT limit)', async () => {
    const connect = generate({
      cmd: 'connect',
      protocolId: 'MQTT',
      protocolVersion: 4,
      clientId: `ICE-1:${'x'.repeat(60_000)}`,
      clean: true,
      keepalive: 60,
      username: 'ICE-1',
      password: Buffer.from(devSecret('ICE-1')),
    });
    const sent = await sendHugePacket(service.mqttUrl, undefined, connect, connect.length);
    expect(sent).toBeLessThanOrEqual(connect.length + 64 * 1024);
  });

  it('refuses a retained device status over 1 kB, directly or as a Will; a small one is kept', async () => {
    const watcher = await connectAsync(
      service.mqttUrl,
      options({
        clientId: 'sim-recorder:limits',
        username: 'sim-recorder',
        password: devSecret('sim-recorder'),
      }),
    );
    const seen: string[] = [];
    watcher.on('message', (_topic, payload) => seen.push(payload.toString().slice(0, 10)));
    await watcher.subscribeAsync('devices/ICE-3/status');

    const big = 'B'.repeat(2048);
    const direct = await connectDevice(service.mqttUrl, 'ICE-3');
    const closed = new Promise<void>((resolve) => direct.once('close', () => resolve()));
    direct.publish('devices/ICE-3/status', big, { qos: 1, retain: true });
    await closed;
    direct.end(true);

    const withWill = await connectDevice(service.mqttUrl, 'ICE-3', {
      will: { topic: 'devices/ICE-3/status', payload: Buffer.from(big), qos: 1, retain: true },
    });
    (withWill.stream as Socket).destroy(); // an unclean end: the broker would publish the Will
    const small = await connectDevice(service.mqttUrl, 'ICE-3');
    await small.publishAsync('devices/ICE-3/status', 'online', { qos: 1, retain: true });
    await small.endAsync();
    await waitFor('the small status', () => seen.includes('online'));
    expect(seen).toEqual(['online']);
    await watcher.endAsync();
  });
});

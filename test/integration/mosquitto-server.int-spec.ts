import { connect, connectAsync, type IClientOptions, type IConnackPacket, type MqttClient } from 'mqtt';
import { startMosquitto, type MosquittoTestServer } from '../harness/mosquitto';

const SERVICE = { username: 'jct-service', password: 'service-secret' };
const ICE_1 = { username: 'ICE-1', password: 'ice-1-secret' };
const ICE_2 = { username: 'ICE-2', password: 'ice-2-secret' };

const ACL = `
# Each device may only publish its own telemetry and read its own rejections.
pattern write devices/%u/telemetry
pattern read devices/%u/rejected

user jct-service
topic read devices/+/telemetry
topic write devices/+/rejected
`;

const WAIT_MS = 5_000;

interface Received {
  topic: string;
  payload: string;
}

/** Records every message a client receives; waitFor resolves on the first match (bounded). */
class Inbox {
  readonly messages: Received[] = [];
  private readonly waiters = new Set<(message: Received) => void>();

  constructor(client: MqttClient) {
    client.on('message', (topic, payload) => {
      const message = { topic, payload: payload.toString('utf8') };
      this.messages.push(message);
      for (const waiter of [...this.waiters]) waiter(message);
    });
  }

  waitFor(predicate: (message: Received) => boolean, what: string, timeoutMs = WAIT_MS): Promise<Received> {
    const already = this.messages.find(predicate);
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for ${what}; got ${this.messages.length} messages`,
          ),
        );
      }, timeoutMs);
      const waiter = (message: Received): void => {
        if (!predicate(message)) return;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(message);
      };
      this.waiters.add(waiter);
    });
  }

  waitForCount(count: number, what: string, timeoutMs = WAIT_MS): Promise<void> {
    return this.waitFor(() => this.messages.length >= count, what, timeoutMs).then(() => undefined);
  }
}

describe('startMosquitto (test/harness/mosquitto)', () => {
  let broker: MosquittoTestServer;
  const clients: MqttClient[] = [];

  const open = async (user: { username: string; password: string }, extra: IClientOptions = {}) => {
    const client = await connectAsync(broker.url, {
      username: user.username,
      password: user.password,
      reconnectPeriod: 0,
      connectTimeout: WAIT_MS,
      ...extra,
    });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    broker = await startMosquitto({ users: [SERVICE, ICE_1, ICE_2], aclFile: ACL });
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.endAsync(true)));
  });

  afterAll(async () => {
    await broker?.destroy();
  });

  it('returns a loopback mqtt:// url on the port it listens on', () => {
    expect(broker.url).toBe(`mqtt://127.0.0.1:${broker.port}`);
    expect(broker.port).toBeGreaterThan(0);
  });

  it("delivers a device's telemetry on devices/ICE-1/telemetry to the service user", async () => {
    const service = await open(SERVICE);
    const inbox = new Inbox(service);
    await service.subscribeAsync('devices/+/telemetry', { qos: 1 });
    const device = await open(ICE_1);

    await device.publishAsync('devices/ICE-1/telemetry', '{"t":21.5}', { qos: 1 });

    const message = await inbox.waitFor((m) => m.topic === 'devices/ICE-1/telemetry', 'ICE-1 telemetry');
    expect(message.payload).toBe('{"t":21.5}');
  });

  it("drops ICE-1's publish to devices/ICE-2/telemetry (ACL) while its own later message arrives", async () => {
    const service = await open(SERVICE);
    const inbox = new Inbox(service);
    await service.subscribeAsync('devices/+/telemetry', { qos: 1 });
    const device = await open(ICE_1);

    // MQTT 3.1.1 has no negative PUBACK: Mosquitto acknowledges and silently discards.
    await device.publishAsync('devices/ICE-2/telemetry', 'spoofed', { qos: 1 });
    await device.publishAsync('devices/ICE-1/telemetry', 'control', { qos: 1 });

    await inbox.waitFor((m) => m.payload === 'control', 'the control message published after the spoof');
    expect(inbox.messages).toEqual([{ topic: 'devices/ICE-1/telemetry', payload: 'control' }]);
  });

  it('delivers a rejection published by the service on devices/ICE-1/rejected to ICE-1 only', async () => {
    const ice1 = await open(ICE_1);
    const ice1Inbox = new Inbox(ice1);
    await ice1.subscribeAsync('devices/ICE-1/rejected', { qos: 1 });
    const ice2 = await open(ICE_2);
    const ice2Inbox = new Inbox(ice2);
    // Allowed to subscribe, but the ACL gives ICE-2 no read access to ICE-1's rejections.
    await ice2.subscribeAsync('devices/+/rejected', { qos: 1 });
    await ice2.subscribeAsync('devices/ICE-2/rejected', { qos: 1 });
    const service = await open(SERVICE);

    await service.publishAsync('devices/ICE-1/rejected', 'bad payload', { qos: 1 });
    await service.publishAsync('devices/ICE-2/rejected', 'control', { qos: 1 });

    await ice1Inbox.waitFor((m) => m.payload === 'bad payload', 'the rejection for ICE-1');
    await ice2Inbox.waitFor((m) => m.payload === 'control', 'the control rejection for ICE-2');
    expect(ice2Inbox.messages.map((m) => m.topic)).not.toContain('devices/ICE-1/rejected');
  });

  it('refuses a connection with a wrong password', async () => {
    await expect(
      connectAsync(broker.url, {
        username: ICE_1.username,
        password: 'not-the-password',
        reconnectPeriod: 0,
        connectTimeout: WAIT_MS,
      }),
    ).rejects.toMatchObject({ code: 5 });
  });

  it('refuses an anonymous connection when users are configured', async () => {
    await expect(
      connectAsync(broker.url, { reconnectPeriod: 0, connectTimeout: WAIT_MS }),
    ).rejects.toMatchObject({
      code: 5,
    });
  });

  /** Connects with the message handler attached before CONNACK, so a queued backlog is not missed. */
  const reconnectPersistent = async (clientId: string) => {
    const client = connect(broker.url, {
      username: SERVICE.username,
      password: SERVICE.password,
      clientId,
      clean: false,
      reconnectPeriod: 0,
      connectTimeout: WAIT_MS,
    });
    clients.push(client);
    const inbox = new Inbox(client);
    const connack = await new Promise<IConnackPacket>((resolve, reject) => {
      client.once('connect', resolve);
      client.once('error', reject);
      client.once('close', () => reject(new Error(`persistent session ${clientId} closed before CONNACK`)));
    });
    return { client, inbox, connack };
  };

  it('delivers QoS 1 messages published while a persistent session (clean: false, fixed client id) was away', async () => {
    const clientId = 'jct-service-persistent-test';
    const first = await open(SERVICE, { clientId, clean: false });
    await first.subscribeAsync('devices/+/telemetry', { qos: 1 });
    await first.endAsync();

    const device = await open(ICE_1);
    for (let i = 0; i < 10; i++) {
      await device.publishAsync('devices/ICE-1/telemetry', `while-away-${i}`, { qos: 1 });
    }

    const { inbox, connack } = await reconnectPersistent(clientId);
    expect(connack.sessionPresent).toBe(true);
    await inbox.waitForCount(10, 'the 10 queued messages');
    expect(inbox.messages.map((m) => m.payload)).toEqual(
      Array.from({ length: 10 }, (_, i) => `while-away-${i}`),
    );
  });

  it('keeps a 20,000-message backlog of a persistent session across a broker restart on the same port', async () => {
    const clientId = 'jct-service-backlog-test';
    const total = 20_000;
    const first = await open(SERVICE, { clientId, clean: false });
    await first.subscribeAsync('devices/+/telemetry', { qos: 1 });
    await first.endAsync();

    const device = await open(ICE_1);
    const publishes: Promise<unknown>[] = [];
    for (let i = 0; i < total; i++) {
      publishes.push(device.publishAsync('devices/ICE-1/telemetry', String(i), { qos: 1 }));
    }
    await Promise.all(publishes);
    await device.endAsync();

    await broker.stop();
    await broker.start();

    const { inbox, connack } = await reconnectPersistent(clientId);
    expect(connack.sessionPresent).toBe(true);
    await inbox.waitForCount(total, `${total} queued messages`, 60_000);
    const payloads = inbox.messages.map((m) => Number(m.payload));
    expect(payloads).toHaveLength(total);
    expect(payloads).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(broker.logTail()).not.toMatch(/Outgoing messages are being dropped/);
  }, 120_000);
});

import { rejectedTopic } from '@jct/contract';
import { connectAsync, type MqttClient } from 'mqtt';

/** What the service sent back on devices/{id}/rejected. */
export interface RejectionTally {
  /** Messages that had at least one rejection. */
  messages: number;
  /** Rejected readings or values, by code (not_json, out_of_range, …). */
  byCode: Record<string, number>;
}

/**
 * One MQTT connection per device, with its credentials (username = device id, password from the
 * template), each listening on its own devices/{id}/rejected: the rejections are counted.
 */
export class DeviceConnections {
  private readonly clients = new Map<string, MqttClient>();
  readonly rejections: RejectionTally = { messages: 0, byCode: {} };

  constructor(
    private readonly url: string,
    private readonly passwordTemplate: string,
    private readonly clientSuffix: string,
  ) {}

  async connect(ids: string[], concurrency = 4): Promise<void> {
    const queue = [...new Set(ids)];
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) await this.open(id);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  }

  /** Publishes QoS 1 and resolves on the PUBACK: the service has the readings (or refused them). */
  async publish(deviceId: string, topic: string, payload: string): Promise<void> {
    const client = this.clients.get(deviceId) ?? (await this.open(deviceId));
    await client.publishAsync(topic, payload, { qos: 1 });
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((client) => client.endAsync()));
    this.clients.clear();
  }

  private async open(id: string): Promise<MqttClient> {
    const client = await connectAsync(this.url, {
      clientId: `${id}:${this.clientSuffix}`,
      username: id,
      password: this.passwordTemplate.replaceAll('{id}', id),
      protocolVersion: 4,
      // The service may drop a connection (e.g. after a refused publish): come back, keep the queue.
      reconnectPeriod: 500,
      connectTimeout: 10_000,
    });
    client.on('message', (_topic, payload) => this.count(payload));
    await client.subscribeAsync(rejectedTopic(id), { qos: 0 });
    this.clients.set(id, client);
    return client;
  }

  private count(payload: Buffer): void {
    try {
      const reply = JSON.parse(payload.toString()) as { rejected?: { code?: string }[] };
      this.rejections.messages += 1;
      for (const rejection of reply.rejected ?? []) {
        const code = rejection.code ?? 'unknown';
        this.rejections.byCode[code] = (this.rejections.byCode[code] ?? 0) + 1;
      }
    } catch {
      this.rejections.messages += 1;
    }
  }
}

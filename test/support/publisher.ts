import type { MqttClient } from 'mqtt';

/**
 * Publishes `count` QoS 1 messages with at most `window` unacknowledged at a time; resolves with
 * how many the broker acknowledged. `payloadOf(i)` builds message i.
 */
export async function publishMany(
  client: MqttClient,
  topic: string,
  count: number,
  payloadOf: (i: number) => string,
  window = 100,
  /** Paces the stream: pause this long after every 10 messages of a worker. */
  pauseMsPer10 = 0,
): Promise<number> {
  let next = 0;
  let acked = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      await client.publishAsync(topic, payloadOf(i), { qos: 1 });
      acked++;
      if (pauseMsPer10 > 0 && i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, pauseMsPer10));
    }
  };
  await Promise.all(Array.from({ length: Math.min(window, count) }, worker));
  return acked;
}

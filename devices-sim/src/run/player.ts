import { deviceIdOfTelemetryTopic } from '@jct/contract';
import { setTimeout as sleep } from 'node:timers/promises';
import { DeviceConnections, type RejectionTally } from './device-connections';

/** A message to publish `wallMs` after the start, never before `notBeforeMs` (its device time). */
export interface PlannedMessage {
  wallMs: number;
  notBeforeMs?: number;
  topic: string;
  payload: string;
}

export interface PlayProgress {
  elapsedMs: number;
  sent: number;
  total: number;
  failed: number;
  /** wallMs of the message last sent. */
  atWallMs: number;
  rejections: RejectionTally;
}

export interface PlayOptions {
  url: string;
  passwordTemplate: string;
  /** Called about once a second while publishing. */
  onProgress?: (progress: PlayProgress) => void;
  signal?: AbortSignal;
  /** Called with the connections before the first publish, e.g. to start listening. */
  clientSuffix?: string;
}

export interface PlayResult {
  sent: number;
  acked: number;
  failed: number;
  errors: string[];
  wallMs: number;
  rejections: RejectionTally;
  connections: DeviceConnections;
}

/**
 * Publishes messages in order, one at a time, each as the device its topic names, waiting for
 * each PUBACK: the service sees them in exactly this order (the rules compare vehicles with each
 * other and stations with the crossing). Behind schedule it does not wait; it never publishes a
 * reading before its own timestamp (the service refuses readings from the future).
 */
export async function play(messages: PlannedMessage[], options: PlayOptions): Promise<PlayResult> {
  const connections = new DeviceConnections(
    options.url,
    options.passwordTemplate,
    options.clientSuffix ?? `sim-${process.pid}`,
  );
  const deviceOf = (topic: string) => deviceIdOfTelemetryTopic(topic) ?? topic.split('/')[1];
  try {
    await connections.connect(messages.map((m) => deviceOf(m.topic)));
  } catch (error) {
    await connections.close();
    throw new Error(`could not connect the devices to ${options.url}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const result: PlayResult = {
    sent: 0,
    acked: 0,
    failed: 0,
    errors: [],
    wallMs: 0,
    rejections: connections.rejections,
    connections,
  };
  const started = Date.now();
  let lastProgress = started;
  let atWallMs = 0;
  const report = () =>
    options.onProgress?.({
      elapsedMs: Date.now() - started,
      sent: result.sent,
      total: messages.length,
      failed: result.failed,
      atWallMs,
      rejections: connections.rejections,
    });
  for (const message of messages) {
    if (options.signal?.aborted) break;
    const wait = Math.max(started + message.wallMs, message.notBeforeMs ?? 0) - Date.now();
    if (wait > 0) await sleep(wait);
    atWallMs = message.wallMs;
    result.sent += 1;
    try {
      await connections.publish(deviceOf(message.topic), message.topic, message.payload);
      result.acked += 1;
    } catch (error) {
      result.failed += 1;
      if (result.errors.length < 10) result.errors.push(`${message.topic}: ${(error as Error).message}`);
    }
    if (Date.now() - lastProgress >= 1000) {
      lastProgress = Date.now();
      report();
    }
  }
  result.wallMs = Date.now() - started;
  report();
  return result;
}

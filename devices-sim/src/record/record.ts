import { connectAsync } from 'mqtt';
import { FeedWriter } from '../feed/feed-file';

export interface RecordOptions {
  url: string;
  /** Read-only client with the right to subscribe (default sim-recorder). */
  user: string;
  password: string;
  topics: string[];
  out: string;
  /** Stop after this long (wall ms); otherwise at `signal`. */
  durationMs?: number;
  signal?: AbortSignal;
  onProgress?: (line: string) => void;
  /** Called once the subscriptions are granted: from here on nothing is missed. */
  onSubscribed?: () => void;
}

export interface RecordResult {
  messages: number;
  bytes: number;
  wallMs: number;
}

/**
 * Records a live feed as it arrives: one line per message with its arrival time (ms after the
 * first), topic and payload, to an ndjson file `replay` plays back with the same timing.
 */
export async function recordFeed(options: RecordOptions): Promise<RecordResult> {
  const client = await connectAsync(options.url, {
    clientId: `${options.user}:rec-${process.pid}-${Date.now().toString(36)}`,
    username: options.user,
    password: options.password,
    protocolVersion: 4,
    reconnectPeriod: 1000,
    connectTimeout: 10_000,
  });
  let writer: FeedWriter | undefined;
  let first = 0;
  const result: RecordResult = { messages: 0, bytes: 0, wallMs: 0 };
  const started = Date.now();
  let subscribed = false;
  client.on('message', (topic, payload) => {
    const now = Date.now();
    if (!writer) {
      first = now;
      writer = new FeedWriter(options.out, {
        feed: 'jct-devices-sim',
        version: 1,
        startedAt: first,
        source: `record ${options.url} ${options.topics.join(' ')}`,
      });
    }
    writer.write({ t: now - first, topic, payload: payload.toString('utf8') });
    result.messages += 1;
    result.bytes += payload.length;
  });
  try {
    const granted = await client.subscribeAsync(options.topics, { qos: 1 }).catch((error: Error) => {
      // aedes answers a filter outside the client's rights with an error rather than a refused grant.
      throw new Error(
        `${options.user} may not subscribe to ${options.topics.join(', ')} on ${options.url} (${error.message}); ` +
          'the shipped site configuration lets sim-recorder subscribe devices/#, alerts/#, crossings/#',
      );
    });
    const refused = granted.filter((g) => g.qos === 128).map((g) => g.topic);
    if (refused.length > 0)
      throw new Error(`${options.user} may not subscribe to ${refused.join(', ')} on ${options.url}`);
    subscribed = true;
    options.onSubscribed?.();
    const progress = setInterval(
      () =>
        options.onProgress?.(
          `[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] recorded ${result.messages} message(s)`,
        ),
      1000,
    );
    try {
      await new Promise<void>((resolve) => {
        const timer = options.durationMs !== undefined ? setTimeout(resolve, options.durationMs) : undefined;
        options.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
        if (options.signal?.aborted) resolve();
      });
    } finally {
      clearInterval(progress);
    }
  } finally {
    await client.endAsync();
    if (!writer && subscribed) {
      // Nothing arrived: still leave a valid, empty feed.
      writer = new FeedWriter(options.out, {
        feed: 'jct-devices-sim',
        version: 1,
        startedAt: started,
        source: `record ${options.url} ${options.topics.join(' ')}`,
      });
    }
    await writer?.close();
  }
  result.wallMs = Date.now() - started;
  return result;
}

import { telemetryTopic } from '@jct/contract';
import { connectAsync, type MqttClient } from 'mqtt';
import { performance } from 'node:perf_hooks';
import { LatencySamples, type LatencySummary } from './latency-samples';

/** Readings (messages) per second over all devices, or as fast as the PUBACKs come back. */
export type LoadRate = number | 'max';

export interface LoadDevice {
  id: string;
  password: string;
}

export interface LoadOptions {
  /** mqtt://host:port */
  url: string;
  devices: LoadDevice[];
  rate: LoadRate;
  durationS: number;
  /**
   * 'max': the window of unacknowledged publishes per device (default 10). Fixed rate: the most a
   * device may have unacknowledged (default 1000); a slot that finds every device at that cap is
   * skipped and counted, so a slow broker shows up instead of growing memory without bound.
   */
  inFlightPerDevice?: number;
  /** Fixed rate: timer period; each tick publishes what the schedule says is due. Default 5 ms. */
  tickMs?: number;
  /** Connections opened at once (the broker checks a scrypt hash per connection). Default 8. */
  connectConcurrency?: number;
  connectTimeoutMs?: number;
  /** After the duration, how long to wait for outstanding PUBACKs. Default 30 s. */
  drainTimeoutMs?: number;
  /** The message body; default a container reading {"ts", "values": {tempC, humidityPct, shockG}}. */
  payload?: (ts: number, seq: number) => string;
  /** Topic of a device; default devices/{id}/telemetry. */
  topic?: (deviceId: string) => string;
  /** Called once every device is connected, just before the first publish. */
  onStart?: () => void;
  /** Called about once a second while publishing and draining. */
  onProgress?: (progress: LoadProgress) => void;
  /** Stops publishing early; outstanding PUBACKs are still awaited. */
  signal?: AbortSignal;
}

export interface LoadProgress {
  elapsedS: number;
  sent: number;
  acked: number;
  failed: number;
  skipped: number;
  inFlight: number;
  /** Over the last interval. */
  sentPerS: number;
  ackedPerS: number;
  pubackMs: LatencySummary;
}

export interface LoadResult {
  devices: number;
  rate: LoadRate;
  durationS: number;
  connectMs: number;
  /** Epoch ms of the first publish, when publishing stopped, and of the last PUBACK. */
  startedAt: number;
  publishEndedAt: number;
  lastAckAt: number;
  sent: number;
  acked: number;
  /** Publishes that ended with an error (connection lost, refused). */
  failed: number;
  /** Fixed rate only: scheduled slots not sent (every device at its cap, or the generator stalled). */
  skipped: number;
  /** Still without PUBACK when the drain timeout ran out. */
  unacked: number;
  /** sent / publishing window. */
  achievedRate: number;
  /** acked / (last PUBACK − first publish). */
  ackedRate: number;
  /** publish() → PUBACK, milliseconds. */
  pubackMs: LatencySummary;
  disconnects: number;
  errors: string[];
}

interface DeviceState {
  id: string;
  topic: string;
  client: MqttClient;
  inFlight: number;
  lastTs: number;
  seq: number;
  closed: boolean;
}

const DEFAULT_WINDOW = 10;
const DEFAULT_CAP = 1000;
const MAX_ERRORS_KEPT = 10;

/** A container reading: three values, varied a little so the store sees real numbers. */
export function containerReading(ts: number, seq: number): string {
  const tempC = (2 + (seq % 60) / 10).toFixed(1);
  const humidityPct = 70 + (seq % 25);
  const shockG = ((seq % 17) / 20).toFixed(2);
  return `{"ts":${ts},"values":{"tempC":${tempC},"humidityPct":${humidityPct},"shockG":${shockG}}}`;
}

/**
 * N devices publishing QoS 1 readings for a while, at a fixed total rate or as fast as the
 * broker acknowledges them, measuring each publish → PUBACK. Each device's timestamps strictly
 * increase (Date.now(), or the previous + 1 ms when it publishes twice within a millisecond), so
 * no two readings of a device collapse into one point in an idempotent store.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { rate, durationS } = options;
  if (options.devices.length === 0) throw new Error('runLoad: no devices');
  if (rate !== 'max' && !(rate > 0)) throw new Error(`runLoad: rate must be > 0 or 'max', got ${rate}`);
  if (!(durationS > 0)) throw new Error(`runLoad: durationS must be > 0, got ${durationS}`);
  const window = options.inFlightPerDevice ?? (rate === 'max' ? DEFAULT_WINDOW : DEFAULT_CAP);
  const payloadOf = options.payload ?? containerReading;
  const topicOf = options.topic ?? telemetryTopic;

  const errors = new Set<string>();
  const noteError = (error: unknown) => {
    if (errors.size < MAX_ERRORS_KEPT) errors.add(error instanceof Error ? error.message : String(error));
  };
  let disconnects = 0;

  const connectStarted = performance.now();
  const devices = await connectAll(options, topicOf, noteError, () => disconnects++);
  const connectMs = performance.now() - connectStarted;

  const samples = new LatencySamples();
  let sent = 0;
  let acked = 0;
  let failed = 0;
  let skipped = 0;
  let inFlight = 0;
  let lastAckAt = 0;
  let publishing = true;
  // Called when publishing has stopped, then (replaced) when the last PUBACK is in.
  let settle: (() => void) | undefined;

  options.onStart?.();
  const startedAt = Date.now();
  const start = performance.now();
  const endAt = start + durationS * 1000;

  const publish = (device: DeviceState): void => {
    const ts = Math.max(Date.now(), device.lastTs + 1);
    device.lastTs = ts;
    const body = payloadOf(ts, device.seq++);
    device.inFlight++;
    inFlight++;
    sent++;
    const t0 = performance.now();
    device.client.publishAsync(device.topic, body, { qos: 1 }).then(
      () => {
        acked++;
        samples.add(performance.now() - t0);
        lastAckAt = Date.now();
        done(device);
      },
      (error: unknown) => {
        failed++;
        noteError(error);
        done(device);
      },
    );
  };

  const done = (device: DeviceState): void => {
    device.inFlight--;
    inFlight--;
    if (rate === 'max' && publishing && !device.closed) {
      if (performance.now() < endAt) publish(device);
      else stopPublishing();
    }
    if (!publishing && inFlight === 0) settle?.();
  };

  let ticker: NodeJS.Timeout | undefined;
  let publishEndedAt = 0;
  const stopPublishing = (): void => {
    if (!publishing) return;
    publishing = false;
    publishEndedAt = Date.now();
    if (ticker) clearInterval(ticker);
    settle?.();
  };
  const onAbort = () => stopPublishing();
  options.signal?.addEventListener('abort', onAbort);
  const endTimer = setTimeout(stopPublishing, durationS * 1000 + 5);

  // Progress, once a second, over the interval since the previous line.
  let last = { sent: 0, acked: 0, samples: 0, at: start };
  const progressTimer = setInterval(() => {
    const now = performance.now();
    const seconds = (now - last.at) / 1000;
    options.onProgress?.({
      elapsedS: (now - start) / 1000,
      sent,
      acked,
      failed,
      skipped,
      inFlight,
      sentPerS: (sent - last.sent) / seconds,
      ackedPerS: (acked - last.acked) / seconds,
      pubackMs: samples.summary(last.samples),
    });
    last = { sent, acked, samples: samples.length, at: now };
  }, 1000);

  if (rate === 'max') {
    for (const device of devices) for (let i = 0; i < window; i++) publish(device);
  } else {
    // The schedule is cumulative (due = elapsed × rate), so timer jitter never changes the rate:
    // a late tick publishes more. A stall of more than a second is not caught up, but counted.
    const total = Math.round(rate * durationS);
    let slots = 0;
    let next = 0;
    const tick = () => {
      const elapsed = performance.now() - start;
      const due = elapsed >= durationS * 1000 ? total : Math.min(total, Math.floor((elapsed / 1000) * rate));
      if (due - slots > rate) {
        skipped += due - slots - Math.ceil(rate);
        slots = due - Math.ceil(rate);
      }
      for (; slots < due; slots++) {
        let device: DeviceState | undefined;
        for (let tries = 0; tries < devices.length; tries++) {
          const candidate = devices[next];
          next = (next + 1) % devices.length;
          if (!candidate.closed && candidate.inFlight < window) {
            device = candidate;
            break;
          }
        }
        if (device) publish(device);
        else skipped++;
      }
      if (slots >= total) stopPublishing();
    };
    ticker = setInterval(tick, options.tickMs ?? 5);
    tick();
  }

  await new Promise<void>((resolve) => {
    settle = resolve;
    if (!publishing) resolve();
  });
  clearTimeout(endTimer);
  // Publishing is over; the wait for the last PUBACKs is bounded.
  if (inFlight > 0) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, options.drainTimeoutMs ?? 30_000);
      settle = () => (clearTimeout(timer), resolve());
    });
  }
  settle = undefined;
  clearInterval(progressTimer);
  options.signal?.removeEventListener('abort', onAbort);
  // Counted before closing: a forced close fails what is still in flight once more.
  const unacked = inFlight;
  const counted = { sent, acked, failed, skipped };
  await closeAll(devices, unacked > 0);
  const windowS = Math.max(0.001, (publishEndedAt - startedAt) / 1000);
  return {
    devices: devices.length,
    rate,
    durationS,
    connectMs,
    startedAt,
    publishEndedAt,
    lastAckAt,
    ...counted,
    unacked,
    achievedRate: sent / windowS,
    ackedRate: lastAckAt > startedAt ? acked / ((lastAckAt - startedAt) / 1000) : 0,
    pubackMs: samples.summary(),
    disconnects,
    errors: [...errors],
  };
}

async function connectAll(
  options: LoadOptions,
  topicOf: (id: string) => string,
  noteError: (error: unknown) => void,
  onDisconnect: () => void,
): Promise<DeviceState[]> {
  const states: DeviceState[] = new Array<DeviceState>(options.devices.length);
  const concurrency = Math.max(1, options.connectConcurrency ?? 8);
  let index = 0;
  const worker = async () => {
    while (index < options.devices.length) {
      const i = index++;
      const { id, password } = options.devices[i];
      const client = await connectAsync(
        options.url,
        {
          clientId: id,
          username: id,
          password,
          protocolVersion: 4,
          clean: true,
          reconnectPeriod: 0,
          connectTimeout: options.connectTimeoutMs ?? 30_000,
          keepalive: 60,
        },
        false,
      );
      const state: DeviceState = {
        id,
        topic: topicOf(id),
        client,
        inFlight: 0,
        lastTs: 0,
        seq: 0,
        closed: false,
      };
      client.on('error', noteError);
      client.on('close', () => {
        if (!state.closed) onDisconnect();
        state.closed = true;
      });
      states[i] = state;
    }
  };
  const workers = Array.from({ length: Math.min(concurrency, options.devices.length) }, worker);
  const outcomes = await Promise.allSettled(workers);
  const failure = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failure) {
    await closeAll(
      states.filter((state) => state !== undefined),
      true,
    );
    const reason = (failure as PromiseRejectedResult).reason as Error;
    throw new Error(`could not connect every device to ${options.url}: ${reason.message}`, { cause: reason });
  }
  return states;
}

async function closeAll(devices: DeviceState[], force: boolean): Promise<void> {
  await Promise.all(
    devices.map(async (device) => {
      device.closed = true;
      const ended = device.client.endAsync(force).catch(() => undefined);
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 5_000).unref());
      await Promise.race([ended, timeout]);
      if (!device.client.disconnected) device.client.end(true);
    }),
  );
}

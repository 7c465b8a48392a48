// The raw broker yardstick: a bare aedes broker in a child process, N publishers at QoS 1 and one
// QoS 1 subscriber, messages/s arriving at the subscriber. No auth, no spool, no store.
import { runLoad, type LoadProgress, type LoadResult } from '../../devices-sim/src/load/load-generator';
import { TELEMETRY_SUBSCRIPTION } from '@jct/contract';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';
import { childServer } from '../../test/harness/child-server';
import { removeDir, tempDir } from '../../test/harness/cleanup';
import { delay } from '../../test/harness/wait';
import { RssWatch } from './resources';

export interface YardstickOptions {
  devices: { id: string; password: string }[];
  durationS: number;
  inFlightPerDevice: number;
  onProgress?: (progress: LoadProgress) => void;
}

export interface YardstickResult {
  devices: number;
  load: LoadResult;
  received: number;
  /** Received by the subscriber / (last arrival − first publish). */
  receivedPerS: number;
  brokerPeakRssBytes: number;
}

export async function runYardstick(options: YardstickOptions): Promise<YardstickResult> {
  const dir = tempDir('yardstick');
  const logFile = join(dir, 'raw-broker.log');
  // raw-broker.ts prints "ready <port>" once it listens.
  const readyPort = () => Number(/ready (\d+)/.exec(readFileSync(logFile, 'utf8'))?.[1] ?? 0);
  const broker = childServer({
    name: 'the raw aedes broker',
    command: process.execPath,
    args: [join(__dirname, 'raw-broker.js')],
    logFile,
    isReady: async () => readyPort() > 0,
    readyWhen: 'print "ready <port>"',
    readyTimeoutMs: 15_000,
    pollMs: 50,
    stopGraceMs: 5_000,
  });
  try {
    await broker.start();
    const port = readyPort();
    const rss = new RssWatch(broker.process!.pid!);
    const url = `mqtt://127.0.0.1:${port}`;
    const subscriber = await connectAsync(
      url,
      { clientId: 'yardstick-subscriber', protocolVersion: 4, clean: true, reconnectPeriod: 0 },
      false,
    );
    try {
      let received = 0;
      let lastAt = 0;
      subscriber.on('message', () => {
        received++;
        lastAt = Date.now();
      });
      await subscriber.subscribeAsync(TELEMETRY_SUBSCRIPTION, { qos: 1 });
      const load = await runLoad({
        url,
        devices: options.devices,
        rate: 'max',
        durationS: options.durationS,
        inFlightPerDevice: options.inFlightPerDevice,
        onProgress: options.onProgress,
      });
      const deadline = Date.now() + 30_000;
      while (received < load.acked && Date.now() < deadline) await delay(50);
      return {
        devices: options.devices.length,
        load,
        received,
        receivedPerS: lastAt > load.startedAt ? received / ((lastAt - load.startedAt) / 1000) : 0,
        brokerPeakRssBytes: rss.peakBytes(),
      };
    } finally {
      rss.stop();
      await subscriber.endAsync(true).catch(() => undefined);
    }
  } finally {
    await broker.stop();
    await removeDir(dir);
  }
}

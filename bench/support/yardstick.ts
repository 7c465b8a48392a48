// The raw broker yardstick: a bare aedes broker in a child process, N publishers at QoS 1 and one
// QoS 1 subscriber, messages/s arriving at the subscriber. No auth, no spool, no store.
import { runLoad, type LoadProgress, type LoadResult } from '../../devices-sim/src/load/load-generator';
import { TELEMETRY_SUBSCRIPTION } from '@jct/contract';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';
import { delay, RssWatch, stopChild, trackChild } from './processes';

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
  const child = trackChild(
    spawn(process.execPath, [join(__dirname, 'raw-broker.js')], { stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`raw broker not ready in 15 s: ${output}`)), 15_000);
      child.once('exit', (code) => reject(new Error(`raw broker exited with ${code}: ${output}`)));
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /ready (\d+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
    });
    const rss = new RssWatch(child.pid!);
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
    await stopChild(child, 5_000);
  }
}

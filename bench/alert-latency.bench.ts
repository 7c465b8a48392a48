// npm run bench:alerts-latency — publish a breaching reading, receive its alert on MQTT.
//
// The alert engine's target: p99 from publishing a breaching reading to its alert on MQTT
// < 20 ms, with 5,000 readings/s of background load. The built service runs on its embedded broker
// and DuckDB; 100 background containers publish at the fixed rate; a probe container opens and
// closes its door (no position known: outside any inspection zone → a critical alert at once,
// docs/domain.md §5); a read-only client watches alerts/#. The background load runs in a process
// of its own (devices-sim load), so its work does not delay the probe's clock. All traffic is on
// 127.0.0.1. BENCH_SMOKE=1 or --smoke: 10 containers at 100 readings/s and 5 probes, to prove it
// runs.
import { hashSecret } from '@jct/site-config';
import { connectAsync, type MqttClient } from 'mqtt';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse, stringify } from 'yaml';
import { spawn } from 'node:child_process';
import { cleanupAll, cleanupOnSignals, tempDir, trackChild } from '../test/harness/cleanup';
import { REPO_ROOT } from '../test/harness/paths';
import { delay } from '../test/harness/wait';
import { startService, type RunningService } from './support/service';
import { benchDevices, writeBenchSiteConfig } from './support/site-config';
import { SMOKE, sized, smokeFinished } from './support/smoke';

const BACKGROUND_RATE = Number(process.env.BENCH_ALERT_BACKGROUND_RATE ?? sized(5000, 100));
const BACKGROUND_DEVICES = sized(100, 10);
const PROBES = Number(process.env.BENCH_ALERT_PROBES ?? sized(400, 5));
const WATCHER = { id: 'bench-watcher', password: 'dev-secret-bench-watcher' };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Waits until the background devices are connected and publishing: a second's worth accepted. */
async function backgroundAtRate(service: RunningService): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const accepted = (await service.metrics()).value('jct_ingest_messages_accepted_total');
    if (accepted >= BACKGROUND_RATE) return;
    if (Date.now() > deadline)
      throw new Error(
        `the background load reached ${accepted} accepted messages in 30 s, not ${BACKGROUND_RATE}`,
      );
    await delay(100);
  }
}

async function main(): Promise<void> {
  cleanupOnSignals();
  const baseDir = tempDir('alert-bench');
  const devices = benchDevices(BACKGROUND_DEVICES + 1);
  const probe = devices.pop()!;
  const sitePath = await writeBenchSiteConfig(baseDir, [...devices, probe]);
  // A read-only client that may watch the alerts.
  const site = parse(readFileSync(sitePath, 'utf8')) as { mqttClients: unknown[] };
  site.mqttClients = [
    { id: WATCHER.id, secretHash: await hashSecret(WATCHER.password), subscribe: ['alerts/#'] },
  ];
  writeFileSync(sitePath, stringify(site));

  const service = await startService({ siteConfig: sitePath, baseDir, label: 'alert-latency' });
  let watcher: MqttClient | undefined;
  let probeClient: MqttClient | undefined;
  try {
    watcher = await connectAsync(service.mqttUrl, {
      clientId: WATCHER.id,
      username: WATCHER.id,
      password: WATCHER.password,
      protocolVersion: 4,
    });
    await watcher.subscribeAsync('alerts/#', { qos: 0 });
    probeClient = await connectAsync(service.mqttUrl, {
      clientId: probe.id,
      username: probe.id,
      password: probe.password,
      protocolVersion: 4,
    });
    let waiting: { transition: string; resolve: (at: number) => void } | undefined;
    watcher.on('message', (_topic, payload) => {
      const at = performance.now();
      const event = JSON.parse(payload.toString()) as {
        transition: string;
        alert: { subjectId: string; ruleId: string };
      };
      if (
        event.alert.subjectId === probe.id &&
        event.alert.ruleId === 'cargo.door-open-outside-zone' &&
        waiting?.transition === event.transition
      ) {
        waiting.resolve(at);
      }
    });
    const expect = (transition: string) =>
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${transition} alert within 5 s`)), 5000);
        waiting = { transition, resolve: (at) => (clearTimeout(timer), resolve(at)) };
      });

    const durationS = Math.ceil(PROBES / 15) + sized(10, 4);
    const loadProcess = trackChild(
      spawn(
        process.execPath,
        [
          join(REPO_ROOT, 'dist', 'devices-sim', 'src', 'cli.js'),
          'load',
          '--url',
          service.mqttUrl,
          '--site-config',
          sitePath,
          '--devices',
          String(devices.length),
          '--rate',
          String(BACKGROUND_RATE),
          '--duration',
          String(durationS),
          '--json',
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      ),
    );
    let loadOutput = '';
    loadProcess.stdout!.on('data', (chunk: Buffer) => (loadOutput += chunk.toString()));
    const background = new Promise<{ achievedRate: number; acked: number; failed: number }>(
      (resolve, reject) =>
        loadProcess.once('exit', (code) => {
          const json = loadOutput.slice(loadOutput.indexOf('\n{') + 1);
          try {
            resolve(JSON.parse(json) as { achievedRate: number; acked: number; failed: number });
          } catch {
            reject(new Error(`devices-sim load exited ${code}: ${loadOutput.slice(-500)}`));
          }
        }),
    );
    await backgroundAtRate(service);

    const latencies: number[] = [];
    for (let i = 0; i < PROBES; i++) {
      const firing = expect('firing');
      const sent = performance.now();
      await probeClient.publishAsync(
        `devices/${probe.id}/telemetry`,
        JSON.stringify({ ts: Date.now(), values: { doorOpen: true } }),
        { qos: 1 },
      );
      latencies.push((await firing) - sent);
      const resolved = expect('resolved');
      await probeClient.publishAsync(
        `devices/${probe.id}/telemetry`,
        JSON.stringify({ ts: Date.now() + 1, values: { doorOpen: false } }),
        { qos: 1 },
      );
      await resolved;
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    const load = await background;
    latencies.sort((a, b) => a - b);
    const result = {
      generatedAt: new Date().toISOString(),
      backgroundRate: BACKGROUND_RATE,
      backgroundAchievedRate: Math.round(load.achievedRate),
      backgroundAcked: load.acked,
      backgroundFailed: load.failed,
      probes: latencies.length,
      publishToAlertMs: {
        p50: Number(percentile(latencies, 50).toFixed(2)),
        p90: Number(percentile(latencies, 90).toFixed(2)),
        p99: Number(percentile(latencies, 99).toFixed(2)),
        max: Number(latencies[latencies.length - 1].toFixed(2)),
      },
      peakRssMb: Math.round(service.peakRssBytes() / 1e6),
    };
    const pass = result.publishToAlertMs.p99 < 20;
    console.log(JSON.stringify(result, null, 2));
    console.log(
      `${pass ? 'PASS' : 'FAIL'}: p99 publish → alert on MQTT ${result.publishToAlertMs.p99} ms at ${result.backgroundAchievedRate} readings/s of background (target < 20 ms)`,
    );
    if (SMOKE) {
      smokeFinished('bench:alerts-latency');
      return;
    }
    mkdirSync(join(REPO_ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(
      join(REPO_ROOT, 'bench', 'results', 'alert-latency.json'),
      JSON.stringify(result, null, 2) + '\n',
    );
    process.exitCode = pass ? 0 : 1;
  } finally {
    await probeClient?.endAsync();
    await watcher?.endAsync();
    await service.stop();
    await cleanupAll();
  }
}

main().catch(async (error: unknown) => {
  console.error(error);
  await cleanupAll();
  process.exit(1);
});

// npm run bench:alerts-eval — what evaluating every reading costs, for a site of 10,000 devices.
//
// The alert engine runs inside ingestion, on the same thread, for every accepted reading. This
// script drives the real evaluators, state machine and alert store (in-process, a temp DATA_DIR)
// with a realistic mix of readings from 10,000 devices and reports readings evaluated per second
// and CPU time per reading. The alert engine's target: evaluation costs < 20 % of the ingest
// throughput of the backbone benchmark (docs/benchmarks.md), i.e. it must keep up with ≥ 5× that
// rate. BENCH_SMOKE=1 or --smoke: 200 devices and 2,000 readings, to prove it runs.
import 'reflect-metadata';
import type { PointBatch } from '@jct/contract';
import { DuckDbTelemetryStore } from '@jct/storage';
import type { SiteConfig } from '@jct/site-config';
import { loadSiteConfig } from '@jct/site-config';
import { join } from 'node:path';
import { AlertEngine } from '../apps/service/src/alerts/alert-engine.service';
import { AlertLog } from '../apps/service/src/alerts/alert-log';
import { AlertStore } from '../apps/service/src/alerts/alert-store';
import { SystemClock } from '../apps/service/src/clock/system-clock';
import { CargoEvaluator } from '../apps/service/src/cargo/cargo-evaluator';
import { ShipmentBook } from '../apps/service/src/shipments/shipment-book';
import type { AppConfig } from '../apps/service/src/config/app-config';
import { CrossingMonitor } from '../apps/service/src/crossings/crossing-monitor.service';
import { FerryCrossings } from '../apps/service/src/crossings/ferry-crossings';
import { IceEvaluator } from '../apps/service/src/crossings/ice-evaluator';
import { FerryEvaluator } from '../apps/service/src/ferries/ferry-evaluator';
import { MessageBus } from '../apps/service/src/broker/message-bus';
import { ReadingsHub } from '../apps/service/src/ingest/readings-hub';
import { SiteRegistry } from '../apps/service/src/site/site-registry';
import { TrafficEvaluator } from '../apps/service/src/traffic/traffic-evaluator';
import { removeDir, tempDir } from '../test/harness/cleanup';
import { SHIPPED_SITE_CONFIG } from '../test/harness/paths';
import { SMOKE, sized, smokeFinished } from './support/smoke';

const DEVICES = Number(process.env.BENCH_EVAL_DEVICES ?? sized(10_000, 200));
const READINGS = Number(process.env.BENCH_EVAL_READINGS ?? sized(300_000, 2_000));
const INGEST_TARGET_PER_S = Number(process.env.BENCH_INGEST_RATE ?? 15_000);

/** Counts what would go out on MQTT; the broker is not what this script measures. */
class CountingBus extends MessageBus {
  published = 0;
  get connected() {
    return true;
  }
  get description() {
    return 'counting bus';
  }
  publish(): Promise<void> {
    this.published++;
    return Promise.resolve();
  }
}

/** Profiles of the containers, with a temperature and humidity inside each profile's limits. */
const PROFILES: Record<string, { tempC: number; humidityPct: number }> = {
  frozen: { tempC: -20, humidityPct: 60 },
  'chilled-meat': { tempC: 2, humidityPct: 80 },
  dairy: { tempC: 3, humidityPct: 70 },
  'fresh-produce': { tempC: 1.5, humidityPct: 92 },
  'pharma-2-8': { tempC: 5, humidityPct: 40 },
  metals: { tempC: -10, humidityPct: 35 },
  timber: { tempC: -10, humidityPct: 75 },
  'no-freeze': { tempC: 8, humidityPct: 50 },
  equipment: { tempC: 0, humidityPct: 50 },
  general: { tempC: -5, humidityPct: 60 },
};
const PROFILE_IDS = Object.keys(PROFILES);

/** The shipped site plus DEVICES devices: 1 % ice stations, 20 % vehicles, 1 % ferries, the rest containers. */
function siteOf(devices: number): SiteConfig {
  const shipped = loadSiteConfig(SHIPPED_SITE_CONFIG);
  const ice = shipped.crossings.find((c) => c.mode === 'ice')!;
  ice.season = { opens: '01-01', closes: '12-31' };
  const hash = shipped.devices[0].secretHash; // never checked here: no MQTT connections
  const site: SiteConfig = { ...shipped, assets: [...shipped.assets], devices: [] };
  for (let i = 0; i < devices; i++) {
    const share = i % 100;
    const id = `D${i}`;
    if (share === 0) {
      site.devices.push({ id, kind: 'ice-station', asset: ice.id, secretHash: hash });
    } else if (share <= 20) {
      site.assets.push({ id: `v-${i}`, type: 'vehicle', plate: `B${i}` });
      site.devices.push({ id, kind: 'vehicle', asset: `v-${i}`, secretHash: hash });
    } else if (share === 21) {
      site.assets.push({ id: `f-${i}`, type: 'ferry', crossing: 'jalinda-mohe-ferry' });
      site.devices.push({ id, kind: 'ferry', asset: `f-${i}`, secretHash: hash });
    } else {
      site.assets.push({
        id: `c-${i}`,
        type: 'container',
        isoNumber: 'CSQU3054383',
        owner: 'amur-timber',
        cargoProfile: PROFILE_IDS[i % PROFILE_IDS.length],
      });
      site.devices.push({ id, kind: 'container', asset: `c-${i}`, secretHash: hash });
    }
  }
  return site;
}

/**
 * A plausible reading for each kind: containers within their profile, ice about the required
 * thickness (so its alert fires and resolves now and then), trucks mostly on the road.
 */
function readingOf(site: SiteRegistry, index: number, ts: number): PointBatch {
  const device = site.allDevices()[index % site.allDevices().length];
  const tags = site.deviceTags(device.id)!;
  const wobble = Math.sin(index / 97);
  const points: PointBatch['points'] = [];
  const add = (metric: PointBatch['points'][number]['metric'], value: number | boolean) =>
    points.push({ metric, ts, value });
  switch (device.kind) {
    case 'ice-station':
      add('iceThicknessCm', 105 + wobble * 5);
      add('whiteIceCm', 10);
      add('airTempC', -25 + wobble * 3);
      break;
    case 'vehicle': {
      // Most trucks on the road from Skovorodino, a few on the ice lane.
      const onIce = index % 50 === 0;
      add('lat', onIce ? 53.4806 + wobble * 0.002 : 53.7 + wobble * 0.2);
      add('lon', onIce ? 123.9031 : 123.93);
      add('speedKmh', 12 + wobble * 5);
      add('grossMassKg', 20_000 + (index % 7) * 3000);
      break;
    }
    case 'ferry':
      add('lat', 53.4818);
      add('lon', 123.8998);
      add('speedKmh', 6);
      add('waterLevelCm', 200);
      break;
    case 'container': {
      const normal = PROFILES[PROFILE_IDS[Number(device.id.slice(1)) % PROFILE_IDS.length]];
      add('tempC', normal.tempC + wobble * 0.5);
      add('humidityPct', normal.humidityPct + wobble);
      add('shockG', 0.2);
      add('doorOpen', false);
      add('lat', 53.7 + wobble * 0.2);
      add('lon', 123.93);
      break;
    }
  }
  return { device: tags, points };
}

async function main(): Promise<void> {
  const dir = tempDir('eval-bench');
  const store = new DuckDbTelemetryStore({ path: join(dir, 'telemetry.duckdb') });
  await store.init();
  try {
    const site = new SiteRegistry(siteOf(DEVICES));
    const bus = new CountingBus();
    const clock = new SystemClock();
    const monitor = new CrossingMonitor(site, store, bus, clock);
    await monitor.onModuleInit();
    const evaluators = [
      new IceEvaluator(monitor),
      new TrafficEvaluator(monitor),
      new CargoEvaluator(site, monitor, new ShipmentBook(site)),
      new FerryEvaluator(site, new FerryCrossings(site)),
    ];
    const alerts = new AlertStore(new AlertLog(join(dir, 'alerts')));
    const config = { alerts: { tickMs: 10_000 } } as AppConfig;
    const engine = new AlertEngine(new ReadingsHub(), alerts, bus, evaluators, config, clock);

    const byRule = new Map<string, number>();
    engine.events$.subscribe((event) =>
      byRule.set(
        `${event.alert.ruleId} ${event.transition}`,
        (byRule.get(`${event.alert.ruleId} ${event.transition}`) ?? 0) + 1,
      ),
    );
    const start = Date.now() - READINGS * 5; // device time advances 5 ms a reading
    // Warm-up: JIT and the first state of every condition.
    for (let i = 0; i < Math.min(READINGS, DEVICES * 2); i++)
      engine.evaluate(readingOf(site, i, start + i * 5));
    // Readings are made in chunks between timed stretches: only the engine is timed, and the heap
    // does not hold every reading at once.
    let elapsedNs = 0n;
    let cpuUs = 0;
    const CHUNK = 10_000;
    for (let from = 0; from < READINGS; from += CHUNK) {
      const chunk = Array.from({ length: Math.min(CHUNK, READINGS - from) }, (_, k) =>
        readingOf(site, from + k, start + (DEVICES * 2 + from + k) * 5),
      );
      const cpu0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      for (const reading of chunk) engine.evaluate(reading);
      elapsedNs += process.hrtime.bigint() - t0;
      const used = process.cpuUsage(cpu0);
      cpuUs += used.user + used.system;
    }
    const elapsedS = Number(elapsedNs) / 1e9;
    const cpu = { user: cpuUs, system: 0 };
    const perSecond = READINGS / elapsedS;
    const cpuUsPerReading = (cpu.user + cpu.system) / READINGS;
    const share = INGEST_TARGET_PER_S / perSecond;
    const result = {
      devices: DEVICES,
      readings: READINGS,
      evaluatedPerS: Math.round(perSecond),
      cpuMicrosecondsPerReading: Number(cpuUsPerReading.toFixed(2)),
      alertTransitions: bus.published,
      ingestRatePerS: INGEST_TARGET_PER_S,
      shareOfIngestThread: Number((share * 100).toFixed(1)),
      pass: share < 0.2,
      heapMb: Math.round(process.memoryUsage().heapUsed / 1e6),
      transitionsByRule: Object.fromEntries([...byRule].sort((a, b) => b[1] - a[1])),
    };
    console.log(JSON.stringify(result, null, 2));
    console.log(
      `${result.pass ? 'PASS' : 'FAIL'}: evaluating ${INGEST_TARGET_PER_S.toLocaleString('en')} readings/s for ${DEVICES.toLocaleString('en')} devices takes ${result.shareOfIngestThread} % of one core (target < 20 %)`,
    );
    alerts.close();
    if (SMOKE) smokeFinished('bench:alerts-eval');
    else process.exitCode = result.pass ? 0 : 1;
  } finally {
    await store.close();
    await removeDir(dir);
  }
}

void main();

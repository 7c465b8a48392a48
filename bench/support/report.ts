// Targets, the console table and the Markdown snippet for docs/benchmarks.md.
import type { LoadResult } from '../../devices-sim/src/load/load-generator';
import { idleLine, type IdleResult } from './idle';
import type { YardstickResult } from './yardstick';

export type StoreName = 'duckdb' | 'influx';

export interface Quantiles {
  p50: number;
  p90: number;
  p99: number;
}

export interface PhaseResult {
  store: StoreName;
  phase: 'saturation' | 'latency';
  error?: string;
  load?: LoadResult;
  /** 3 × acked messages: what the service must store. */
  expectedPoints?: number;
  storedPoints?: number;
  storeWaitTimedOut?: boolean;
  /** Epoch ms when /metrics first showed every acked point stored. */
  allStoredAt?: number;
  /** From the last PUBACK to the last point stored: what the spool held back. */
  drainAfterLastAckMs?: number;
  /** Acked readings / (all stored − first publish). */
  sustainedReadingsPerS?: number;
  /** Readings stored per second from the first publish until the generator finished. */
  storedPerSWhilePublishing?: number;
  /** Readings the store holds, counted by querying it (count of tempC). */
  storedReadings?: number;
  lostReadings?: number;
  duplicateReadings?: number;
  rejections?: Record<string, number>;
  /** From /metrics, milliseconds. */
  acceptedToStoredMs?: Quantiles;
  /** Device timestamp (= Date.now() at publish here) → stored: publish → stored. */
  publishToStoredMs?: Quantiles;
  peakRssBytes?: number;
  /** Right after the service became healthy. */
  idleRssBytes?: number;
  /** At the end of the phase: anonymous memory vs file-backed pages (node binary, libduckdb.so). */
  endRss?: { anonBytes: number; fileBytes: number };
  /** CPU seconds from the first publish until everything was stored. */
  cpu?: {
    wallS: number;
    serviceS?: number;
    generatorS: number;
    influxdS?: number;
    /** Machine-wide busy CPU not used by the service, the generator or influxd: others' work. */
    otherProcessesS?: number;
    iowaitS?: number;
    stealS?: number;
  };
  /** The service's event-loop delay (prom-client, worst of the 1 s scrapes). */
  eventLoopLag?: { maxMs: number; p99Ms: number };
  /** InfluxDB's own peak RSS, for information (the target is about the service). */
  influxdPeakRssBytes?: number;
}

export interface Target {
  store: StoreName | 'all';
  name: string;
  measured: string;
  limit: string;
  pass: boolean;
}

export interface MachineInfo {
  nproc: number;
  cpuModel: string;
  memTotalBytes: number;
  node: string;
  kernel: string;
}

export interface BenchReport {
  generatedAt: string;
  /** git HEAD of the measured build. */
  revision?: string;
  machine: MachineInfo;
  settings: {
    devices: number;
    durationS: number;
    stores: StoreName[];
    latencyRate: number;
    inFlightPerDevice: number;
    valuesPerReading: number;
    /** What the environment passed on to the service (INGEST_*, SPOOL_*, DUCKDB_*, NODE_OPTIONS, …). */
    serviceEnv: Record<string, string>;
  };
  phases: PhaseResult[];
  idle?: IdleResult | { error: string };
  yardstick?: YardstickResult | { error: string };
  targets: Target[];
  pass: boolean;
}

export const TARGETS = {
  sustainedReadingsPerS: 15_000,
  p99PublishToStoredMs: 250,
  peakRssBytes: 300 * 1024 * 1024,
  /** Share of one core with the devices connected and no traffic. */
  idleCoreShare: 0.02,
};

const num = (value: number | undefined, digits = 0): string =>
  value === undefined || !Number.isFinite(value)
    ? '–'
    : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const mb = (bytes: number | undefined): string =>
  bytes === undefined ? '–' : `${num(bytes / 1024 / 1024, 0)} MB`;
const msPair = (q: Quantiles | undefined, digits = 0): string =>
  q ? `${num(q.p50, digits)} / ${num(q.p99, digits)}` : '–';

/** PASS/FAIL per target, for the phases that ran. */
export function evaluateTargets(phases: PhaseResult[], stores: StoreName[], latencyRate: number): Target[] {
  const targets: Target[] = [];
  for (const store of stores) {
    const sat = phases.find((p) => p.store === store && p.phase === 'saturation');
    const lat = phases.find((p) => p.store === store && p.phase === 'latency');
    if (!sat && !lat) continue;
    if (sat) {
      const sustained = sat.sustainedReadingsPerS;
      targets.push({
        store,
        name: 'sustained readings/s stored (saturation)',
        measured: sat.error ? `error: ${sat.error.split('\n')[0]}` : num(sustained),
        limit: `≥ ${num(TARGETS.sustainedReadingsPerS)}`,
        pass: !sat.error && sustained !== undefined && sustained >= TARGETS.sustainedReadingsPerS,
      });
    }
    const ran = [sat, lat].filter((p): p is PhaseResult => p !== undefined);
    targets.push({
      store,
      name: 'readings lost (acked, not in the store)',
      measured: ran.map((p) => `${num(p.lostReadings)} (${p.phase})`).join(', '),
      limit: '= 0',
      pass: ran.every((p) => p.lostReadings === 0),
    });
    if (lat) {
      const p99 = lat.publishToStoredMs?.p99;
      const rateOk = lat.load !== undefined && lat.load.achievedRate >= latencyRate * 0.95;
      targets.push({
        store,
        name: `p99 publish→stored at ${num(latencyRate)} readings/s`,
        measured: lat.error
          ? `error: ${lat.error.split('\n')[0]}`
          : `${num(p99, 0)} ms` +
            (rateOk ? '' : ` (generator reached only ${num(lat.load?.achievedRate)}/s)`),
        limit: `< ${TARGETS.p99PublishToStoredMs} ms`,
        pass: !lat.error && rateOk && p99 !== undefined && p99 < TARGETS.p99PublishToStoredMs,
      });
    }
    const peak = Math.max(...ran.map((p) => p.peakRssBytes ?? 0));
    targets.push({
      store,
      name: 'peak RSS of the service',
      measured: peak > 0 ? mb(peak) : '–',
      limit: `< ${mb(TARGETS.peakRssBytes)}`,
      pass: peak > 0 && peak < TARGETS.peakRssBytes,
    });
  }
  return targets;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

const RESULT_HEADER = [
  'Store',
  'Sustained readings/s',
  'Accepted readings/s',
  'Stored/s while publishing',
  'Lost',
  'Dup',
  'Peak RSS (sat.)',
  'Service CPU (sat.)',
  'PUBACK p50/p99 ms',
  'Accepted→stored p50/p99 ms',
  'Publish→stored p50/p99 ms',
  'Peak RSS (lat.)',
  'Service CPU µs per reading (lat.)',
  'Event-loop lag max sat. / lat. ms',
];

function resultRows(report: BenchReport): string[][] {
  return report.settings.stores.map((store) => {
    const sat = report.phases.find((p) => p.store === store && p.phase === 'saturation');
    const lat = report.phases.find((p) => p.store === store && p.phase === 'latency');
    const ran = [sat, lat].filter((p): p is PhaseResult => p !== undefined);
    const lost = ran.reduce((sum, p) => sum + (p.lostReadings ?? NaN), 0);
    const dup = ran.reduce((sum, p) => sum + (p.duplicateReadings ?? NaN), 0);
    const cpu = sat?.cpu;
    return [
      store === 'duckdb' ? 'DuckDB (embedded)' : 'InfluxDB 1.6.7',
      sat?.error
        ? 'error'
        : `${num(sat?.sustainedReadingsPerS)}${sat?.storeWaitTimedOut ? ' (timed out)' : ''}`,
      num(sat?.load?.ackedRate),
      num(sat?.storedPerSWhilePublishing),
      num(lost),
      num(dup),
      mb(sat?.peakRssBytes),
      cpu?.serviceS === undefined ? '–' : `${num((cpu.serviceS / cpu.wallS) * 100)} %`,
      lat?.error ? 'error' : msPair(lat?.load?.pubackMs, 1),
      msPair(lat?.acceptedToStoredMs),
      msPair(lat?.publishToStoredMs),
      mb(lat?.peakRssBytes),
      num(lat?.cpu?.serviceS === undefined ? undefined : (lat.cpu.serviceS / (lat.load?.acked ?? NaN)) * 1e6),
      `${num(sat?.eventLoopLag?.maxMs)} / ${num(lat?.eventLoopLag?.maxMs)}`,
    ];
  });
}

function yardstickLine(report: BenchReport): string {
  const y = report.yardstick;
  if (!y) return 'Raw aedes yardstick: not run';
  if ('error' in y) return `Raw aedes yardstick: error: ${y.error}`;
  return (
    `Raw aedes yardstick (bare broker, ${y.devices} QoS 1 publishers → 1 QoS 1 subscriber): ` +
    `${num(y.receivedPerS)} msg/s received (${num(y.received)} of ${num(y.load.acked)} acked), ` +
    `broker peak RSS ${mb(y.brokerPeakRssBytes)}`
  );
}

/** Other processes that used ≥ 10 % of a core during a phase make its figures unreliable. */
export const DISTURBED_SHARE = 0.1;

function disturbanceLine(report: BenchReport): string {
  const disturbed = report.phases
    .filter(
      (p) => p.cpu?.otherProcessesS !== undefined && p.cpu.otherProcessesS / p.cpu.wallS >= DISTURBED_SHARE,
    )
    .map((p) => `${p.store} ${p.phase} (${num((p.cpu!.otherProcessesS! / p.cpu!.wallS) * 100)} % of a core)`);
  return disturbed.length > 0
    ? `WARNING: other processes on this machine used CPU during ${disturbed.join(', ')}: those figures are disturbed; rerun on a quiet machine.`
    : '';
}

function cpuLine(report: BenchReport): string {
  const parts = report.phases
    .filter((p) => p.cpu)
    .map((p) => {
      const c = p.cpu!;
      const pct = (seconds: number | undefined) => `${num(((seconds ?? NaN) / c.wallS) * 100)} %`;
      return (
        `${p.store} ${p.phase}: service ${pct(c.serviceS)}, load generator ${pct(c.generatorS)}` +
        (c.influxdS === undefined ? '' : `, influxd ${pct(c.influxdS)}`) +
        (c.otherProcessesS === undefined ? '' : `, other processes ${pct(c.otherProcessesS)}`) +
        (c.iowaitS ? `, iowait ${pct(c.iowaitS)}` : '') +
        (c.stealS ? `, stolen by the hypervisor ${pct(c.stealS)}` : '')
      );
    });
  return parts.length > 0
    ? `CPU from the first publish until all was stored (the machine has ${report.machine.nproc * 100} %): ${parts.join('; ')}.`
    : '';
}

export function machineLine(m: MachineInfo): string {
  return `${m.nproc} CPU (nproc), ${m.cpuModel}, ${num(m.memTotalBytes / 1024 ** 3, 1)} GiB RAM, Linux ${m.kernel}, Node ${m.node}`;
}

export function consoleReport(report: BenchReport): string {
  const targetRows = report.targets.map((t) => [
    t.pass ? 'PASS' : 'FAIL',
    t.store,
    t.name,
    t.measured,
    t.limit,
  ]);
  return [
    table(RESULT_HEADER, resultRows(report)),
    '',
    cpuLine(report),
    disturbanceLine(report),
    idleLine(report.idle),
    yardstickLine(report),
    '',
    table(['', 'Store', 'Target', 'Measured', 'Limit'], targetRows),
  ].join('\n');
}

export function markdownReport(report: BenchReport): string {
  const s = report.settings;
  return [
    `### Ingest benchmark, ${report.generatedAt.slice(0, 10)}`,
    '',
    `Machine: ${machineLine(report.machine)}. Service, load generator and InfluxDB share it.` +
      (report.revision ? ` Revision ${report.revision}.` : ''),
    '',
    `${s.devices} container devices, ${s.valuesPerReading} values per reading (one MQTT QoS 1 message); ` +
      `${s.durationS} s per phase; saturation at max speed with ${s.inFlightPerDevice} publishes in flight per device; ` +
      `latency at a fixed ${num(s.latencyRate)} readings/s. "Publish→stored" is the reading's timestamp ` +
      '(set at publish, same clock) to stored; "Sustained" is acked readings / (last stored − first publish); ' +
      '"Accepted" is acked readings / (last PUBACK − first publish); "Stored/s while publishing" is what the ' +
      'store kept up with while the generator ran (the rest waited in the spool); ' +
      'CPU is in % of one core (200 % = both cores of a 2-CPU machine).' +
      (Object.keys(s.serviceEnv).length > 0 ? ` Service environment: ${JSON.stringify(s.serviceEnv)}.` : ''),
    '',
    markdownTable(RESULT_HEADER, resultRows(report)),
    '',
    cpuLine(report),
    '',
    ...(disturbanceLine(report) ? [disturbanceLine(report), ''] : []),
    idleLine(report.idle) + '.',
    '',
    yardstickLine(report) + '.',
    '',
    markdownTable(
      ['Target', 'Store', 'Measured', 'Result'],
      report.targets.map((t) => [`${t.name} ${t.limit}`, t.store, t.measured, t.pass ? 'PASS' : 'FAIL']),
    ),
  ].join('\n');
}

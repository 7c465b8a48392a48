import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { WriteHealth } from '../storage/write-health';

/** The service's Prometheus metrics, served at GET /metrics. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly messagesAccepted = new Counter({
    name: 'jct_ingest_messages_accepted_total',
    help: 'Telemetry messages with at least one stored point',
    registers: [this.registry],
  });
  readonly pointsAccepted = new Counter({
    name: 'jct_ingest_points_accepted_total',
    help: 'Points (one metric of one reading) accepted into the spool',
    registers: [this.registry],
  });
  readonly rejections = new Counter({
    name: 'jct_ingest_rejections_total',
    help: 'Rejected messages, readings or values, by reason code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly pointsStored = new Counter({
    name: 'jct_store_points_stored_total',
    help: 'Points written to the telemetry store',
    registers: [this.registry],
  });
  readonly storeWriteFailures = new Counter({
    name: 'jct_store_write_failures_total',
    help: 'Failed store writes (retried from the spool)',
    registers: [this.registry],
  });
  readonly deadLettered = new Counter({
    name: 'jct_store_dead_lettered_points_total',
    help: 'Points the store refused permanently, kept in the dead-letter file',
    registers: [this.registry],
  });
  readonly spoolSetAside = new Counter({
    name: 'jct_spool_set_aside_total',
    help: 'Pieces of the spool that were not whole records (torn or corrupted), kept in the dead-letter file',
    registers: [this.registry],
  });
  readonly spoolDepth = new Gauge({
    name: 'jct_spool_depth_bytes',
    help: 'Accepted data waiting in the on-disk spool for the store',
    registers: [this.registry],
  });
  /** Accepted by the service → stored in the database: a histogram, cheap enough for every message. */
  readonly storeLatency = new Histogram({
    name: 'jct_ingest_to_store_seconds',
    help: 'Time from accepting a message to its points being stored',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  /**
   * Device timestamp → stored, the publish→stored latency when device clocks are right. A
   * histogram (aggregatable across instances, unlike a summary); the buckets reach an hour, as
   * buffered readings arrive late by design.
   */
  readonly deviceToStoreLatency = new Histogram({
    name: 'jct_device_to_store_seconds',
    help: 'Time from the reading’s device timestamp to its points being stored',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
    registers: [this.registry],
  });

  constructor(writes: WriteHealth) {
    // The standard process_* and nodejs_* names, unprefixed, so stock dashboards and alerts work.
    // Event-loop lag sampled every 100 ms (prom-client's default of 10 ms is 100 wake-ups a second
    // of an otherwise idle service).
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 100 });
    // Read from WriteHealth at each scrape: a full disk shows while it lasts.
    new Gauge({
      name: 'jct_disk_write_failing',
      help: 'Files that cannot be written now (full disk, I/O error): 1 while failing',
      labelNames: ['file'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const { file } of writes.failures) this.set({ file }, 1);
      },
    });
    new Gauge({
      name: 'jct_disk_write_errors',
      help: 'Failed writes per file since the start',
      labelNames: ['file'] as const,
      registers: [this.registry],
      collect() {
        for (const [file, count] of writes.errors) this.set({ file }, count);
      },
    });
  }
}

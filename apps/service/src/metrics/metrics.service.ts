import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry, Summary, collectDefaultMetrics } from 'prom-client';

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
  readonly spoolDepth = new Gauge({
    name: 'jct_spool_depth_bytes',
    help: 'Accepted data waiting in the on-disk spool for the store',
    registers: [this.registry],
  });
  /** Accepted by the service → stored in the database. */
  readonly storeLatency = new Summary({
    name: 'jct_ingest_to_store_seconds',
    help: 'Time from accepting a message to its points being stored',
    percentiles: [0.5, 0.9, 0.99, 0.999],
    maxAgeSeconds: 60,
    ageBuckets: 6,
    registers: [this.registry],
  });
  /** Device timestamp → stored: includes the network and broker when device clocks are right. */
  readonly deviceToStoreLatency = new Summary({
    name: 'jct_device_to_store_seconds',
    help: 'Time from the reading’s device timestamp to its points being stored',
    percentiles: [0.5, 0.9, 0.99, 0.999],
    maxAgeSeconds: 60,
    ageBuckets: 6,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'jct_' });
  }
}

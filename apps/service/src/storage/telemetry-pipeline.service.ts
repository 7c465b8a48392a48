import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Spool, SpoolDrainer, type SpoolRecord, type TelemetryStore } from '@jct/storage';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { TELEMETRY_STORE } from './telemetry-store.provider';
import { WriteHealth } from './write-health';

export interface PipelineHealth {
  store: string;
  storeHealthy: boolean;
  lastError?: string;
  spoolDepthBytes: number;
}

/**
 * Accepted readings → on-disk spool → store. accept() returns once the readings are in the spool
 * (that is when the broker may be acknowledged); a drainer moves them to the store in order.
 */
@Injectable()
export class TelemetryPipeline implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('TelemetryPipeline');
  private readonly spool: Spool;
  private readonly drainer: SpoolDrainer;
  private readonly storedListeners = new Set<(records: SpoolRecord[]) => void>();
  private pending: SpoolRecord[] = [];
  private written?: Promise<void>;

  constructor(
    config: AppConfig,
    @Inject(TELEMETRY_STORE) private readonly store: TelemetryStore,
    private readonly metrics: MetricsService,
    private readonly writeHealth: WriteHealth,
  ) {
    const dir = join(config.dataDir, 'spool');
    this.spool = new Spool({
      dir,
      maxBytes: config.spool.maxBytes,
      fsyncIntervalMs: config.spool.fsyncIntervalMs,
    });
    this.drainer = new SpoolDrainer(
      this.spool,
      store,
      { deadLetterPath: join(dir, 'dead-letter.ndjson'), lingerMs: config.spool.storeBatchMs },
      {
        stored: (records, storedAt) => this.recordStored(records, storedAt),
        failed: (error, attempt, retryInMs) => {
          metrics.storeWriteFailures.inc();
          // Log the first failure and then every tenth: an outage must not flood the log.
          if (attempt === 1 || attempt % 10 === 0) {
            this.logger.warn(
              `store write failed (attempt ${attempt}), readings wait in the spool; retry in ${retryInMs} ms: ${error.message}`,
            );
          }
        },
        recovered: (attempts) =>
          this.logger.log(`store is back after ${attempts} failed attempt(s); draining the spool`),
        deadLettered: (records, error) => {
          const points = records.reduce((sum, record) => sum + record.batch.points.length, 0);
          metrics.deadLettered.inc(points);
          this.logger.error(
            `store refused ${points} point(s) permanently; kept in dead-letter.ndjson: ${error.message}`,
          );
        },
        setAside: (pieces) => {
          metrics.spoolSetAside.inc(pieces.length);
          const where = pieces.map((p) => `segment ${p.segment} offset ${p.offset}`).join(', ');
          this.logger.error(
            `spool held ${pieces.length} piece(s) that are not whole records (${where}); kept in dead-letter.ndjson`,
          );
        },
      },
    );
  }

  async onModuleInit(): Promise<void> {
    this.spool.open();
    await this.initStore();
    if (this.spool.depthBytes > 0) {
      this.logger.log(
        `spool holds ${this.spool.depthBytes} bytes from before the restart; writing them first`,
      );
    }
    this.drainer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.drainer.stop();
    this.spool.close();
    await this.store.close();
  }

  /**
   * Durably accepts records: resolves once they are written to the spool. Waits while the spool
   * is full (backpressure to the broker). Records accepted in the same turn of the event loop are
   * written together, one write(2) for all of them (group commit).
   */
  async accept(records: SpoolRecord[]): Promise<void> {
    if (this.spool.isFull) await this.spool.waitForSpace();
    this.pending.push(...records);
    if (!this.written) {
      this.written = new Promise<void>((resolve, reject) =>
        setImmediate(() => {
          const batch = this.pending;
          this.pending = [];
          this.written = undefined;
          try {
            this.spool.append(batch);
            this.writeHealth.ok('spool');
            this.metrics.spoolDepth.set(this.spool.depthBytes);
            resolve();
          } catch (error) {
            // A full disk: nothing is acknowledged (the devices send again) until space returns.
            this.writeHealth.failed('spool', error);
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        }),
      );
    }
    return this.written;
  }

  /** True when accept() would wait. */
  get saturated(): boolean {
    return this.spool.isFull;
  }

  onStored(listener: (records: SpoolRecord[]) => void): () => void {
    this.storedListeners.add(listener);
    return () => this.storedListeners.delete(listener);
  }

  async health(): Promise<PipelineHealth> {
    let storeHealthy = this.drainer.storeHealthy;
    let lastError = this.drainer.lastError;
    if (storeHealthy) {
      try {
        await withTimeout(this.store.ping(), 2000);
      } catch (error) {
        storeHealthy = false;
        lastError = (error as Error).message;
      }
    }
    return { store: this.store.description, storeHealthy, lastError, spoolDepthBytes: this.spool.depthBytes };
  }

  /** Waits until the spool is empty: for tests, benchmarks and a graceful shutdown. */
  drained(timeoutMs?: number): Promise<boolean> {
    return this.drainer.drained(timeoutMs);
  }

  private recordStored(records: SpoolRecord[], storedAt: number): void {
    let points = 0;
    for (const record of records) {
      points += record.batch.points.length;
      this.metrics.storeLatency.observe((storedAt - record.acceptedAt) / 1000);
      const newest = record.batch.points.reduce((max, point) => Math.max(max, point.ts), 0);
      if (newest > 0) this.metrics.deviceToStoreLatency.observe(Math.max(0, storedAt - newest) / 1000);
    }
    this.metrics.pointsStored.inc(points);
    if (this.spool.cursorError) this.writeHealth.failed('spool cursor', this.spool.cursorError);
    else this.writeHealth.ok('spool cursor');
    this.metrics.spoolDepth.set(this.spool.depthBytes);
    for (const listener of this.storedListeners) listener(records);
  }

  /** The store may be down at boot: the service still starts and spools until it is back. */
  private async initStore(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.store.init();
        this.logger.log(`telemetry store: ${this.store.description}`);
        return;
      } catch (error) {
        if (attempt === 1)
          this.logger.warn(
            `store not reachable at boot (${(error as Error).message}); retrying in the background`,
          );
        if (attempt >= 3) {
          void this.retryInitInBackground();
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  private async retryInitInBackground(): Promise<void> {
    // write() of the Influx store initialises lazily as well; this only logs when it comes back.
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      try {
        await this.store.init();
        this.logger.log(`telemetry store reachable now: ${this.store.description}`);
        return;
      } catch {
        // still down: the spool keeps the readings
      }
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (
        clearTimeout(timer),
        reject(error instanceof Error ? error : new Error(String(error)))
      ),
    );
  });
}

import { appendFileSync } from 'node:fs';
import { PermanentWriteError, type TelemetryStore } from '../telemetry-store';
import type { Spool } from './spool';
import type { SpoolRecord } from './spool-record';
import type { TornBytes } from './spool-recovery';

export interface DrainerOptions {
  /** How much of the spool one store write takes. */
  chunkBytes?: number;
  /**
   * Group commit: after a store write, the next one waits up to this long unless a full chunk is
   * waiting. Every write costs the same fixed work (a store transaction or HTTP request, the
   * cursor's two fsyncs) however few readings it carries; 0 writes as soon as anything arrives.
   */
  lingerMs?: number;
  /** Backoff after a failed write: starts at minRetryMs, doubles up to maxRetryMs. */
  minRetryMs?: number;
  maxRetryMs?: number;
  /** Where batches the store refused for good are kept (never dropped silently). */
  deadLetterPath: string;
}

export interface DrainerEvents {
  stored?(records: SpoolRecord[], storedAt: number): void;
  failed?(error: Error, attempt: number, retryInMs: number): void;
  recovered?(afterAttempts: number): void;
  deadLettered?(records: SpoolRecord[], error: Error): void;
  /** Bytes of the spool that were not a whole record, moved to the dead-letter file. */
  setAside?(pieces: TornBytes[]): void;
}

/**
 * Moves readings from the spool into the store, in order, one chunk at a time. A chunk is committed
 * only after the store accepted it; a transient failure keeps it and retries with backoff, so an
 * outage of the store delays data and never reorders or drops it.
 */
export class SpoolDrainer {
  private running = false;
  private wake?: () => void;
  private sleepTimer?: NodeJS.Timeout;
  private loop?: Promise<void>;
  private unsubscribe?: () => void;
  private failures = 0;
  private lastErrorMessage?: string;
  private lastWriteAt = Number.NEGATIVE_INFINITY;
  private lingering = false;

  constructor(
    private readonly spool: Spool,
    private readonly store: TelemetryStore,
    private readonly options: DrainerOptions,
    private readonly events: DrainerEvents = {},
  ) {}

  /** The store's state as the drainer last saw it. */
  get storeHealthy(): boolean {
    return this.failures === 0;
  }

  get lastError(): string | undefined {
    return this.lastErrorMessage;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.spool.onData(() => {
      if (!this.lingering || this.spool.depthBytes >= this.chunkBytes) this.wake?.();
    });
    this.loop = this.run();
  }

  /** Stops after the chunk in flight; what is not stored stays in the spool for the next start. */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.wake?.();
    await this.loop;
  }

  /** Resolves once everything appended so far is stored (or the drainer stops). */
  async drained(timeoutMs = 30_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.spool.depthBytes > 0 && Date.now() < deadline && this.running) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.spool.depthBytes === 0;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.step();
      } catch (error) {
        // Anything else that fails (reading the spool, writing the dead-letter file, the store):
        // nothing is committed, and the same chunk is tried again after a backoff. Never a crash.
        const err = error instanceof Error ? error : new Error(String(error));
        this.failures += 1;
        this.lastErrorMessage = err.message;
        const delay = Math.min(
          (this.options.minRetryMs ?? 250) * 2 ** (this.failures - 1),
          this.options.maxRetryMs ?? 5000,
        );
        this.events.failed?.(err, this.failures, delay);
        await this.sleep(delay, false);
      }
    }
  }

  private get chunkBytes(): number {
    return this.options.chunkBytes ?? 512 * 1024;
  }

  private async step(): Promise<void> {
    const wait = (this.options.lingerMs ?? 0) - (Date.now() - this.lastWriteAt);
    if (wait > 0 && this.spool.depthBytes < this.chunkBytes) {
      this.lingering = true;
      await this.sleep(wait);
      this.lingering = false;
      if (!this.running) return;
    }
    if (this.spool.tornOnOpen.length > 0) {
      this.setAside(this.spool.tornOnOpen, 'torn record (a write interrupted by a crash or a full disk)');
      this.spool.tornOnOpen = [];
    }
    const chunk = this.spool.read(this.chunkBytes);
    if (chunk.undecodable.length > 0) this.setAside(chunk.undecodable, 'undecodable spool record');
    if (chunk.records.length === 0) {
      if (chunk.undecodable.length > 0) this.spool.commit(chunk.next);
      else await this.sleep(60_000);
      return;
    }
    this.lastWriteAt = Date.now();
    try {
      await this.store.write(chunk.records.map((record) => record.batch));
    } catch (error) {
      if (!(error instanceof PermanentWriteError)) throw error;
      this.deadLetter(chunk.records, error);
      this.spool.commit(chunk.next);
      return;
    }
    this.spool.commit(chunk.next);
    if (this.failures > 0) this.events.recovered?.(this.failures);
    this.failures = 0;
    this.lastErrorMessage = undefined;
    this.events.stored?.(chunk.records, Date.now());
  }

  private deadLetter(records: SpoolRecord[], error: Error): void {
    const line = JSON.stringify({ at: new Date().toISOString(), error: error.message, records }) + '\n';
    appendFileSync(this.options.deadLetterPath, line);
    this.events.deadLettered?.(records, error);
  }

  /** Keeps bytes that are not a record, with the segment and offset they were found at. */
  private setAside(pieces: TornBytes[], why: string): void {
    const at = new Date().toISOString();
    const lines = pieces.map(
      ({ segment, offset, text }) => JSON.stringify({ at, error: why, segment, offset, text }) + '\n',
    );
    appendFileSync(this.options.deadLetterPath, lines.join(''));
    this.events.setAside?.(pieces);
  }

  /** Waits for new data (wakeable) or, for a retry backoff, for the full delay. */
  private sleep(ms: number, wakeable = true): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(this.sleepTimer);
        this.wake = undefined;
        resolve();
      };
      this.sleepTimer = setTimeout(done, ms);
      this.wake = wakeable ? done : () => (this.running ? undefined : done());
    });
  }
}

import {
  closeSync,
  fdatasync,
  fdatasyncSync,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { readNdjson } from '../ndjson-file';
import { UNWATCHED, type WriteHealth } from '../storage/write-health';
import type { Alert, ConditionKey, ConditionState } from './alert';

type Entry = { c: ConditionKey; s: ConditionState | null } | { a: Alert };

/**
 * Alerts and the evaluation state of every condition, kept on disk as an append-only log so they
 * survive a restart (ThingsBoard loses rule state on restart by default). Each change is written
 * (write(2)) before it is acted on, so a crash of the service loses none; fdatasync runs every
 * fsyncIntervalMs, the same durability as the telemetry spool (docs/architecture.md). The log is
 * compacted into a snapshot when it grows.
 */
export class AlertLog {
  private fd = -1;
  private entries = 0;
  private dirty = false;
  /** Bumped whenever the file is closed: a late fdatasync callback of an older descriptor is ignored. */
  private opened = 0;
  private pending: string[] = [];
  private syncTimer?: NodeJS.Timeout;

  constructor(
    private readonly dir: string,
    private readonly compactAfterEntries = 50_000,
    private readonly fsyncIntervalMs = 100,
    private readonly health: WriteHealth = UNWATCHED,
  ) {}

  /** Reads the log back: the latest state of every condition and every alert by id. */
  load(): { conditions: Map<ConditionKey, ConditionState>; alerts: Map<string, Alert> } {
    mkdirSync(this.dir, { recursive: true });
    const conditions = new Map<ConditionKey, ConditionState>();
    const alerts = new Map<string, Alert>();
    const path = this.path();
    for (const entry of readNdjson<Entry>(path)) {
      this.entries++;
      if ('a' in entry) alerts.set(entry.a.id, entry.a);
      else if (entry.s) conditions.set(entry.c, entry.s);
      else conditions.delete(entry.c);
    }
    this.fd = openSync(path, 'a');
    if (this.fsyncIntervalMs > 0) {
      this.syncTimer = setInterval(() => this.sync(), this.fsyncIntervalMs);
      this.syncTimer.unref();
    }
    return { conditions, alerts };
  }

  writeCondition(key: ConditionKey, state: ConditionState | null): void {
    this.append({ c: key, s: state });
  }

  writeAlert(alert: Alert): void {
    this.append({ a: alert });
  }

  /** Rewrites the log as a snapshot of the given state (atomic rename). */
  compact(conditions: Map<ConditionKey, ConditionState>, alerts: Map<string, Alert>): void {
    this.flush();
    const lines: string[] = [];
    for (const [key, state] of conditions) lines.push(JSON.stringify({ c: key, s: state }));
    for (const alert of alerts.values()) lines.push(JSON.stringify({ a: alert }));
    const temporary = `${this.path()}.tmp`;
    try {
      writeFileSync(temporary, lines.length ? lines.join('\n') + '\n' : '');
    } catch (error) {
      // No room for the snapshot: keep appending to the old log and compact later.
      this.health.failed('alerts.ndjson (compaction)', error);
      return;
    }
    this.health.ok('alerts.ndjson (compaction)');
    closeSync(this.fd);
    this.opened += 1;
    renameSync(temporary, this.path());
    this.fd = openSync(this.path(), 'a');
    this.entries = lines.length;
  }

  get needsCompaction(): boolean {
    return this.entries > this.compactAfterEntries;
  }

  close(): void {
    if (this.syncTimer) clearInterval(this.syncTimer);
    this.flush();
    this.syncBeforeClose();
    if (this.fd >= 0) closeSync(this.fd);
    this.opened += 1;
    this.fd = -1;
  }

  /**
   * On the libuv pool, not the event loop: a synchronous fdatasync held up every reading and alert
   * behind it for as long as the disk took (milliseconds, far more on a busy disk).
   */
  private sync(): void {
    if (!this.dirty || this.fd < 0) return;
    this.dirty = false;
    const opened = this.opened;
    fdatasync(this.fd, (error) => {
      if (!error || opened !== this.opened) return; // the file was closed (and synced) meanwhile
      this.dirty = true;
      this.health.failed('alerts.ndjson', error);
    });
  }

  private syncBeforeClose(): void {
    if (!this.dirty || this.fd < 0) return;
    this.dirty = false;
    try {
      fdatasyncSync(this.fd);
    } catch (error) {
      this.health.failed('alerts.ndjson', error);
    }
  }

  /**
   * Writes what was appended since the last flush in one write(2). The engine flushes after each
   * message's evaluation and before anything is published or acknowledged.
   */
  flush(): void {
    if (this.pending.length === 0 || this.fd < 0) return;
    const bytes = Buffer.from(this.pending.join(''), 'utf8');
    const size = fstatSync(this.fd).size;
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(this.fd, bytes, written);
      if (this.fsyncIntervalMs === 0) fdatasyncSync(this.fd);
      else this.dirty = true;
    } catch (error) {
      // A full disk: cut the partial line and keep the entries, in order, for the next flush.
      try {
        ftruncateSync(this.fd, size);
      } catch {
        // a torn last line: readNdjson skips it
      }
      this.health.failed('alerts.ndjson', error);
      return;
    }
    this.pending = [];
    this.health.ok('alerts.ndjson');
  }

  private append(entry: Entry): void {
    const json = JSON.stringify(entry, (_key, value: unknown) =>
      value === Number.NEGATIVE_INFINITY ? null : value,
    );
    this.pending.push(json + '\n');
    this.entries++;
  }

  private path(): string {
    return join(this.dir, 'alerts.ndjson');
  }
}

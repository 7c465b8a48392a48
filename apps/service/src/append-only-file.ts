import { closeSync, fdatasyncSync, fstatSync, ftruncateSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { UNWATCHED, type WriteHealth } from './storage/write-health';

const RETRY_MS = 1000;

/**
 * An append-only JSON-lines file (alert log, outbox, comments, crossing history) that survives a
 * full disk. A write that fails (ENOSPC, EIO) is cut back to the last whole line, so the file
 * never holds a torn line followed by good ones; with `keepUnwritten` the text stays in memory,
 * in order, and is written first by the next append or by a retry every second. Without it the
 * error is thrown to the caller, who must not acknowledge what it was writing.
 */
export class AppendOnlyFile {
  private fd = -1;
  private size = 0;
  private unwritten = '';
  private retryTimer?: NodeJS.Timeout;

  constructor(
    private readonly path: string,
    private readonly options: { syncEach: boolean; keepUnwritten: boolean; health?: WriteHealth },
  ) {}

  open(): void {
    mkdirSync(dirname(this.path), { recursive: true });
    this.fd = openSync(this.path, 'a');
    this.size = fstatSync(this.fd).size;
  }

  /** True when the text (and everything before it) is in the file. */
  append(text: string): boolean {
    this.unwritten += text;
    return this.flush();
  }

  /** Text that could not be written yet. */
  get pendingBytes(): number {
    return Buffer.byteLength(this.unwritten);
  }

  flush(): boolean {
    if (this.unwritten === '' || this.fd < 0) return this.unwritten === '';
    const bytes = Buffer.from(this.unwritten, 'utf8');
    const health = this.options.health ?? UNWATCHED;
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(this.fd, bytes, written);
      if (this.options.syncEach) fdatasyncSync(this.fd);
    } catch (error) {
      try {
        ftruncateSync(this.fd, this.size);
      } catch {
        // the file keeps a torn line: readNdjson skips it
      }
      health.failed(basename(this.path), error);
      if (!this.options.keepUnwritten) {
        this.unwritten = '';
        throw error;
      }
      this.retryTimer ??= setInterval(() => this.flush(), RETRY_MS).unref();
      return false;
    }
    this.size += bytes.length;
    this.unwritten = '';
    health.ok(basename(this.path));
    if (this.retryTimer) clearInterval(this.retryTimer);
    this.retryTimer = undefined;
    return true;
  }

  /** Fsyncs what was written (for callers that sync on a timer rather than on each append). */
  sync(): void {
    if (this.fd >= 0) fdatasyncSync(this.fd);
  }

  close(): void {
    if (this.retryTimer) clearInterval(this.retryTimer);
    this.retryTimer = undefined;
    this.flush();
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

import {
  closeSync,
  fdatasync,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { replaceFileDurably } from './durable-file';
import { decodeRecord, encodeRecord, type SpoolRecord } from './spool-record';
import { readCursor, resumeOffset, trimTornTail, type TornBytes } from './spool-recovery';

export interface SpoolOptions {
  dir: string;
  /** A new segment file is started past this size. */
  segmentBytes?: number;
  /** Appends wait (backpressure) while more than this many bytes are not yet stored. */
  maxBytes?: number;
  /** fdatasync period; 0 syncs after every append. */
  fsyncIntervalMs?: number;
}

export interface SpoolPosition {
  segment: number;
  offset: number;
}

export interface SpoolChunk {
  records: SpoolRecord[];
  /** Whole lines that are not records (a corrupted file): for the dead-letter file, with where. */
  undecodable: TornBytes[];
  /** The position just after the last record: commit it once the records are stored. */
  next: SpoolPosition;
}

const SEGMENT = /^segment-(\d{12})\.ndjson$/;
const segmentName = (n: number) => `segment-${String(n).padStart(12, '0')}.ndjson`;

/**
 * A write-ahead log on disk for accepted readings. Every accepted message is appended here before
 * it is acknowledged; a drainer reads in order, writes to the store and commits its position. So
 * a store outage or a crash of the service delays readings but never loses them, and memory stays
 * bounded: what the store has not taken yet waits on disk, not in the heap.
 *
 * An append is a write(2) to the segment file, done before the acknowledgement: it survives a
 * crash of the process. fdatasync runs every fsyncIntervalMs, which bounds what a power cut can
 * take (see docs/architecture.md, "Durability").
 */
export class Spool {
  private readonly segmentBytes: number;
  private readonly maxBytes: number;
  private readonly fsyncIntervalMs: number;
  private readonly sizes = new Map<number, number>();
  private writeSegment = 1;
  private fd = -1;
  private committed: SpoolPosition = { segment: 1, offset: 0 };
  private pendingBytes = 0;
  private dirty = false;
  private syncTimer?: NodeJS.Timeout;
  private readonly dataListeners = new Set<() => void>();
  private spaceWaiters: (() => void)[] = [];
  /** Partial records cut off at open(): the drainer moves them to the dead-letter file. */
  tornOnOpen: TornBytes[] = [];
  /** The last failure to persist the cursor; cleared by the next successful commit. */
  cursorError?: Error;

  constructor(private readonly options: SpoolOptions) {
    this.segmentBytes = options.segmentBytes ?? 32 * 1024 * 1024;
    this.maxBytes = options.maxBytes ?? 1024 * 1024 * 1024;
    this.fsyncIntervalMs = options.fsyncIntervalMs ?? 100;
  }

  open(): void {
    mkdirSync(this.options.dir, { recursive: true });
    const segments = readdirSync(this.options.dir)
      .map((name) => SEGMENT.exec(name))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => Number(match[1]))
      .sort((a, b) => a - b);
    const cursor = readCursor(this.cursorPath()) ?? { segment: segments[0] ?? 1, offset: 0 };
    this.tornOnOpen = [];
    for (const segment of segments) {
      if (segment < cursor.segment) {
        rmSync(this.segmentPath(segment), { force: true });
        continue;
      }
      const { size, torn } = trimTornTail(this.segmentPath(segment), segment);
      this.sizes.set(segment, size);
      if (torn) this.tornOnOpen.push(torn);
    }
    this.committed = {
      segment: cursor.segment,
      offset: this.sizes.has(cursor.segment)
        ? resumeOffset(readFileSync(this.segmentPath(cursor.segment)), cursor.offset)
        : 0,
    };
    this.writeSegment = Math.max(this.committed.segment, ...this.sizes.keys());
    this.openWriteSegment();
    this.pendingBytes = this.bytesAfter(this.committed);
    if (this.fsyncIntervalMs > 0) {
      this.syncTimer = setInterval(() => this.syncNow(), this.fsyncIntervalMs);
      this.syncTimer.unref();
    }
  }

  /** Bytes appended and not yet committed. */
  get depthBytes(): number {
    return this.pendingBytes;
  }

  get isFull(): boolean {
    return this.pendingBytes >= this.maxBytes;
  }

  /** Resolves when the spool has room again; appends should wait for it (backpressure). */
  waitForSpace(): Promise<void> {
    if (!this.isFull) return Promise.resolve();
    return new Promise((resolve) => this.spaceWaiters.push(resolve));
  }

  /** Appends synchronously: when this returns, the record is in the file. */
  append(records: SpoolRecord | SpoolRecord[]): void {
    const text = (Array.isArray(records) ? records : [records]).map(encodeRecord).join('');
    if (text.length === 0) return;
    const bytes = Buffer.from(text, 'utf8');
    if ((this.sizes.get(this.writeSegment) ?? 0) >= this.segmentBytes) this.rotate();
    const size = this.sizes.get(this.writeSegment) ?? 0;
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(this.fd, bytes, written);
    } catch (error) {
      // A full disk can take part of the write: cut it off, so the next append starts on a line
      // of its own and the spool holds only whole records. The caller does not acknowledge.
      try {
        ftruncateSync(this.fd, size);
      } catch {
        // the segment keeps a torn line; read() and the next open() set it aside
      }
      throw error;
    }
    this.sizes.set(this.writeSegment, (this.sizes.get(this.writeSegment) ?? 0) + bytes.length);
    this.pendingBytes += bytes.length;
    this.dirty = true;
    if (this.fsyncIntervalMs === 0) this.syncNow();
    for (const listener of this.dataListeners) listener();
  }

  onData(listener: () => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  /** Reads up to about maxBytes of whole records after the committed position. */
  read(maxBytes = 1024 * 1024): SpoolChunk {
    let { segment, offset } = this.committed;
    while (segment < this.writeSegment && offset >= (this.sizes.get(segment) ?? 0)) {
      segment += 1;
      offset = 0;
    }
    const available = (this.sizes.get(segment) ?? 0) - offset;
    if (available <= 0) return { records: [], undecodable: [], next: { segment, offset } };
    const buffer = Buffer.alloc(Math.min(available, maxBytes));
    const fd = openSync(this.segmentPath(segment), 'r');
    try {
      readSync(fd, buffer, 0, buffer.length, offset);
    } finally {
      closeSync(fd);
    }
    const end = buffer.lastIndexOf(0x0a) + 1;
    if (end === 0) {
      // No whole line yet: a single record larger than maxBytes, or nothing whole at all.
      if (buffer.length === available) return { records: [], undecodable: [], next: { segment, offset } };
      return this.read(Math.min(available, maxBytes * 4));
    }
    const records: SpoolRecord[] = [];
    const undecodable: TornBytes[] = [];
    let start = 0;
    while (start < end) {
      const lineEnd = buffer.indexOf(0x0a, start);
      const text = buffer.subarray(start, lineEnd).toString('utf8');
      if (text.length > 0) {
        try {
          records.push(decodeRecord(text));
        } catch {
          undecodable.push({ segment, offset: offset + start, text });
        }
      }
      start = lineEnd + 1;
    }
    return { records, undecodable, next: { segment, offset: offset + end } };
  }

  /** Marks everything before `position` as stored: persisted, and whole segments are deleted. */
  commit(position: SpoolPosition): void {
    const before = this.pendingBytes;
    this.committed = position;
    try {
      replaceFileDurably(this.cursorPath(), JSON.stringify(position));
      this.cursorError = undefined;
    } catch (error) {
      // A full disk: the position holds in memory and the next commit writes it. A crash before
      // then replays from the older cursor, which the store takes idempotently.
      this.cursorError = error instanceof Error ? error : new Error(String(error));
    }
    for (const segment of [...this.sizes.keys()]) {
      if (segment < position.segment) {
        rmSync(this.segmentPath(segment), { force: true });
        this.sizes.delete(segment);
      }
    }
    this.pendingBytes = this.bytesAfter(position);
    if (before >= this.maxBytes && !this.isFull) {
      const waiters = this.spaceWaiters;
      this.spaceWaiters = [];
      waiters.forEach((resolve) => resolve());
    }
  }

  close(): void {
    if (this.syncTimer) clearInterval(this.syncTimer);
    if (this.fd >= 0) {
      this.syncNow();
      closeSync(this.fd);
      this.fd = -1;
    }
  }

  private syncNow(): void {
    if (!this.dirty || this.fd < 0) return;
    this.dirty = false;
    const fd = this.fd;
    fdatasync(fd, () => undefined);
  }

  private rotate(): void {
    this.syncNow();
    const previous = this.fd;
    // Open the next segment first: if that fails (no space for a new file) appends go on failing
    // on the current one and nothing is left half switched.
    this.fd = openSync(this.segmentPath(this.writeSegment + 1), 'a');
    closeSync(previous);
    this.writeSegment += 1;
    this.sizes.set(this.writeSegment, fstatSync(this.fd).size);
  }

  private openWriteSegment(): void {
    this.fd = openSync(this.segmentPath(this.writeSegment), 'a');
    if (!this.sizes.has(this.writeSegment)) this.sizes.set(this.writeSegment, fstatSync(this.fd).size);
  }

  private cursorPath(): string {
    return join(this.options.dir, 'cursor.json');
  }

  private bytesAfter(position: SpoolPosition): number {
    let bytes = 0;
    for (const [segment, size] of this.sizes) {
      if (segment > position.segment) bytes += size;
      else if (segment === position.segment) bytes += Math.max(0, size - position.offset);
    }
    return bytes;
  }

  private segmentPath(segment: number): string {
    return join(this.options.dir, segmentName(segment));
  }
}

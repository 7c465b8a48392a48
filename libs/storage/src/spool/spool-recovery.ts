import { closeSync, ftruncateSync, openSync, readFileSync } from 'node:fs';
import type { SpoolPosition } from './spool';

/** Bytes of a segment that were not a whole record: kept for the dead-letter file, never acted on. */
export interface TornBytes {
  segment: number;
  offset: number;
  text: string;
}

/**
 * Reads cursor.json. Anything but a whole, well-formed cursor (torn by a power cut, truncated,
 * garbage) counts as no cursor: the spool is then replayed from its first segment, which the
 * store takes idempotently (a point is keyed by device, metric and time).
 */
export function readCursor(path: string): SpoolPosition | undefined {
  try {
    const cursor = JSON.parse(readFileSync(path, 'utf8')) as Partial<SpoolPosition> | null;
    const valid =
      Number.isSafeInteger(cursor?.segment) &&
      Number.isSafeInteger(cursor?.offset) &&
      cursor!.segment! >= 1 &&
      cursor!.offset! >= 0;
    return valid ? { segment: cursor!.segment!, offset: cursor!.offset! } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Cuts a partial last line off a segment (a write a crash, a power cut or a full disk
 * interrupted: never acknowledged) and returns the segment's new size and the bytes cut.
 */
export function trimTornTail(path: string, segment: number): { size: number; torn?: TornBytes } {
  const content = readFileSync(path);
  const end = content.lastIndexOf(0x0a) + 1;
  if (end === content.length) return { size: end };
  const fd = openSync(path, 'r+');
  try {
    ftruncateSync(fd, end);
  } finally {
    closeSync(fd);
  }
  return { size: end, torn: { segment, offset: end, text: content.subarray(end).toString('utf8') } };
}

/**
 * Where reading resumes in a segment of `content`: the cursor's offset, clamped to the segment
 * (a cursor past the end of a trimmed segment would skip the records appended after the restart)
 * and moved back to the start of its line if it points inside one (re-storing is harmless,
 * skipping is not).
 */
export function resumeOffset(content: Buffer, offset: number): number {
  const clamped = Math.min(offset, content.length);
  if (clamped === 0) return 0;
  return content.lastIndexOf(0x0a, clamped - 1) + 1;
}

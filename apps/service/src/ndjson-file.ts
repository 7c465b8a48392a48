import { readFileSync } from 'node:fs';

/**
 * The records of an append-only JSON-lines file (alert log, outbox, comments, crossing history),
 * oldest first; none when the file does not exist yet. A line that does not parse is skipped: it
 * can only be the torn last line of a write a crash interrupted, which was never acted on.
 */
export function readNdjson<T>(path: string): T[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const records: T[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      records.push(JSON.parse(line) as T);
    } catch {
      // the torn last line of an interrupted write
    }
  }
  return records;
}

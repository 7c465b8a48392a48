import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';

/** First line of a feed file: what it is and when its time 0 was (epoch ms). */
export interface FeedHeader {
  feed: 'jct-devices-sim';
  version: 1;
  /** Wall-clock time of `t = 0`: the first arrival (record) or the planned start (run --dry-run). */
  startedAt: number;
  source: string;
}

/** One line: `t` ms after the feed's start (arrival time, or the planned publish time), topic, payload. */
export interface FeedLine {
  t: number;
  topic: string;
  payload: string;
}

export interface FeedFile {
  header?: FeedHeader;
  lines: FeedLine[];
}

/** Writes the header and lines as newline-delimited JSON: one message per line, appendable. */
export class FeedWriter {
  private readonly stream: WriteStream;

  constructor(path: string, header: FeedHeader) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.stream.write(`${JSON.stringify(header)}\n`);
  }

  write(line: FeedLine): void {
    this.stream.write(`${JSON.stringify({ t: line.t, topic: line.topic, payload: line.payload })}\n`);
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) =>
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }
}

export function formatFeed(header: FeedHeader, lines: FeedLine[]): string {
  return [header, ...lines.map((l) => ({ t: l.t, topic: l.topic, payload: l.payload }))]
    .map((line) => `${JSON.stringify(line)}\n`)
    .join('');
}

/** Reads a feed file; a bad line is an error naming its line number. */
export function readFeed(path: string): FeedFile {
  const file: FeedFile = { lines: [] };
  const text = readFileSync(path, 'utf8');
  for (const [i, raw] of text.split('\n').entries()) {
    if (raw.trim() === '') continue;
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      throw new Error(`${path}:${i + 1}: not JSON`);
    }
    if (line.feed === 'jct-devices-sim') {
      file.header = line as unknown as FeedHeader;
      continue;
    }
    if (typeof line.t !== 'number' || typeof line.topic !== 'string' || typeof line.payload !== 'string') {
      throw new Error(`${path}:${i + 1}: expected {"t": ms, "topic": "…", "payload": "…"}`);
    }
    file.lines.push({ t: line.t, topic: line.topic, payload: line.payload });
  }
  return file;
}

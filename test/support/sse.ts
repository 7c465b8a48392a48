import { waitFor } from '../harness/wait';

export interface StreamEvent {
  type: string;
  data: Record<string, unknown>;
}

/** A server-sent events client on fetch: collects every event of GET /api/stream. */
export class EventStream {
  readonly events: StreamEvent[] = [];
  private constructor(
    private readonly abort: AbortController,
    readonly status: number,
  ) {}

  static async open(url: string, headers: Record<string, string> = {}): Promise<EventStream> {
    const abort = new AbortController();
    const response = await fetch(url, {
      headers: { accept: 'text/event-stream', ...headers },
      signal: abort.signal,
    });
    const stream = new EventStream(abort, response.status);
    if (response.status !== 200 || !response.body) {
      abort.abort();
      return stream;
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            stream.parse(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        }
      } catch {
        // aborted by close()
      }
    })();
    return stream;
  }

  private parse(block: string): void {
    let type = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) type = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
    }
    if (data.length > 0)
      this.events.push({ type, data: JSON.parse(data.join('\n')) as Record<string, unknown> });
  }

  waitFor(what: string, match: (event: StreamEvent) => boolean, timeoutMs = 10_000): Promise<StreamEvent> {
    return waitFor(what, () => this.events.find(match), timeoutMs);
  }

  close(): void {
    this.abort.abort();
  }
}

/** The subject of an alert event, the device of a reading event. */
export function subjectOf(event: StreamEvent): string | undefined {
  if (event.type === 'alert') return (event.data.alert as { subjectId: string }).subjectId;
  if (event.type === 'reading') return event.data.deviceId as string;
  return undefined;
}

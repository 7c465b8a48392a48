import { readFeed, type FeedFile } from '../feed/feed-file';
import { payloadTimestamps, shiftPayload } from '../feed/shift';
import { play, type PlayProgress, type PlayResult } from '../run/player';

export interface ReplayOptions {
  file: string;
  url: string;
  passwordTemplate: string;
  /** 10 plays ten times faster than recorded. */
  speed: number;
  /** Move every device timestamp so that the newest becomes this epoch ms; undefined: unchanged. */
  shiftToMs?: number;
  /** Only topics of device telemetry are replayed by default (a recording may hold alerts too). */
  onProgress?: (progress: PlayProgress) => void;
  signal?: AbortSignal;
}

export interface ReplayResult extends Omit<PlayResult, 'connections'> {
  messages: number;
  shiftedByMs: number;
}

/** A message more than this far ahead of its arrival was from a wrong clock: it does not set the shift. */
const FUTURE_SLACK_MS = 5 * 60_000;

/**
 * Plays a recorded feed back as its devices, with its recorded timing divided by `speed`, device
 * timestamps optionally shifted by one delta so that the newest is `shiftToMs`.
 */
export async function replayFeed(options: ReplayOptions): Promise<ReplayResult> {
  const feed = readFeed(options.file);
  const lines = feed.lines.filter((line) => /^devices\/[^/]+\/(telemetry|status)$/.test(line.topic));
  const shiftedByMs = options.shiftToMs === undefined ? 0 : options.shiftToMs - newestTimestamp(feed);
  const result = await play(
    lines.map((line) => ({
      wallMs: line.t / options.speed,
      notBeforeMs: undefined,
      topic: line.topic,
      payload: shiftPayload(line.payload, shiftedByMs),
    })),
    {
      url: options.url,
      passwordTemplate: options.passwordTemplate,
      onProgress: options.onProgress,
      signal: options.signal,
      clientSuffix: `replay-${process.pid}`,
    },
  );
  await result.connections.close();
  const { connections: _connections, ...rest } = result;
  return { ...rest, messages: lines.length, shiftedByMs };
}

/** The newest device timestamp of a feed, ignoring readings from clocks running ahead of their arrival. */
export function newestTimestamp(feed: FeedFile): number {
  let newest = Number.NEGATIVE_INFINITY;
  for (const line of feed.lines) {
    const arrival = feed.header ? feed.header.startedAt + line.t : Number.POSITIVE_INFINITY;
    for (const ts of payloadTimestamps(line.payload)) {
      if (ts <= arrival + FUTURE_SLACK_MS && ts > newest) newest = ts;
    }
  }
  if (!Number.isFinite(newest)) throw new Error('the feed has no device timestamps to shift');
  return newest;
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newestTimestamp } from '../record/replay';
import { plan } from '../run/run-scenario';
import { formatFeed, readFeed, type FeedHeader } from './feed-file';

const header: FeedHeader = { feed: 'jct-devices-sim', version: 1, startedAt: 1_000_000, source: 'test' };

describe('feed files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jct-feed-'));

  it('read back what was written, payloads byte for byte (malformed JSON included)', () => {
    const lines = [
      { t: 0, topic: 'devices/ICE-1/telemetry', payload: '{"ts":1000000,"values":{"iceThicknessCm":90}}' },
      { t: 25, topic: 'devices/ICE-2/telemetry', payload: '{"ts": 1, "values": {' },
    ];
    const path = join(dir, 'a.ndjson');
    writeFileSync(path, formatFeed(header, lines));
    expect(readFeed(path)).toEqual({ header, lines });
  });

  it('a bad line is named by its number', () => {
    const path = join(dir, 'b.ndjson');
    writeFileSync(path, `${JSON.stringify(header)}\n{"t":1}\n`);
    expect(() => readFeed(path)).toThrow(/b\.ndjson:2: expected/);
  });

  it('the newest timestamp ignores a reading from a clock a day ahead of its arrival', () => {
    const feed = {
      header,
      lines: [
        { t: 0, topic: 'devices/A/telemetry', payload: '{"ts":999000,"values":{}}' },
        { t: 10, topic: 'devices/A/telemetry', payload: '{"ts":1000010,"values":{}}' },
        { t: 20, topic: 'devices/A/telemetry', payload: `{"ts":${1_000_020 + 86_400_000},"values":{}}` },
      ],
    };
    expect(newestTimestamp(feed)).toBe(1_000_010);
  });
});

describe('plan', () => {
  it('publishes at simulated time ÷ speed, never before the reading is stamped', () => {
    const planned = plan(
      [{ atMs: 3_600_000, deviceId: 'A', topic: 'devices/A/telemetry', payload: '{}' }],
      1_000_000,
      3600,
    );
    expect(planned).toEqual([
      { wallMs: 1000, notBeforeMs: 4_600_000, topic: 'devices/A/telemetry', payload: '{}' },
    ]);
  });
});

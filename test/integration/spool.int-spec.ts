import type { PointBatch } from '@jct/contract';
import {
  DuckDbTelemetryStore,
  PermanentWriteError,
  Spool,
  SpoolDrainer,
  type SpoolRecord,
} from '@jct/storage';
import { appendFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { delay, waitFor } from '../harness/wait';

const T0 = Date.UTC(2026, 0, 20, 3, 0, 0);
const device = {
  deviceId: 'ICE-1',
  kind: 'ice-station' as const,
  assetId: 'jalinda-mohe-ice',
  siteId: 'jalinda-mohe',
};
const record = (i: number): SpoolRecord => ({
  acceptedAt: T0 + i,
  batch: { device, points: [{ metric: 'iceThicknessCm', ts: T0 + i, value: 80 + (i % 10) }] },
});

// The on-disk spool on a real file system: order, restart, torn writes, rotation, backpressure.
describe('Spool', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'jct-spool-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives records back in the order they were appended, and commit empties it', () => {
    const spool = new Spool({ dir, fsyncIntervalMs: 0 });
    spool.open();
    spool.append([record(0), record(1)]);
    spool.append(record(2));
    const chunk = spool.read();
    expect(chunk.records.map((r) => r.acceptedAt)).toEqual([T0, T0 + 1, T0 + 2]);
    expect(chunk.records[2]).toEqual(record(2));
    spool.commit(chunk.next);
    expect(spool.depthBytes).toBe(0);
    expect(spool.read().records).toEqual([]);
    spool.close();
  });

  it('after a restart replays what was not committed and nothing that was', () => {
    const first = new Spool({ dir, fsyncIntervalMs: 0 });
    first.open();
    first.append([record(0), record(1), record(2)]);
    const firstChunk = first.read(1); // one record's worth: at least one whole record
    expect(firstChunk.records.length).toBeGreaterThanOrEqual(1);
    first.commit(firstChunk.next);
    const committed = firstChunk.records.length;
    first.close(); // or a crash: the files are the same

    const second = new Spool({ dir, fsyncIntervalMs: 0 });
    second.open();
    expect(second.read().records.map((r) => r.acceptedAt - T0)).toEqual([0, 1, 2].slice(committed));
    second.close();
  });

  it('drops a torn last line left by a crash in the middle of a write, keeping earlier records', () => {
    const first = new Spool({ dir, fsyncIntervalMs: 0 });
    first.open();
    first.append([record(0), record(1)]);
    first.close();
    const [segment] = readdirSync(dir).filter((name) => name.startsWith('segment-'));
    appendFileSync(join(dir, segment), '{"r":1,"d":["ICE-1","ice-sta');

    const second = new Spool({ dir, fsyncIntervalMs: 0 });
    second.open();
    expect(second.read().records.map((r) => r.acceptedAt - T0)).toEqual([0, 1]);
    second.append(record(2));
    expect(second.read().records.map((r) => r.acceptedAt - T0)).toEqual([0, 1, 2]);
    second.close();
  });

  it('rotates segments and deletes the ones fully stored', () => {
    const spool = new Spool({ dir, segmentBytes: 300, fsyncIntervalMs: 0 });
    spool.open();
    for (let i = 0; i < 20; i++) spool.append(record(i));
    expect(readdirSync(dir).filter((name) => name.startsWith('segment-')).length).toBeGreaterThan(3);
    const seen: number[] = [];
    for (let chunk = spool.read(); chunk.records.length > 0; chunk = spool.read()) {
      seen.push(...chunk.records.map((r) => r.acceptedAt - T0));
      spool.commit(chunk.next);
    }
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(readdirSync(dir).filter((name) => name.startsWith('segment-'))).toHaveLength(1);
    spool.close();
  });

  it('makes appends wait while full and lets them go once the store has taken data', async () => {
    const spool = new Spool({ dir, maxBytes: 200, fsyncIntervalMs: 0 });
    spool.open();
    while (!spool.isFull) spool.append(record(0));
    let released = false;
    const waiting = spool.waitForSpace().then(() => (released = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(released).toBe(false);
    spool.commit(spool.read().next);
    await waiting;
    expect(released).toBe(true);
    spool.close();
  });
});

/** The real DuckDB store with a switch that makes writes fail: fault injection, not a mock. */
class FaultyStore extends DuckDbTelemetryStore {
  fail: Error | undefined;
  /** Messages per successful write, in order. */
  readonly writes: number[] = [];
  override async write(batches: PointBatch[]): Promise<void> {
    if (this.fail) throw this.fail;
    await super.write(batches);
    this.writes.push(batches.length);
  }
}

describe('SpoolDrainer', () => {
  let dir: string;
  let store: FaultyStore;
  let spool: Spool;
  let drainer: SpoolDrainer;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jct-drain-'));
    store = new FaultyStore({ path: join(dir, 'db.duckdb') });
    await store.init();
    spool = new Spool({ dir: join(dir, 'spool'), fsyncIntervalMs: 0 });
    spool.open();
  });
  afterEach(async () => {
    await drainer?.stop();
    spool.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const stored = async () =>
    (await store.range({ device, metric: 'iceThicknessCm', from: T0, to: T0 + 1000 })).map((p) => p.ts - T0);

  it('keeps readings while the store fails and writes them in order when it recovers', async () => {
    store.fail = new Error('connection refused');
    const failures: number[] = [];
    drainer = new SpoolDrainer(
      spool,
      store,
      { deadLetterPath: join(dir, 'dead.ndjson'), minRetryMs: 10, maxRetryMs: 20 },
      {
        failed: (_error, attempt) => failures.push(attempt),
      },
    );
    drainer.start();
    for (let i = 0; i < 5; i++) spool.append(record(i));
    await waitFor('three failed attempts', () => failures.length >= 3);
    expect(drainer.storeHealthy).toBe(false);
    expect(await stored()).toEqual([]);
    store.fail = undefined;
    await waitFor('the spool to drain', () => spool.depthBytes === 0);
    expect(await stored()).toEqual([0, 1, 2, 3, 4]);
    expect(drainer.storeHealthy).toBe(true);
  });

  it('moves a batch the store refuses for good to the dead-letter file and goes on', async () => {
    const deadLetter = join(dir, 'dead.ndjson');
    store.fail = new PermanentWriteError('field type conflict');
    drainer = new SpoolDrainer(spool, store, { deadLetterPath: deadLetter, minRetryMs: 10 });
    drainer.start();
    spool.append(record(0));
    await waitFor('the spool to move past the refused batch', () => spool.depthBytes === 0);
    store.fail = undefined;
    spool.append(record(1));
    await waitFor('the next reading stored', async () => (await stored()).length === 1);
    expect(await stored()).toEqual([1]);
    const kept = JSON.parse(readFileSync(deadLetter, 'utf8')) as { error: string; records: SpoolRecord[] };
    expect(kept.error).toBe('field type conflict');
    expect(kept.records).toEqual([record(0)]);
  });

  it('writes the first reading at once and what follows within the batch interval in one write', async () => {
    drainer = new SpoolDrainer(spool, store, { deadLetterPath: join(dir, 'dead.ndjson'), lingerMs: 2_000 });
    drainer.start();
    spool.append(record(0));
    await waitFor('the first reading stored', async () => (await stored()).length === 1);
    for (let i = 1; i <= 5; i++) {
      spool.append(record(i));
      await delay(20); // a turn of the event loop between arrivals: without batching, five writes
    }
    await waitFor('the next five stored', async () => (await stored()).length === 6);
    expect(store.writes).toEqual([1, 5]);
  }, 30_000);

  it('writes a full chunk without waiting for the batch interval', async () => {
    drainer = new SpoolDrainer(spool, store, {
      deadLetterPath: join(dir, 'dead.ndjson'),
      lingerMs: 600_000,
      chunkBytes: 1_000, // about nine records
    });
    drainer.start();
    spool.append(record(0));
    await waitFor('the first reading stored', async () => (await stored()).length === 1);
    for (let i = 1; i <= 30; i++) {
      spool.append(record(i));
      await delay(5);
    }
    // Full chunks go at once; the last part waits for more data or the interval.
    await waitFor('full chunks stored', async () => (await stored()).length >= 19);
    expect(store.writes.slice(1).every((messages) => messages >= 5)).toBe(true);
    expect(spool.depthBytes).toBeGreaterThan(0);
    expect(spool.depthBytes).toBeLessThan(1_000);
  }, 30_000);
});

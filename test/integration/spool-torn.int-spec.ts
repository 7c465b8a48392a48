// A spool torn by a power cut or a full disk, at 100 random offsets, with and without a torn
// cursor, on a real file system and a real DuckDB store: recovery starts every time, stores every
// record that was whole exactly once, and moves the rest to the dead-letter file with its position.
import { DuckDbTelemetryStore, Spool, SpoolDrainer, encodeRecord, type SpoolRecord } from '@jct/storage';
import fc from 'fast-check';
import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withKey } from '../support/api-keys';
import { connectDevice, reading } from '../support/devices';
import { startTestApp } from '../support/test-app';
import { waitFor } from '../harness/wait';

const T0 = Date.UTC(2026, 0, 20, 3, 0, 0);
const RECORDS = 12;
const SEGMENT = 'segment-000000000001.ndjson';

interface DeadLetter {
  error: string;
  segment?: number;
  offset?: number;
  text?: string;
}

describe('spool torn at random offsets', () => {
  let root: string;
  let store: DuckDbTelemetryStore;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'jct-torn-'));
    store = new DuckDbTelemetryStore({ path: join(root, 'db.duckdb') });
    await store.init();
  });
  afterAll(async () => {
    await store?.close();
    rmSync(root, { recursive: true, force: true });
  });

  // Each trial has its own device, so one store serves all of them.
  const device = (trial: number) => ({
    deviceId: `TORN-${trial}`,
    kind: 'ice-station' as const,
    assetId: 'jalinda-mohe-ice',
    siteId: 'jalinda-mohe',
  });
  const record = (trial: number, i: number): SpoolRecord => ({
    acceptedAt: T0 + i,
    batch: { device: device(trial), points: [{ metric: 'iceThicknessCm', ts: T0 + i, value: 50 + i }] },
  });
  const stored = async (trial: number) =>
    (await store.range({ device: device(trial), metric: 'iceThicknessCm', from: T0, to: T0 + 1000 })).map(
      (point) => point.ts - T0,
    );

  /** Opens the spool and a drainer as the service does at start, and waits until it has drained. */
  async function recover(dir: string): Promise<{ spool: Spool; drainer: SpoolDrainer }> {
    const spool = new Spool({ dir, fsyncIntervalMs: 0 });
    spool.open();
    const drainer = new SpoolDrainer(spool, store, {
      deadLetterPath: join(dir, 'dead-letter.ndjson'),
      minRetryMs: 5,
    });
    drainer.start();
    await waitFor('the spool to drain', () => spool.depthBytes === 0, 10_000, 5);
    return { spool, drainer };
  }

  const trials = fc.sample(
    fc.record({ cutAt: fc.nat(), committed: fc.nat({ max: RECORDS }), tornCursor: fc.boolean() }),
    100,
  );

  it('100 torn tails (and torn cursors): every whole record stored once, the torn rest dead-lettered with its position', async () => {
    for (const [trial, { cutAt, committed, tornCursor }] of trials.entries()) {
      const dir = join(root, `trial-${trial}`);
      // Before the cut: RECORDS appended, the first `committed` of them stored and the cursor past them.
      const lines = Array.from({ length: RECORDS }, (_, i) => encodeRecord(record(trial, i)));
      const ends = lines.map((_, i) => Buffer.byteLength(lines.slice(0, i + 1).join('')));
      const before = new Spool({ dir, fsyncIntervalMs: 0 });
      before.open();
      before.append(lines.map((_, i) => record(trial, i)));
      if (committed > 0) {
        await store.write(lines.slice(0, committed).map((_, i) => record(trial, i).batch));
        before.commit({ segment: 1, offset: ends[committed - 1] });
      }
      before.close();
      const size = ends[RECORDS - 1];
      const cut = cutAt % (size + 1);
      truncateSync(join(dir, SEGMENT), cut);
      if (tornCursor) writeFileSync(join(dir, 'cursor.json'), '{"segment":1,"off');

      const { spool, drainer } = await recover(dir);
      const whole = ends.filter((end) => end <= cut).length;
      const expected = Array.from({ length: Math.max(whole, committed) }, (_, i) => i);
      expect({ trial, stored: await stored(trial) }).toEqual({ trial, stored: expected });
      const dead = readDeadLetters(dir);
      const tornStart = whole === 0 ? 0 : ends[whole - 1];
      if (cut === tornStart) expect(dead).toEqual([]);
      else
        expect(dead).toEqual([
          expect.objectContaining({
            segment: 1,
            offset: tornStart,
            text: lines[whole].slice(0, cut - tornStart),
          }),
        ]);
      // Appends after the restart are read, not skipped as inside an old cursor's range.
      spool.append(record(trial, RECORDS));
      await waitFor(
        'the reading after the restart',
        async () => (await stored(trial)).includes(RECORDS),
        5000,
        5,
      );
      await drainer.stop();
      spool.close();
    }
  }, 120_000);

  it('a corrupted line inside the spool is dead-lettered with its position; the records around it are stored', async () => {
    const trial = 1000;
    const dir = join(root, 'corrupt');
    const spool = new Spool({ dir, fsyncIntervalMs: 0 });
    spool.open();
    spool.append(record(trial, 0));
    spool.close();
    const offset = Buffer.byteLength(encodeRecord(record(trial, 0)));
    appendFileSync(
      join(dir, SEGMENT),
      '{"r":1,"d":["ICE-1"],"p":"garbage"}\n' + encodeRecord(record(trial, 1)),
    );
    const recovered = await recover(dir);
    expect(await stored(trial)).toEqual([0, 1]);
    expect(readDeadLetters(dir)).toEqual([
      expect.objectContaining({ error: 'undecodable spool record', segment: 1, offset }),
    ]);
    await recovered.drainer.stop();
    recovered.spool.close();
  });
});

function readDeadLetters(dir: string): DeadLetter[] {
  try {
    return readFileSync(join(dir, 'dead-letter.ndjson'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as DeadLetter);
  } catch {
    return [];
  }
}

// The whole service on a spool cut while it was stopped (the last 64 bytes of its last segment,
// as a power cut leaves it): it starts, keeps every reading acknowledged after the restart, and
// starts again.
describe('service on a torn spool', () => {
  it('starts, stores readings acknowledged after the restart, and starts again (no crash loop)', async () => {
    let service = await startTestApp();
    const dataDir = service.dataDir;
    try {
      const first = await connectDevice(service.mqttUrl, 'ICE-4');
      for (let i = 0; i < 5; i++)
        await first.publishAsync(
          'devices/ICE-4/telemetry',
          reading({ iceThicknessCm: 70 + i }, Date.now() - 5000 + i),
          { qos: 1 },
        );
      await first.endAsync();
      await waitFor('the five readings stored', async () => (await latestValue(service.httpUrl)) === 74);
      await service.stop();
      const segment = join(dataDir, 'spool', SEGMENT);
      truncateSync(segment, statSync(segment).size - 64);

      for (let restart = 0; restart < 2; restart++) {
        service = await startTestApp({}, { dataDir });
        const device = await connectDevice(service.mqttUrl, 'ICE-4');
        const value = 90 + restart;
        await device.publishAsync('devices/ICE-4/telemetry', reading({ iceThicknessCm: value }), { qos: 1 });
        await device.endAsync();
        await waitFor(
          `the reading after restart ${restart + 1}`,
          async () => (await latestValue(service.httpUrl)) === value,
        );
        await service.stop();
      }
      expect(readDeadLetters(join(dataDir, 'spool'))).toEqual([
        expect.objectContaining({ segment: 1, offset: expect.any(Number), text: expect.any(String) }),
      ]);
    } finally {
      await service.stop().catch(() => undefined); // a failed case leaves it running
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

async function latestValue(httpUrl: string): Promise<unknown> {
  const response = await fetch(`${httpUrl}/api/devices/ICE-4/latest`, withKey('engineer'));
  const body = (await response.json()) as { values: { metric: string; value: unknown }[] };
  return body.values.find((v) => v.metric === 'iceThicknessCm')?.value;
}

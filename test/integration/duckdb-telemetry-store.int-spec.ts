import { DuckDbTelemetryStore } from '@jct/storage';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeTelemetryStoreConformance } from '../../libs/storage/src/testing/telemetry-store.conformance';

const dir = mkdtempSync(join(tmpdir(), 'jct-duckdb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeTelemetryStoreConformance(
  'duckdb',
  async () => new DuckDbTelemetryStore({ path: join(dir, 'telemetry.duckdb') }),
);

describe('DuckDbTelemetryStore on disk', () => {
  it('keeps what it stored across a close and reopen', async () => {
    const path = join(dir, 'reopen.duckdb');
    const device = { deviceId: 'ICE-1', kind: 'ice-station' as const, assetId: 'x', siteId: 'y' };
    const first = new DuckDbTelemetryStore({ path });
    await first.init();
    await first.write([{ device, points: [{ metric: 'iceThicknessCm', ts: 1_768_878_000_000, value: 88 }] }]);
    await first.close();
    const second = new DuckDbTelemetryStore({ path });
    await second.init();
    expect(await second.latest(device)).toEqual([
      { metric: 'iceThicknessCm', ts: 1_768_878_000_000, value: 88 },
    ]);
    await second.close();
  });

  it('a batch replayed after a reopen (the spool after a crash) stores each point once, last value winning', async () => {
    const path = join(dir, 'replay.duckdb');
    const device = { deviceId: 'CONT-01', kind: 'container' as const, assetId: 'x', siteId: 'y' };
    const ts = 1_768_878_000_000;
    const batch = {
      device,
      points: [0, 1, 2].map((i) => ({ metric: 'tempC' as const, ts: ts + i, value: 4 + i })),
    };
    const first = new DuckDbTelemetryStore({ path });
    await first.init();
    await first.write([batch]);
    await first.close();
    const second = new DuckDbTelemetryStore({ path });
    await second.init();
    await second.write([batch, { device, points: [{ metric: 'tempC', ts: ts + 1, value: 9 }] }]);
    expect(await second.range({ device, metric: 'tempC', from: ts, to: ts + 10 })).toEqual([
      { ts, value: 4 },
      { ts: ts + 1, value: 9 },
      { ts: ts + 2, value: 6 },
    ]);
    await second.close();
  });
});

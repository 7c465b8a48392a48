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
});

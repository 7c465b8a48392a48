import type { TelemetryStore, WindowAggregate } from '@jct/storage';

// Retention cases every store with rollups passes: raw points older than the window are rolled up
// hourly (mean, min, max, count) and deleted; a 90-day query with whole-hour windows reads the
// rollups and the recent raw points together; a late point is counted once.
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const device = { deviceId: 'CONT-01', kind: 'container' as const, assetId: 'cont-1', siteId: 'site' };

export function describeRetention(
  name: string,
  makeStore: () => Promise<TelemetryStore>,
  cleanUp = async () => {},
): void {
  describe(`${name}: retention and hourly rollups`, () => {
    let store: TelemetryStore;
    // Midnight UTC: daily windows (aligned to the epoch) are whole days.
    const now = Date.UTC(2026, 10, 29);
    const start = now - 100 * DAY;

    beforeAll(async () => {
      store = await makeStore();
      await store.init();
      // Every 10 minutes for 100 days: 6 points an hour, values 0..5 within each hour.
      const points = [];
      for (let ts = start; ts < now; ts += 10 * 60_000)
        points.push({ metric: 'tempC' as const, ts, value: (ts % HOUR) / 600_000 });
      await store.write([{ device, points }]);
    });
    afterAll(async () => {
      await store?.close();
      await cleanUp();
    });

    const raw = (from: number, to: number) =>
      store.range({ device, metric: 'tempC', from, to, limit: 1_000_000 });
    const daily = async (from: number, to: number) =>
      (await store.range({ device, metric: 'tempC', from, to, everyMs: DAY })) as WindowAggregate[];

    it('30-day retention → raw points older than the window are gone, the recent ones stay', async () => {
      const cutoff = now - 30 * DAY;
      const before = await daily(now - 90 * DAY, now);
      expect(await store.enforceRetention!(cutoff)).toEqual({ rolledUp: 70 * 24 * 6 });
      expect(await raw(start, cutoff)).toEqual([]);
      expect(await raw(cutoff, now)).toHaveLength(30 * 24 * 6);
      // The 90-day daily query answers the same from rollups as it did from raw points.
      expect(await daily(now - 90 * DAY, now)).toEqual(before);
    });

    it('a 90-day query after retention → 90 daily windows of 144 points, mean 2.5, min 0, max 5', async () => {
      const windows = await daily(now - 90 * DAY, now);
      expect(windows).toHaveLength(90);
      for (const window of windows) expect(window).toMatchObject({ count: 144, mean: 2.5, min: 0, max: 5 });
    });

    it('a late point in a rolled-up hour → merged into that hour on the next pass, counted once', async () => {
      const hour = now - 60 * DAY;
      await store.write([{ device, points: [{ metric: 'tempC', ts: hour + 5 * 60_000, value: 100 }] }]);
      expect(await store.enforceRetention!(now - 30 * DAY)).toEqual({ rolledUp: 1 });
      const [window] = (await store.range({
        device,
        metric: 'tempC',
        from: hour,
        to: hour + HOUR,
        everyMs: HOUR,
      })) as WindowAggregate[];
      expect(window).toEqual({
        ts: hour,
        count: 7,
        min: 0,
        max: 100,
        mean: (0 + 1 + 2 + 3 + 4 + 5 + 100) / 7,
      });
      expect(await store.enforceRetention!(now - 30 * DAY)).toEqual({ rolledUp: 0 });
    });
  });
}

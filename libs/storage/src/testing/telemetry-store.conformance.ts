import type { DeviceTags, PointBatch, TelemetryPoint } from '@jct/contract';
import type { RawPoint, TelemetryStore, WindowAggregate } from '../telemetry-store';

/**
 * The behaviour every TelemetryStore must have. Run it from an integration test with a factory
 * that returns a store on a real, empty database; each case uses its own devices.
 */
export function describeTelemetryStoreConformance(
  name: string,
  openStore: () => Promise<TelemetryStore>,
): void {
  describe(`TelemetryStore conformance: ${name}`, () => {
    let store: TelemetryStore;
    let counter = 0;
    const T0 = Date.UTC(2026, 0, 20, 3, 0, 0);

    const device = (kind: DeviceTags['kind'] = 'ice-station'): DeviceTags => ({
      deviceId: `conf-${kind}-${Date.now().toString(36)}-${counter++}`,
      kind,
      assetId: 'jalinda-mohe-ice',
      siteId: 'jalinda-mohe',
    });
    const batch = (tags: DeviceTags, points: TelemetryPoint[]): PointBatch => ({ device: tags, points });

    beforeAll(async () => {
      store = await openStore();
      await store.init();
    });
    afterAll(async () => {
      await store?.close();
    });

    it('answers ping when the database is up', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('returns no latest values for a device that never wrote', async () => {
      expect(await store.latest(device())).toEqual([]);
    });

    it('latest is the newest device timestamp per metric, not the last arrival', async () => {
      const tags = device();
      await store.write([batch(tags, [{ metric: 'iceThicknessCm', ts: T0 + 60_000, value: 92.5 }])]);
      await store.write([
        batch(tags, [
          { metric: 'iceThicknessCm', ts: T0, value: 95 },
          { metric: 'airTempC', ts: T0, value: -31.2 },
        ]),
      ]);
      const latest = await store.latest(tags);
      expect(sortByMetric(latest)).toEqual([
        { metric: 'airTempC', ts: T0, value: -31.2 },
        { metric: 'iceThicknessCm', ts: T0 + 60_000, value: 92.5 },
      ]);
    });

    it('writing the same batch twice stores each point once', async () => {
      const tags = device();
      const points: TelemetryPoint[] = [
        { metric: 'iceThicknessCm', ts: T0, value: 80 },
        { metric: 'iceThicknessCm', ts: T0 + 1000, value: 81 },
      ];
      await store.write([batch(tags, points)]);
      await store.write([batch(tags, points), batch(tags, points)]);
      const raw = (await store.range({
        device: tags,
        metric: 'iceThicknessCm',
        from: T0,
        to: T0 + 2000,
      })) as RawPoint[];
      expect(raw).toEqual([
        { ts: T0, value: 80 },
        { ts: T0 + 1000, value: 81 },
      ]);
    });

    it('a second value for the same device, metric and timestamp replaces the first', async () => {
      const tags = device();
      await store.write([batch(tags, [{ metric: 'iceThicknessCm', ts: T0, value: 70 }])]);
      await store.write([batch(tags, [{ metric: 'iceThicknessCm', ts: T0, value: 71 }])]);
      expect(await store.range({ device: tags, metric: 'iceThicknessCm', from: T0, to: T0 + 1 })).toEqual([
        { ts: T0, value: 71 },
      ]);
    });

    it('keeps boolean metrics boolean', async () => {
      const tags = device('container');
      await store.write([
        batch(tags, [
          { metric: 'doorOpen', ts: T0, value: false },
          { metric: 'doorOpen', ts: T0 + 1000, value: true },
        ]),
      ]);
      expect(await store.latest(tags)).toEqual([{ metric: 'doorOpen', ts: T0 + 1000, value: true }]);
      expect(await store.range({ device: tags, metric: 'doorOpen', from: T0, to: T0 + 5000 })).toEqual([
        { ts: T0, value: false },
        { ts: T0 + 1000, value: true },
      ]);
    });

    it('a raw range is ordered by time, includes from and excludes to', async () => {
      const tags = device();
      await store.write([
        batch(tags, [
          { metric: 'iceTempC', ts: T0 + 2000, value: -3 },
          { metric: 'iceTempC', ts: T0, value: -1 },
          { metric: 'iceTempC', ts: T0 + 1000, value: -2 },
          { metric: 'iceTempC', ts: T0 + 3000, value: -4 },
        ]),
      ]);
      expect(await store.range({ device: tags, metric: 'iceTempC', from: T0, to: T0 + 3000 })).toEqual([
        { ts: T0, value: -1 },
        { ts: T0 + 1000, value: -2 },
        { ts: T0 + 2000, value: -3 },
      ]);
    });

    it('a raw range honours the limit, keeping the earliest points', async () => {
      const tags = device();
      const points = Array.from({ length: 10 }, (_, i) => ({
        metric: 'iceTempC' as const,
        ts: T0 + i * 1000,
        value: -i,
      }));
      await store.write([batch(tags, points)]);
      const raw = (await store.range({
        device: tags,
        metric: 'iceTempC',
        from: T0,
        to: T0 + 60_000,
        limit: 3,
      })) as RawPoint[];
      expect(raw.map((p) => p.ts)).toEqual([T0, T0 + 1000, T0 + 2000]);
    });

    it('aggregates a range into epoch-aligned windows with mean, min, max and count', async () => {
      const tags = device();
      const hour = 3_600_000;
      await store.write([
        batch(tags, [
          { metric: 'airTempC', ts: T0 + 10 * 60_000, value: -30 },
          { metric: 'airTempC', ts: T0 + 20 * 60_000, value: -20 },
          { metric: 'airTempC', ts: T0 + hour + 5 * 60_000, value: -10 },
        ]),
      ]);
      const windows = (await store.range({
        device: tags,
        metric: 'airTempC',
        from: T0,
        to: T0 + 3 * hour,
        everyMs: hour,
      })) as WindowAggregate[];
      expect(windows).toEqual([
        { ts: T0, mean: -25, min: -30, max: -20, count: 2 },
        { ts: T0 + hour, mean: -10, min: -10, max: -10, count: 1 },
      ]);
    });

    it('aggregates booleans as the fraction of true', async () => {
      const tags = device('ice-station');
      await store.write([
        batch(tags, [
          { metric: 'overflow', ts: T0, value: true },
          { metric: 'overflow', ts: T0 + 1000, value: false },
          { metric: 'overflow', ts: T0 + 2000, value: false },
          { metric: 'overflow', ts: T0 + 3000, value: true },
        ]),
      ]);
      const [window] = (await store.range({
        device: tags,
        metric: 'overflow',
        from: T0,
        to: T0 + 60_000,
        everyMs: 60_000,
      })) as WindowAggregate[];
      expect(window).toEqual({ ts: T0, mean: 0.5, min: 0, max: 1, count: 4 });
    });

    it('keeps devices apart', async () => {
      const a = device();
      const b = device();
      await store.write([
        batch(a, [{ metric: 'iceThicknessCm', ts: T0, value: 100 }]),
        batch(b, [{ metric: 'iceThicknessCm', ts: T0, value: 50 }]),
      ]);
      expect(await store.latest(a)).toEqual([{ metric: 'iceThicknessCm', ts: T0, value: 100 }]);
      expect(await store.latest(b)).toEqual([{ metric: 'iceThicknessCm', ts: T0, value: 50 }]);
    });

    it('stores a large batch completely', async () => {
      const tags = device('vehicle');
      const points = Array.from({ length: 5000 }, (_, i) => ({
        metric: 'speedKmh' as const,
        ts: T0 + i,
        value: i % 20,
      }));
      await store.write([batch(tags, points)]);
      const [window] = (await store.range({
        device: tags,
        metric: 'speedKmh',
        from: T0,
        to: T0 + 3_600_000,
        everyMs: 3_600_000,
      })) as WindowAggregate[];
      expect(window.count).toBe(5000);
    });
  });
}

function sortByMetric<T extends { metric: string }>(values: T[]): T[] {
  return [...values].sort((a, b) => a.metric.localeCompare(b.metric));
}

import type { PointBatch } from '@jct/contract';
import type { TelemetryStore } from '@jct/storage';
import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { TELEMETRY_STORE } from '../../apps/service/src/storage/telemetry-store.provider';
import { SiteRegistry } from '../../apps/service/src/site/site-registry';
import { startTestApp, type TestApp } from '../support/test-app';
import { withKey, type KeyHolder } from '../support/api-keys';
import { connectDevice, reading } from '../support/devices';
import { waitFor } from '../harness/wait';

const POINTS = 100_000;
const T0 = Date.parse('2026-01-10T00:00:00Z');

// CSV export of telemetry on the real service (in-process) and its embedded store: 100,000 points
// of a container's temperature streamed page by page and parsed as CSV by csv-parse, with the
// process's resident memory sampled while it streams; scoped to the container's owner like JSON.
describe('telemetry as CSV', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp();
    const store = service.app.get<TelemetryStore>(TELEMETRY_STORE);
    const device = service.app.get(SiteRegistry).deviceTags('CONT-02')!;
    for (let start = 0; start < POINTS; start += 10_000) {
      const points = Array.from({ length: 10_000 }, (_, i) => ({
        metric: 'tempC' as const,
        ts: T0 + (start + i) * 1000,
        value: Math.round((2 + ((start + i) % 60) / 10) * 10) / 10,
      }));
      await store.write([{ device, points } as PointBatch]);
    }
  }, 120_000);
  afterAll(async () => {
    await service?.close();
  }, 30_000);

  const url = (format = '?format=csv') =>
    `${service.httpUrl}/api/devices/CONT-02/telemetry${format}&metric=tempC&from=${T0}&to=${T0 + POINTS * 1000}`;

  it('100,000 points stream as valid CSV, every point once and in order, in bounded memory', async () => {
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const response = await fetch(url(), withKey('owner-fresh'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    // Checked as it streams, so the test keeps no copy of the export.
    let header: string[] | undefined;
    let first: string[] | undefined;
    let count = 0;
    let previous = T0 - 1000;
    let inOrder = true;
    const parser = Readable.fromWeb(response.body as never).pipe(parse());
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!header) {
        header = record;
        continue;
      }
      first ??= record;
      const ts = Date.parse(record[0]!);
      inOrder &&= ts - previous === 1000;
      previous = ts;
      count += 1;
    }
    clearInterval(sampler);

    expect(header).toEqual(['ts', 'deviceId', 'metric', 'value', 'unit']);
    expect(first).toEqual([new Date(T0).toISOString(), 'CONT-02', 'tempC', '2', 'Cel']);
    expect([count, inOrder, previous]).toEqual([POINTS, true, T0 + (POINTS - 1) * 1000]);
    // Test and service share this process: the growth while streaming bounds the service's.
    const growthMb = (peak - baseline) / 2 ** 20;
    process.stdout.write(
      `csv export of ${POINTS} points: rss ${Math.round(baseline / 2 ** 20)} → peak ${Math.round(peak / 2 ** 20)} MiB (+${growthMb.toFixed(1)})\n`,
    );
    expect(growthMb).toBeLessThan(100);
  }, 120_000);

  it('Accept: text/csv asks for it too; JSON stays the default', async () => {
    const csv = await fetch(url('?limit=10'), withKey('operator', { headers: { accept: 'text/csv' } }));
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    await csv.body?.cancel();
    const json = await fetch(url('?limit=10'), withKey('operator'));
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await json.json()) as { points: unknown[] }).points).toHaveLength(10);
  });

  it('another owner’s container answers 404 in CSV as in JSON', async () => {
    expect((await fetch(url(), withKey('owner-timber'))).status).toBe(404);
  });

  it('a shipment’s conditions as CSV: the same readings as JSON, each with the profile’s limits; another owner gets 404', async () => {
    const window = `from=${T0}&to=${T0 + 999_000}`;
    const conditions = `${service.httpUrl}/api/shipments/cont-apples-1/conditions`;
    const response = await fetch(`${conditions}?format=csv&${window}`, withKey('owner-fresh'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const records: string[][] = [];
    for await (const record of Readable.fromWeb(response.body as never).pipe(parse()))
      records.push(record as string[]);
    expect(records[0]).toEqual([
      'ts',
      'shipmentId',
      'deviceId',
      'metric',
      'value',
      'unit',
      'limitMin',
      'limitMax',
    ]);
    const json = (await (await fetch(`${conditions}?${window}`, withKey('owner-fresh'))).json()) as {
      limits: { tempC: { min: number; max: number } };
      series: { tempC: { unit: string; points: { ts: string; value: number }[] } };
    };
    expect(records.slice(1)).toEqual(
      json.series.tempC.points.map((point) => [
        point.ts,
        'cont-apples-1',
        'CONT-02',
        'tempC',
        String(point.value),
        json.series.tempC.unit,
        String(json.limits.tempC.min),
        String(json.limits.tempC.max),
      ]),
    );
    // One line per second of the window (its end is not in it), and the header.
    expect(records).toHaveLength(1000);
    const other = await fetch(`${conditions}?format=csv&${window}`, withKey('owner-timber'));
    expect(other.status).toBe(404);
  });

  it('alerts as CSV in the reader’s language, scoped to the owner like JSON', async () => {
    const device = await connectDevice(service.mqttUrl, 'CONT-02');
    await device.publishAsync('devices/CONT-02/telemetry', reading({ doorOpen: true }), { qos: 1 });
    await device.endAsync();
    const rows = async (who: KeyHolder) => {
      const response = await fetch(`${service.httpUrl}/api/alerts?format=csv`, withKey(who));
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      const records: string[][] = [];
      for await (const record of Readable.fromWeb(response.body as never).pipe(parse()))
        records.push(record as string[]);
      return records;
    };
    const fresh = await waitFor('the door alert, as CSV', async () => {
      const records = await rows('owner-fresh');
      return records.length > 1 ? records : undefined;
    });
    expect(fresh[0]).toEqual([
      'id',
      'ruleId',
      'subjectId',
      'severity',
      'state',
      'silenced',
      'firedAt',
      'resolvedAt',
      'reason',
    ]);
    // owner-fresh's person reads Chinese: the reason is written in it, quoted where CSV needs it.
    expect(fresh[1]).toEqual(
      expect.arrayContaining([
        'cargo.door-open-outside-zone',
        'CONT-02',
        'firing',
        'false',
        expect.stringMatching(/集装箱/),
      ]),
    );
    expect(await rows('owner-timber')).toEqual([fresh[0]]);
  }, 30_000);
});

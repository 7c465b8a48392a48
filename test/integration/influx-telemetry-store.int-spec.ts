import type { DeviceTags, PointBatch, TelemetryPoint } from '@jct/contract';
import { PermanentWriteError } from '../../libs/storage/src/telemetry-store';
import { InfluxTelemetryStore } from '../../libs/storage/src/influx/influx-telemetry.store';
import { describeTelemetryStoreConformance } from '../../libs/storage/src/testing/telemetry-store.conformance';
import { startInfluxServer, type InfluxTestServer } from '../harness/influxd';

// Starting influxd and restarting it after an outage takes seconds on 2 cores.
jest.setTimeout(60_000);

const T0 = Date.UTC(2026, 0, 20, 3, 0, 0);

let server: InfluxTestServer;

beforeAll(async () => {
  server = await startInfluxServer();
}, 60_000);

afterAll(async () => {
  await server?.destroy();
}, 60_000);

describeTelemetryStoreConformance(
  'influxdb 1.6.7',
  async () => new InfluxTelemetryStore({ url: server.url, bucket: 'conformance' }),
);

let deviceCounter = 0;
function device(kind: DeviceTags['kind'] = 'ice-station', deviceId?: string): DeviceTags {
  return {
    deviceId: deviceId ?? `influx-${kind}-${deviceCounter++}`,
    kind,
    assetId: 'jalinda-mohe-ice',
    siteId: 'jalinda-mohe',
  };
}

function batch(tags: DeviceTags, points: TelemetryPoint[]): PointBatch {
  return { device: tags, points };
}

/** The values of the first series of the first statement of `influx -format json` output. */
function cliValues(output: unknown): unknown[][] {
  const results = (output as { results?: { series?: { values?: unknown[][] }[] }[] }).results;
  return results?.[0]?.series?.[0]?.values ?? [];
}

async function rawWrite(database: string, lines: string): Promise<void> {
  const res = await fetch(`${server.url}/write?db=${database}&precision=ms`, { method: 'POST', body: lines });
  if (res.status !== 204) throw new Error(`raw write failed: ${res.status} ${await res.text()}`);
}

describe('InfluxTelemetryStore against a real influxd 1.6.7', () => {
  const stores: InfluxTelemetryStore[] = [];
  const open = async (bucket = 'influx_specific'): Promise<InfluxTelemetryStore> => {
    const store = new InfluxTelemetryStore({ url: server.url, bucket });
    stores.push(store);
    await store.init();
    return store;
  };

  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
  });

  it('reports the version from GET /ping in its description after init', async () => {
    const store = await open();
    expect(store.description).toMatch(/^influxdb 1\.6\.7/);
  });

  it('creates its database in init(), and a second init() on an existing database succeeds', async () => {
    await open('created_by_init');
    await open('created_by_init');
    const databases = cliValues(await server.cli('_internal', 'SHOW DATABASES')).map(([name]) => name);
    expect(databases).toContain('created_by_init');
  });

  it('writes what the influx CLI sees: one point per device and timestamp, float and boolean fields, four tags', async () => {
    const store = await open('cli_check');
    const tags = device();
    await store.write([
      batch(tags, [
        { metric: 'iceThicknessCm', ts: T0, value: 80 },
        { metric: 'overflow', ts: T0, value: false },
        { metric: 'iceThicknessCm', ts: T0 + 1000, value: 80.5 },
      ]),
    ]);

    const count = await server.cli(
      'cli_check',
      `SELECT count(*) FROM telemetry WHERE device='${tags.deviceId}'`,
    );
    expect(cliValues(count)).toEqual([[0, 2, 1]]);
    const fields = await server.cli('cli_check', 'SHOW FIELD KEYS FROM telemetry');
    // 80 went in as a float, so 80.5 later did not conflict with an integer field.
    expect(cliValues(fields)).toEqual([
      ['iceThicknessCm', 'float'],
      ['overflow', 'boolean'],
    ]);
    const tagKeys = await server.cli('cli_check', 'SHOW TAG KEYS FROM telemetry');
    expect(cliValues(tagKeys).map(([key]) => key)).toEqual(['asset', 'device', 'kind', 'site']);
    const timestamps = await server.cli(
      'cli_check',
      `SELECT "iceThicknessCm" FROM telemetry WHERE device='${tags.deviceId}'`,
    );
    // The CLI prints epoch nanoseconds: the ms timestamps landed exactly, not read as ns (1970).
    expect(cliValues(timestamps).map(([time]) => time)).toEqual([T0 * 1e6, (T0 + 1000) * 1e6]);
  });

  it('stores numbers that JavaScript prints in exponent notation (1e-7, 1e+21) exactly', async () => {
    const store = await open();
    const tags = device('container');
    await store.write([
      batch(tags, [
        { metric: 'shockG', ts: T0, value: 1e-7 },
        { metric: 'shockG', ts: T0 + 1, value: 1e21 },
      ]),
    ]);
    expect(await store.range({ device: tags, metric: 'shockG', from: T0, to: T0 + 2 })).toEqual([
      { ts: T0, value: 1e-7 },
      { ts: T0 + 1, value: 1e21 },
    ]);
  });

  it('latest includes a point timestamped minutes after the server clock (device clocks run ahead)', async () => {
    const store = await open();
    const tags = device();
    const ahead = Date.now() + 3 * 60_000;
    await store.write([batch(tags, [{ metric: 'batteryPct', ts: ahead, value: 77 }])]);
    expect(await store.latest(tags)).toEqual([{ metric: 'batteryPct', ts: ahead, value: 77 }]);
  });

  it('stores all 12,000 lines of a batch larger than one 5,000-line request', async () => {
    const store = await open();
    const tags = device('vehicle');
    const points = Array.from({ length: 12_000 }, (_, i) => ({
      metric: 'speedKmh' as const,
      ts: T0 + i,
      value: i % 50,
    }));
    await store.write([batch(tags, points)]);
    const count = await server.cli(
      'influx_specific',
      `SELECT count("speedKmh") FROM telemetry WHERE device='${tags.deviceId}'`,
    );
    expect(cliValues(count)).toEqual([[0, 12_000]]);
  });

  it("escapes quotes and backslashes in device ids, so o'brien\\x does not match o", async () => {
    const store = await open();
    const odd = device('ice-station', "o'brien\\x");
    const plain = device('ice-station', 'o');
    await store.write([
      batch(odd, [{ metric: 'iceTempC', ts: T0, value: -7 }]),
      batch(plain, [{ metric: 'iceTempC', ts: T0, value: -1 }]),
    ]);
    expect(await store.latest(odd)).toEqual([{ metric: 'iceTempC', ts: T0, value: -7 }]);
    expect(await store.range({ device: odd, metric: 'iceTempC', from: T0, to: T0 + 1 })).toEqual([
      { ts: T0, value: -7 },
    ]);
  });

  it('a raw range with limit 0 returns no points (InfluxQL would read LIMIT 0 as no limit)', async () => {
    const store = await open();
    const tags = device();
    await store.write([batch(tags, [{ metric: 'iceTempC', ts: T0, value: -2 }])]);
    expect(await store.range({ device: tags, metric: 'iceTempC', from: T0, to: T0 + 1, limit: 0 })).toEqual(
      [],
    );
  });

  it('a float written to a field InfluxDB already holds as boolean is a PermanentWriteError with its message', async () => {
    // Field types are per measurement and shard, not per series: a conflict would spoil every
    // device in the shard, so this has a database of its own.
    const store = await open('type_conflict');
    const tags = device();
    await rawWrite(
      'type_conflict',
      `telemetry,asset=x,device=raw-bool,kind=ice-station,site=y iceThicknessCm=true ${T0}`,
    );
    const attempt = store.write([batch(tags, [{ metric: 'iceThicknessCm', ts: T0 + 1000, value: 90 }])]);
    await expect(attempt).rejects.toThrow(PermanentWriteError);
    await expect(attempt).rejects.toThrow(/field type conflict/);
  });

  it('a query InfluxDB answers with HTTP 200 and results[0].error rejects with that error', async () => {
    const store = new InfluxTelemetryStore({ url: server.url, bucket: 'never_created' });
    stores.push(store);
    // Skipping init() leaves the database uncreated: the query itself fails on the server.
    await expect(store.range({ device: device(), metric: 'iceTempC', from: T0, to: T0 + 1 })).rejects.toThrow(
      /database not found: never_created/,
    );
  });
});

describe('InfluxTelemetryStore while influxd is stopped', () => {
  const stores: InfluxTelemetryStore[] = [];
  const create = (): InfluxTelemetryStore => {
    const store = new InfluxTelemetryStore({ url: server.url, bucket: 'outage', timeoutMs: 5_000 });
    stores.push(store);
    return store;
  };

  /** Runs `during` with influxd stopped and always starts it again. */
  async function withOutage(during: () => Promise<void>): Promise<void> {
    await server.stop();
    try {
      await during();
    } finally {
      await server.start();
    }
  }

  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
  });

  it('ping rejects during the outage and resolves after start()', async () => {
    const store = create();
    await store.init();
    await withOutage(async () => {
      await expect(store.ping()).rejects.toThrow(/ECONNREFUSED/);
    });
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('a write during the outage rejects with a transient Error, not PermanentWriteError, and succeeds after start()', async () => {
    const store = create();
    await store.init();
    const tags = device();
    const points = [{ metric: 'iceThicknessCm' as const, ts: T0, value: 101 }];
    await withOutage(async () => {
      const error = await store.write([batch(tags, points)]).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(PermanentWriteError);
      expect((error as Error).message).toMatch(/ECONNREFUSED/);
    });
    await store.write([batch(tags, points)]);
    expect(await store.latest(tags)).toEqual([{ metric: 'iceThicknessCm', ts: T0, value: 101 }]);
  });

  it('keeps what was written before the outage across the restart', async () => {
    const store = create();
    await store.init();
    const tags = device();
    await store.write([batch(tags, [{ metric: 'airTempC', ts: T0, value: -40.5 }])]);
    await withOutage(async () => undefined);
    const count = await server.cli(
      'outage',
      `SELECT count("airTempC") FROM telemetry WHERE device='${tags.deviceId}'`,
    );
    expect(cliValues(count)).toEqual([[0, 1]]);
  });

  it('a store whose init() failed during the outage connects on its first write after start()', async () => {
    const store = create();
    await withOutage(async () => {
      await expect(store.init()).rejects.toThrow(/ECONNREFUSED/);
      expect(store.description).toBe('influxdb');
    });
    const tags = device();
    await store.write([batch(tags, [{ metric: 'snowDepthCm', ts: T0, value: 12 }])]);
    expect(store.description).toMatch(/^influxdb 1\.6\.7/);
    expect(await store.latest(tags)).toEqual([{ metric: 'snowDepthCm', ts: T0, value: 12 }]);
  });
});

// What a real 1.6.7 server cannot show: the 2.x/3.x write path, version detection from other
// /ping answers, and how every HTTP status is classified. A loopback HTTP server plays InfluxDB;
// the behaviour against a real server is pinned in test/integration/influx-telemetry-store.int-spec.ts.
import type { DeviceTags, PointBatch } from '@jct/contract';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { PermanentWriteError } from '../telemetry-store';
import { InfluxTelemetryStore, type InfluxTelemetryStoreOptions } from './influx-telemetry.store';

interface Seen {
  method: string;
  path: string;
  params: URLSearchParams;
  authorization?: string;
  body: string;
}

type Respond = (req: Seen, res: ServerResponse) => void;

const T0 = Date.UTC(2026, 0, 20, 3, 0, 0);
const ICE: DeviceTags = {
  deviceId: 'ICE-1',
  kind: 'ice-station',
  assetId: 'mohe-ice',
  siteId: 'jalinda-mohe',
};
const BATCH: PointBatch[] = [
  {
    device: ICE,
    points: [
      { metric: 'iceThicknessCm', ts: T0, value: 80 },
      { metric: 'overflow', ts: T0, value: true },
    ],
  },
];

function answerPing(version: string): Respond {
  return (req, res) => {
    if (req.path === '/ping') {
      res.writeHead(204, { 'X-Influxdb-Version': version }).end();
    } else if (req.path === '/query') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"results":[{"statement_id":0}]}');
    } else {
      res.writeHead(204).end();
    }
  };
}

describe('InfluxTelemetryStore against a stand-in HTTP server', () => {
  let server: Server;
  let url: string;
  let seen: Seen[];
  let respond: Respond;
  const stores: InfluxTelemetryStore[] = [];

  const open = (options: Partial<InfluxTelemetryStoreOptions> = {}): InfluxTelemetryStore => {
    const store = new InfluxTelemetryStore({ url, bucket: 'tele', ...options });
    stores.push(store);
    return store;
  };
  const writes = (): Seen[] => seen.filter((req) => req.path === '/write' || req.path === '/api/v2/write');

  beforeEach(async () => {
    seen = [];
    respond = answerPing('1.8.10');
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const parsed = new URL(req.url ?? '/', 'http://x');
        const entry: Seen = {
          method: req.method ?? '',
          path: parsed.pathname,
          params: parsed.searchParams,
          authorization: req.headers.authorization,
          body: (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8'),
        };
        seen.push(entry);
        respond(entry, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  describe('on 1.x', () => {
    it('init() creates the database with a POSTed CREATE DATABASE and sends the token', async () => {
      const store = open({ token: 'secret' });
      await store.init();
      const create = seen.find((req) => req.path === '/query');
      expect(create?.method).toBe('POST');
      expect(new URLSearchParams(create?.body).get('q')).toBe('CREATE DATABASE "tele"');
      expect(create?.authorization).toBe('Token secret');
      expect(store.description).toBe('influxdb 1.8.10');
    });

    it('writes one float/boolean line per device and ms timestamp to /write?db=&precision=ms', async () => {
      const store = open();
      await store.init();
      await store.write(BATCH);
      const [write] = writes();
      expect(write.params.get('db')).toBe('tele');
      expect(write.params.get('precision')).toBe('ms');
      expect(write.body).toBe(
        `telemetry,asset=mohe-ice,device=ICE-1,kind=ice-station,site=jalinda-mohe iceThicknessCm=80,overflow=true ${T0}`,
      );
    });

    it('posts at most 5,000 lines per request', async () => {
      const store = open();
      await store.init();
      const points = Array.from({ length: 12_001 }, (_, i) => ({
        metric: 'iceTempC' as const,
        ts: T0 + i,
        value: -1,
      }));
      await store.write([{ device: ICE, points }]);
      expect(writes().map((req) => req.body.split('\n').length)).toEqual([5_000, 5_000, 2_001]);
    });

    it.each([400, 422])(
      'HTTP %i from /write is a PermanentWriteError carrying InfluxDB message',
      async (status) => {
        const store = open();
        await store.init();
        respond = (_req, res) =>
          res
            .writeHead(status, { 'content-type': 'application/json' })
            .end('{"error":"partial write: field type conflict"}');
        await expect(store.write(BATCH)).rejects.toThrow(PermanentWriteError);
        await expect(store.write(BATCH)).rejects.toThrow(/field type conflict/);
      },
    );

    it.each([401, 403, 404, 413, 429, 500, 503])(
      'HTTP %i from /write is a transient Error, so the spool keeps the batch',
      async (status) => {
        const store = open();
        await store.init();
        respond = (_req, res) => res.writeHead(status).end('nope');
        const error = await store.write(BATCH).catch((err: unknown) => err);
        expect(error).toBeInstanceOf(Error);
        expect(error).not.toBeInstanceOf(PermanentWriteError);
        expect((error as Error).message).toContain(String(status));
      },
    );

    it('a /write that never answers fails as a transient Error after timeoutMs', async () => {
      const store = open({ timeoutMs: 200 });
      await store.init();
      respond = () => undefined;
      const error = await store.write(BATCH).catch((err: unknown) => err);
      expect(error).not.toBeInstanceOf(PermanentWriteError);
      expect((error as Error).message).toMatch(/no answer within 200 ms/);
    });

    it('close() ends a request that is still waiting instead of leaving it hanging', async () => {
      const store = open({ timeoutMs: 60_000 });
      await store.init();
      respond = () => undefined;
      const pending = store.write(BATCH);
      await new Promise<void>((resolve) => {
        const poll = (): void => (writes().length > 0 ? resolve() : void setTimeout(poll, 5));
        poll();
      });
      await store.close();
      await expect(pending).rejects.toThrow(/closed/);
    });

    it('a /query answered with HTTP 200 and results[i].error rejects with that error', async () => {
      const store = open();
      await store.init();
      respond = (_req, res) =>
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"results":[{"statement_id":0,"error":"boom"}]}');
      await expect(store.range({ device: ICE, metric: 'iceTempC', from: T0, to: T0 + 1 })).rejects.toThrow(
        /boom/,
      );
    });

    it('refuses a point it cannot express in line protocol before sending anything', async () => {
      const store = open();
      await store.init();
      const broken: PointBatch = { device: { ...ICE, siteId: 'a\nb' }, points: BATCH[0].points };
      await expect(store.write([broken])).rejects.toThrow(PermanentWriteError);
      await expect(
        store.write([{ device: ICE, points: [{ metric: 'iceTempC', ts: T0, value: Number.NaN }] }]),
      ).rejects.toThrow(PermanentWriteError);
      await expect(
        store.write([{ device: ICE, points: [{ metric: 'overflow', ts: T0, value: 1 }] }]),
      ).rejects.toThrow(PermanentWriteError);
      expect(writes()).toEqual([]);
    });
  });

  describe('on 2.x', () => {
    it('init() without org rejects, naming the missing option', async () => {
      respond = answerPing('v2.7.11');
      await expect(open().init()).rejects.toThrow(/needs the org option/);
    });

    it('writes through /api/v2/write with precision=ms and the token, and creates no database', async () => {
      respond = answerPing('v2.7.11');
      const store = open({ org: 'jct', token: 'tok' });
      await store.init();
      await store.write(BATCH);
      expect(store.description).toBe('influxdb 2.7.11');
      expect(seen.some((req) => req.path === '/query')).toBe(false);
      const [write] = writes();
      expect(write.path).toBe('/api/v2/write');
      expect(Object.fromEntries(write.params)).toEqual({ org: 'jct', bucket: 'tele', precision: 'ms' });
      expect(write.authorization).toBe('Token tok');
      expect(write.body).toBe(
        `telemetry,asset=mohe-ice,device=ICE-1,kind=ice-station,site=jalinda-mohe iceThicknessCm=80,overflow=true ${T0}`,
      );
    });

    it('HTTP 400 from /api/v2/write is a PermanentWriteError with the server message, sent once', async () => {
      const store = open({ org: 'jct' });
      respond = answerPing('v2.7.11');
      await store.init();
      respond = (_req, res) =>
        res
          .writeHead(400, { 'content-type': 'application/json' })
          .end('{"code":"invalid","message":"partial write error (0 written): field type conflict"}');
      const error = await store.write(BATCH).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(PermanentWriteError);
      expect((error as Error).message).toMatch(/field type conflict/);
      expect(writes()).toHaveLength(1);
    });

    it.each([401, 429, 503])(
      'HTTP %i from /api/v2/write is a transient Error and the library does not retry on its own',
      async (status) => {
        const store = open({ org: 'jct' });
        respond = answerPing('v2.7.11');
        await store.init();
        respond = (_req, res) =>
          res.writeHead(status, { 'content-type': 'application/json' }).end('{"message":"x"}');
        const error = await store.write(BATCH).catch((err: unknown) => err);
        expect(error).toBeInstanceOf(Error);
        expect(error).not.toBeInstanceOf(PermanentWriteError);
        expect(writes()).toHaveLength(1);
      },
    );

    it('a refused connection during a write is a transient Error', async () => {
      const store = open({ org: 'jct' });
      respond = answerPing('v2.7.11');
      await store.init();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const error = await store.write(BATCH).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(PermanentWriteError);
    });
  });

  describe('version detection', () => {
    it('takes 3.x from the JSON body of /ping when there is no X-Influxdb-Version header', async () => {
      respond = (req, res) => {
        if (req.path === '/ping')
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"version":"3.0.1"}');
        else res.writeHead(204).end();
      };
      const store = open();
      await store.init();
      await store.write(BATCH);
      expect(store.description).toBe('influxdb 3.0.1');
      expect(writes()[0].path).toBe('/api/v2/write');
    });

    it('rejects init() when /ping does not say which InfluxDB answers', async () => {
      respond = (_req, res) => res.writeHead(404).end('not found');
      await expect(open().init()).rejects.toThrow(/cannot tell the InfluxDB version/);
    });

    it('ping() rejects with the status when /ping does not answer 2xx', async () => {
      respond = (_req, res) => res.writeHead(503).end('{"error":"starting"}');
      await expect(open().ping()).rejects.toThrow(/HTTP 503: starting/);
    });
  });
});

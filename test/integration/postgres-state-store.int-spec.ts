import { LEDGER, PostgresStateStore, type StateMigration } from '@jct/storage';
import { startPostgres, type PostgresTestServer } from '../harness/postgres';
import { waitFor } from '../harness/wait';

// The PostgreSQL state store against a real PostgreSQL 15 (test/harness/postgres.ts).
const MIGRATIONS: StateMigration[] = [
  {
    id: '0001-things',
    up: 'CREATE TABLE things (id TEXT PRIMARY KEY, at BIGINT NOT NULL, n DOUBLE PRECISION)',
  },
  {
    id: '0002-counter',
    up: 'CREATE SEQUENCE IF NOT EXISTS thing_seq; ALTER TABLE things ADD COLUMN seq BIGINT',
  },
];

describe('PostgresStateStore', () => {
  let pg: PostgresTestServer;
  const stores: PostgresStateStore[] = [];
  let database = 0;

  /** A store on a database of its own, so tests do not see each other's tables. */
  async function freshDatabase(): Promise<string> {
    database += 1;
    return pg.createDatabase(`state_${database}`);
  }
  function storeOn(url: string, queryTimeoutMs?: number): PostgresStateStore {
    const store = new PostgresStateStore({ url, queryTimeoutMs });
    stores.push(store);
    return store;
  }

  beforeAll(async () => {
    pg = await startPostgres();
  }, 60_000);

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close().catch(() => undefined)));
  });

  afterAll(async () => {
    await pg?.destroy();
  }, 30_000);

  it('two instances starting at once apply each migration exactly once', async () => {
    const url = await freshDatabase();
    const [a, b] = [storeOn(url), storeOn(url)];
    await Promise.all([a.init(MIGRATIONS), b.init(MIGRATIONS)]);
    const ledger = await a.all<{ id: string }>(`SELECT id FROM ${LEDGER} ORDER BY id`);
    expect(ledger.map((row) => row.id)).toEqual(['0001-things', '0002-counter']);
    // A third start later finds nothing to do and does not fail on the existing tables.
    await storeOn(url).init(MIGRATIONS);
    expect(await a.all(`SELECT id FROM ${LEDGER}`)).toHaveLength(2);
  }, 30_000);

  it('a migration that fails leaves neither its changes nor a ledger row, and runs again next start', async () => {
    const url = await freshDatabase();
    const broken: StateMigration = {
      id: '0003-half',
      up: 'CREATE TABLE half (a TEXT); CREATE TABLE nonsense (',
    };
    const store = storeOn(url);
    await expect(store.init([...MIGRATIONS, broken])).rejects.toThrow(/syntax error/);
    expect(await store.all("SELECT 1 FROM pg_tables WHERE tablename = 'half'")).toEqual([]);
    expect(await store.all(`SELECT id FROM ${LEDGER} WHERE id = '0003-half'`)).toEqual([]);
    await store.init([...MIGRATIONS, { id: '0003-half', up: 'CREATE TABLE half (a TEXT)' }]);
    expect(await store.all(`SELECT id FROM ${LEDGER}`)).toHaveLength(3);
  }, 30_000);

  it('the same migration id listed twice is refused before anything runs', async () => {
    const store = storeOn(await freshDatabase());
    await expect(store.init([MIGRATIONS[0], MIGRATIONS[0]])).rejects.toThrow('0001-things is listed twice');
  });

  it('speaks the portable subset: BIGINT as number, upsert, RETURNING, sequences', async () => {
    const store = storeOn(await freshDatabase());
    await store.init(MIGRATIONS);
    const at = Date.UTC(2026, 0, 20, 3, 15);
    const upsert =
      'INSERT INTO things (id, at, n, seq) VALUES ($1, $2, $3, nextval($4)) ' +
      'ON CONFLICT (id) DO UPDATE SET n = excluded.n RETURNING id, at, seq';
    expect(await store.all(upsert, ['a', at, 1.5, 'thing_seq'])).toEqual([{ id: 'a', at, seq: 1 }]);
    expect(await store.all(upsert, ['a', at, 2.5, 'thing_seq'])).toEqual([{ id: 'a', at, seq: 1 }]);
    expect(await store.run('UPDATE things SET n = n + 1')).toBe(1);
    expect(await store.all('SELECT n, COUNT(*) AS count FROM things GROUP BY n')).toEqual([
      { n: 3.5, count: 1 },
    ]);
  });

  it('a transaction that throws leaves nothing; one that returns is visible to another instance', async () => {
    const url = await freshDatabase();
    const [store, other] = [storeOn(url), storeOn(url)];
    await store.init(MIGRATIONS);
    await expect(
      store.transaction(async (tx) => {
        await tx.run('INSERT INTO things (id, at) VALUES ($1, $2)', ['lost', 1]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const kept = await store.transaction(async (tx) =>
      tx.run('INSERT INTO things (id, at) VALUES ($1, $2)', ['kept', 2]),
    );
    expect(kept).toBe(1);
    expect(await other.all('SELECT id FROM things')).toEqual([{ id: 'kept' }]);
  });

  it('a PostgreSQL restart fails the queries meanwhile with an error and the store carries on after it', async () => {
    const store = storeOn(await freshDatabase());
    await store.init(MIGRATIONS);
    await store.run('INSERT INTO things (id, at) VALUES ($1, $2)', ['before', 1]);
    await pg.stop();
    await expect(store.all('SELECT id FROM things')).rejects.toThrow();
    await pg.start();
    const rows = await waitFor('the store to answer again', () =>
      store.all<{ id: string }>('SELECT id FROM things').catch(() => undefined),
    );
    expect(rows).toEqual([{ id: 'before' }]);
  }, 60_000);

  it('a paused PostgreSQL fails a query after the query timeout instead of hanging', async () => {
    const store = storeOn(await freshDatabase(), 1_000);
    await store.init(MIGRATIONS);
    pg.pause();
    try {
      const started = Date.now();
      await expect(store.all('SELECT id FROM things')).rejects.toThrow(/timeout/i);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      pg.resume();
    }
  }, 30_000);
});

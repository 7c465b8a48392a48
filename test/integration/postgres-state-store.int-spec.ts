import { PostgresStateStore, type StateMigration } from '@jct/storage';
import { describeStateStoreConformance } from '../../libs/storage/src/testing/state-store.conformance';
import { usePostgres } from '../support/postgres';
import { waitFor } from '../harness/wait';

// The PostgreSQL state store against a real PostgreSQL 15 (test/harness/postgres.ts).
const LEDGER = 'state_migrations';
const MIGRATIONS: StateMigration[] = [
  {
    id: '0001-things',
    up: 'CREATE TABLE things (id TEXT PRIMARY KEY, at BIGINT NOT NULL, n DOUBLE PRECISION)',
  },
  {
    id: '0002-counter',
    up: `CREATE SEQUENCE IF NOT EXISTS thing_seq;
         ALTER TABLE things ADD COLUMN seq BIGINT`,
  },
];

const postgres = usePostgres();

// The behaviour every state store shares, on one database per name the suite asks for.
const conformanceDatabases = new Map<string, string>();
describeStateStoreConformance('postgres', async (name) => {
  let url = conformanceDatabases.get(name);
  if (!url) {
    url = await postgres().createDatabase(`conformance_${name.replace(/[^a-z0-9]/g, '_')}`);
    conformanceDatabases.set(name, url);
  }
  return new PostgresStateStore({ url });
});

describe('PostgresStateStore', () => {
  const stores: PostgresStateStore[] = [];
  let database = 0;

  /** A store on a database of its own, so tests do not see each other's tables. */
  async function freshDatabase(): Promise<string> {
    database += 1;
    return postgres().createDatabase(`state_${database}`);
  }
  function storeOn(url: string, queryTimeoutMs?: number): PostgresStateStore {
    const store = new PostgresStateStore({ url, queryTimeoutMs });
    stores.push(store);
    return store;
  }

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close().catch(() => undefined)));
  });

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

  it('a PostgreSQL restart fails the queries meanwhile with an error and the store carries on after it', async () => {
    const store = storeOn(await freshDatabase());
    await store.init(MIGRATIONS);
    await store.run('INSERT INTO things (id, at) VALUES ($1, $2)', ['before', 1]);
    await postgres().stop();
    await expect(store.all('SELECT id FROM things')).rejects.toThrow();
    await postgres().start();
    const rows = await waitFor('the store to answer again', () =>
      store.all<{ id: string }>('SELECT id FROM things').catch(() => undefined),
    );
    expect(rows).toEqual([{ id: 'before' }]);
  }, 60_000);

  it('a paused PostgreSQL fails a query after the query timeout instead of hanging', async () => {
    const store = storeOn(await freshDatabase(), 1_000);
    await store.init(MIGRATIONS);
    postgres().pause();
    try {
      const started = Date.now();
      await expect(store.all('SELECT id FROM things')).rejects.toThrow(/timeout/i);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      postgres().resume();
    }
  }, 30_000);
});

import type { StateMigration, StateStore } from '../state/state-store';

/**
 * The behaviour every StateStore must have. Run it from an integration test with a factory that
 * opens a store on a real database; `open(name)` with the same name opens the same database again
 * (for the reopen cases), a new name an empty one.
 */
export function describeStateStoreConformance(
  name: string,
  open: (database: string) => Promise<StateStore>,
): void {
  describe(`StateStore conformance: ${name}`, () => {
    const opened: StateStore[] = [];
    const start = async (database: string, migrations: readonly StateMigration[] = BASE) => {
      const store = await open(database);
      opened.push(store);
      await store.init(migrations);
      return store;
    };
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close().catch(() => undefined);
    });

    it('applies the migrations once, in id order, and only the new ones on the next start', async () => {
      const first = await start('migrate');
      await first.run('INSERT INTO things (id, label, weight_kg, active) VALUES ($1, $2, $3, $4)', [
        't1',
        'first',
        12.5,
        true,
      ]);
      await first.close();
      const second = await start('migrate', [
        ...BASE,
        { id: '0002-things-note', up: 'ALTER TABLE things ADD COLUMN note TEXT' },
      ]);
      expect(await second.all('SELECT id, label, note FROM things')).toEqual([
        { id: 't1', label: 'first', note: null },
      ]);
      const ledger = await second.all<{ id: string }>('SELECT id FROM state_migrations ORDER BY id');
      expect(ledger.map((row) => row.id)).toEqual(['0001-things', '0002-things-note']);
    });

    it('refuses a migration id that is listed twice or badly named', async () => {
      const store = await open('bad-migrations');
      opened.push(store);
      await expect(store.init([...BASE, BASE[0]])).rejects.toThrow(/listed twice/);
      await expect(store.init([{ id: 'things', up: 'SELECT 1' }])).rejects.toThrow(/0001-name/);
    });

    it('returns rows as plain objects: BIGINT as number, BOOLEAN, NULL and text JSON as they went in', async () => {
      const store = await start('types');
      const at = Date.UTC(2026, 11, 1, 6, 30);
      await store.run(
        'INSERT INTO things (id, label, weight_kg, active, created_at, doc) VALUES ($1, $2, $3, $4, $5, $6)',
        ['t1', null, 0.25, false, at, JSON.stringify({ legs: ['rail', 'truck'] })],
      );
      const [row] = await store.all<Record<string, unknown>>('SELECT * FROM things WHERE id = $1', ['t1']);
      expect(row).toEqual({
        id: 't1',
        label: null,
        weight_kg: 0.25,
        active: false,
        created_at: at,
        doc: '{"legs":["rail","truck"]}',
      });
      expect(typeof row.created_at).toBe('number');
    });

    it('counts the rows a statement changed', async () => {
      const store = await start('counts');
      for (const id of ['a', 'b', 'c'])
        await store.run('INSERT INTO things (id, active) VALUES ($1, $2)', [id, id !== 'c']);
      expect(await store.run('UPDATE things SET label = $1 WHERE active = $2', ['on', true])).toBe(2);
      expect(await store.run('DELETE FROM things WHERE id = $1', ['missing'])).toBe(0);
    });

    it('upserts with ON CONFLICT, returns with RETURNING and numbers with a sequence', async () => {
      const store = await start('upsert');
      const upsert =
        'INSERT INTO things (id, label) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET label = excluded.label';
      await store.run(upsert, ['t1', 'old']);
      await store.run(upsert, ['t1', 'new']);
      expect(await store.all('SELECT id, label FROM things')).toEqual([{ id: 't1', label: 'new' }]);
      const ids = [];
      for (const label of ['x', 'y']) {
        const [row] = await store.all<{ seq: number }>(
          "INSERT INTO events (seq, label) VALUES (nextval('event_seq'), $1) RETURNING seq",
          [label],
        );
        ids.push(row.seq);
      }
      expect(ids[1]).toBeGreaterThan(ids[0]);
    });

    it('commits every change of a transaction together', async () => {
      const store = await start('commit');
      const result = await store.transaction(async (tx) => {
        await tx.run('INSERT INTO things (id, label) VALUES ($1, $2)', ['t1', 'device']);
        await tx.run("INSERT INTO events (seq, label) VALUES (nextval('event_seq'), $1)", ['created t1']);
        return (await tx.all<{ n: number }>('SELECT count(*) AS n FROM things'))[0].n;
      });
      expect(result).toBe(1);
      expect(await store.all('SELECT label FROM events')).toEqual([{ label: 'created t1' }]);
    });

    it('rolls back every change of a transaction that throws, and rethrows', async () => {
      const store = await start('rollback');
      await store.run('INSERT INTO things (id, label) VALUES ($1, $2)', ['t1', 'kept']);
      await expect(
        store.transaction(async (tx) => {
          await tx.run('UPDATE things SET label = $1 WHERE id = $2', ['changed', 't1']);
          await tx.run("INSERT INTO events (seq, label) VALUES (nextval('event_seq'), $1)", ['half']);
          await tx.run('INSERT INTO things (id, label) VALUES ($1, $2)', ['t1', 'duplicate key']);
        }),
      ).rejects.toThrow();
      expect(await store.all('SELECT id, label FROM things')).toEqual([{ id: 't1', label: 'kept' }]);
      expect(await store.all('SELECT label FROM events')).toEqual([]);
      // The store is usable after a rollback.
      await store.transaction((tx) => tx.run('UPDATE things SET label = $1', ['after']));
      expect(await store.all('SELECT label FROM things')).toEqual([{ label: 'after' }]);
    });

    it('runs concurrent transactions one after another: no lost update', async () => {
      const store = await start('serial');
      await store.run('INSERT INTO things (id, weight_kg) VALUES ($1, $2)', ['counter', 0]);
      await Promise.all(
        Array.from({ length: 20 }, () =>
          store.transaction(async (tx) => {
            const [row] = await tx.all<{ weight_kg: number }>('SELECT weight_kg FROM things WHERE id = $1', [
              'counter',
            ]);
            await tx.run('UPDATE things SET weight_kg = $1 WHERE id = $2', [row.weight_kg + 1, 'counter']);
          }),
        ),
      );
      expect(await store.all('SELECT weight_kg FROM things')).toEqual([{ weight_kg: 20 }]);
    });

    it('keeps committed changes across a close and reopen', async () => {
      const first = await start('reopen');
      await first.transaction((tx) =>
        tx.run('INSERT INTO things (id, label) VALUES ($1, $2)', ['t1', 'durable']),
      );
      await first.close();
      const second = await start('reopen');
      expect(await second.all('SELECT id, label FROM things')).toEqual([{ id: 't1', label: 'durable' }]);
    });
  });
}

const BASE: readonly StateMigration[] = [
  {
    id: '0001-things',
    up: `CREATE TABLE things (id TEXT PRIMARY KEY, label TEXT, weight_kg DOUBLE PRECISION, active BOOLEAN,
           created_at BIGINT, doc TEXT);
         CREATE SEQUENCE IF NOT EXISTS event_seq;
         CREATE TABLE events (seq BIGINT PRIMARY KEY, label TEXT NOT NULL)`,
  },
];

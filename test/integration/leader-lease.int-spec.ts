import { DuckDbStateStore, PostgresStateStore } from '@jct/storage';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  LEASE_MIGRATIONS,
  LeaseStore,
  StaleLeaderError,
} from '../../apps/service/src/leadership/lease-store';
import { usePostgres } from '../support/postgres';
import { waitFor } from '../harness/wait';

// The leader lease and its fencing token in a real PostgreSQL 15, as two instances see it.
const SHORT_LEASE_MS = 300;
const LONG_LEASE_MS = 60_000;

describe('leader lease in PostgreSQL', () => {
  const postgres = usePostgres();
  let a: PostgresStateStore;
  let b: PostgresStateStore;
  let database = 0;

  beforeEach(async () => {
    database += 1;
    const url = await postgres().createDatabase(`lease_${database}`);
    a = new PostgresStateStore({ url, queryTimeoutMs: 1_500, idleInTransactionTimeoutMs: 3_000 });
    b = new PostgresStateStore({ url, queryTimeoutMs: 1_500, idleInTransactionTimeoutMs: 3_000 });
    await Promise.all([a.init(LEASE_MIGRATIONS), b.init(LEASE_MIGRATIONS)]);
  });

  afterEach(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  it('the first instance gets token 1; the second finds it held; renewals keep the token', async () => {
    const [leaseA, leaseB] = [new LeaseStore(a), new LeaseStore(b)];
    expect(await leaseA.attempt('a', LONG_LEASE_MS)).toEqual({ outcome: 'granted', token: 1 });
    expect(await leaseB.attempt('b', LONG_LEASE_MS)).toEqual({ outcome: 'held-elsewhere' });
    expect(await leaseA.attempt('a', LONG_LEASE_MS)).toEqual({ outcome: 'granted', token: 1 });
  });

  it('once the grant expires the standby takes over with the next token and the old holder finds it held', async () => {
    const [leaseA, leaseB] = [new LeaseStore(a), new LeaseStore(b)];
    expect(await leaseA.attempt('a', SHORT_LEASE_MS)).toEqual({ outcome: 'granted', token: 1 });
    const takeover = await waitFor('b to take the expired lease over', async () => {
      const attempt = await leaseB.attempt('b', LONG_LEASE_MS);
      return attempt.outcome === 'granted' ? attempt : undefined;
    });
    expect(takeover).toEqual({ outcome: 'granted', token: 2 });
    expect(await leaseA.attempt('a', LONG_LEASE_MS)).toEqual({ outcome: 'held-elsewhere' });
  });

  it('a write fenced with a stale token is refused and rolled back; the current token commits', async () => {
    const [leaseA, leaseB] = [new LeaseStore(a), new LeaseStore(b)];
    await a.run('CREATE TABLE transitions (id TEXT PRIMARY KEY, token BIGINT)');
    await leaseA.attempt('a', SHORT_LEASE_MS);
    await waitFor(
      'b to take over',
      async () => (await leaseB.attempt('b', LONG_LEASE_MS)).outcome === 'granted',
    );
    const write = (store: PostgresStateStore, lease: LeaseStore, id: string, token: number) =>
      store.transaction(async (tx) => {
        await lease.fence(tx, token);
        await tx.run('INSERT INTO transitions (id, token) VALUES ($1, $2)', [id, token]);
      });
    await expect(write(a, leaseA, 'from-a', 1)).rejects.toBeInstanceOf(StaleLeaderError);
    await write(b, leaseB, 'from-b', 2);
    expect(await a.all('SELECT id, token FROM transitions')).toEqual([{ id: 'from-b', token: 2 }]);
  });

  it('a takeover waits for a fenced write in flight, which therefore commits under a valid token', async () => {
    const [leaseA, leaseB] = [new LeaseStore(a), new LeaseStore(b)];
    await leaseA.attempt('a', SHORT_LEASE_MS);
    let finishWrite!: () => void;
    const inside = new Promise<void>((resolve) => (finishWrite = resolve));
    let fenced!: () => void;
    const fencedNow = new Promise<void>((resolve) => (fenced = resolve));
    const order: string[] = [];
    const write = a
      .transaction(async (tx) => {
        await leaseA.fence(tx, 1);
        fenced();
        await inside;
      })
      .then(() => order.push('write committed'));
    await fencedNow;
    await waitFor('the grant to expire in the store', async () => {
      const rows = await b.all<{ expired: boolean }>(
        'SELECT expires_at <= CAST(extract(epoch FROM now()) * 1000 AS BIGINT) AS expired FROM leader_lease',
      );
      return rows[0]?.expired;
    });
    const takeover = leaseB.attempt('b', LONG_LEASE_MS).then((attempt) => {
      order.push('taken over');
      return attempt;
    });
    await waitFor('the takeover to wait on the locked lease row', async () => {
      const rows = await b.all<{ waiting: number }>(
        'SELECT COUNT(*) AS waiting FROM pg_locks WHERE NOT granted',
      );
      return rows[0].waiting > 0;
    });
    finishWrite();
    await write;
    expect(await takeover).toEqual({ outcome: 'granted', token: 2 });
    expect(order).toEqual(['write committed', 'taken over']);
  });

  it('of two standbys racing for an expired lease exactly one wins, every time', async () => {
    const [leaseA, leaseB] = [new LeaseStore(a), new LeaseStore(b)];
    for (let round = 1; round <= 20; round += 1) {
      const results = await Promise.all([
        leaseA.attempt('a', LONG_LEASE_MS),
        leaseB.attempt('b', LONG_LEASE_MS),
      ]);
      const winners = results.filter((result) => result.outcome === 'granted');
      expect(winners).toEqual([{ outcome: 'granted', token: round }]);
      // The winner steps down on purpose: the next round races again.
      await (results[0].outcome === 'granted' ? leaseA.release('a', round) : leaseB.release('b', round));
    }
  }, 30_000);

  it('a released lease is taken over at once, without waiting for its expiry', async () => {
    const [leaseA, leaseB] = [new LeaseStore(a), new LeaseStore(b)];
    await leaseA.attempt('a', LONG_LEASE_MS);
    await leaseA.release('a', 1);
    expect(await leaseB.attempt('b', LONG_LEASE_MS)).toEqual({ outcome: 'granted', token: 2 });
  });

  it('an attempt against a paused PostgreSQL fails within the query timeout', async () => {
    const leaseA = new LeaseStore(a);
    await leaseA.attempt('a', LONG_LEASE_MS);
    postgres().pause();
    try {
      const started = Date.now();
      expect(await leaseA.attempt('a', LONG_LEASE_MS)).toEqual({ outcome: 'failed' });
      expect(Date.now() - started).toBeLessThan(4_000);
    } finally {
      postgres().resume();
    }
  }, 30_000);
});

// The embedded default runs the same lease SQL: its single instance always leads.
describe('leader lease in the embedded DuckDB state store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jct-lease-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('grants the lease with token 1, renews it and refuses a write fenced with another token', async () => {
    const store = new DuckDbStateStore({ path: join(dir, 'state.duckdb') });
    try {
      await store.init(LEASE_MIGRATIONS);
      const lease = new LeaseStore(store);
      expect(await lease.attempt('only', LONG_LEASE_MS)).toEqual({ outcome: 'granted', token: 1 });
      expect(await lease.attempt('only', LONG_LEASE_MS)).toEqual({ outcome: 'granted', token: 1 });
      await store.transaction((tx) => lease.fence(tx, 1));
      await expect(store.transaction((tx) => lease.fence(tx, 2))).rejects.toBeInstanceOf(StaleLeaderError);
    } finally {
      await store.close();
    }
  });
});

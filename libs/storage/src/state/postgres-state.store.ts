import { Pool, types, type CustomTypesConfig, type PoolClient } from 'pg';
import { applyStateMigrations } from './migrations';
import type { StateMigration, StateQueries, StateStore, StateValue } from './state-store';

export interface PostgresStateStoreOptions {
  /** `postgres://user:password@host:port/database` (DATABASE_URL). */
  url: string;
  /** Connections this instance holds at most. */
  poolSize?: number;
  /** A connection attempt that takes longer fails (PostgreSQL down or unreachable). */
  connectTimeoutMs?: number;
  /**
   * A query that gets no answer for this long fails on our side (PostgreSQL paused, its host
   * cut off): callers such as the leader lease must learn of an outage in bounded time.
   */
  queryTimeoutMs?: number;
  /**
   * PostgreSQL ends a session that sits this long inside a transaction (its process paused or
   * cut off mid-transaction), releasing its row locks: a stalled leader cannot hold the lease row
   * locked and block a takeover for ever.
   */
  idleInTransactionTimeoutMs?: number;
  /** Shown in pg_stat_activity, to tell the instances' connections apart. */
  applicationName?: string;
}

// Parse BIGINT (oid 20) as a number, as the port promises: times are epoch milliseconds and
// counters stay far below 2^53. COUNT(*) is BIGINT too. Per pool, so nobody else's pg changes.
const INT8_OID = 20;
const typeParsers: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? Number
      : types.getTypeParser(oid, format)) as CustomTypesConfig['getTypeParser'],
};

// One fixed key for pg_advisory_lock: whoever holds it is the one instance applying migrations.
const MIGRATION_LOCK_KEY = 7_301_887_001;

/**
 * The state store on PostgreSQL (node-postgres pool): several instances share one state, with
 * PostgreSQL's durability (fsync, synchronous commit) behind every resolved write.
 */
export class PostgresStateStore implements StateStore {
  readonly description: string;
  private readonly pool: Pool;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: PostgresStateStoreOptions) {
    this.description = `PostgreSQL ${whereIs(options.url)}`;
    this.pool = new Pool({
      connectionString: options.url,
      max: options.poolSize ?? 5,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
      query_timeout: options.queryTimeoutMs ?? 10_000,
      options: `-c idle_in_transaction_session_timeout=${options.idleInTransactionTimeoutMs ?? 5_000}`,
      types: typeParsers,
      application_name: options.applicationName ?? 'jct',
    });
    // An idle connection that PostgreSQL closes (restart, failover) reports here; without a
    // listener node-postgres would crash the process. The pool drops it and connects anew.
    this.pool.on('error', () => undefined);
  }

  async init(migrations: readonly StateMigration[]): Promise<void> {
    const lockHolder = await this.pool.connect();
    try {
      // Two instances starting at once: the second waits here until the first has migrated,
      // then finds nothing pending.
      await lockHolder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      try {
        await applyStateMigrations(this, migrations);
      } finally {
        await lockHolder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      }
    } finally {
      lockHolder.release();
    }
  }

  all<Row = Record<string, unknown>>(sql: string, params: readonly StateValue[] = []): Promise<Row[]> {
    return rowsOf<Row>(this.pool, sql, params);
  }

  run(sql: string, params: readonly StateValue[] = []): Promise<number> {
    return countOf(this.pool, sql, params);
  }

  transaction<T>(work: (tx: StateQueries) => Promise<T>): Promise<T> {
    const result = this.queue.then(() => this.inTransaction(work));
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.pool.end();
  }

  private async inTransaction<T>(work: (tx: StateQueries) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const tx: StateQueries = {
        all: <Row>(sql: string, params: readonly StateValue[] = []) => rowsOf<Row>(client, sql, params),
        run: (sql: string, params: readonly StateValue[] = []) => countOf(client, sql, params),
      };
      const result = await work(tx);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      // A failed ROLLBACK means the connection is gone: do not hand it to the next caller.
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw err;
    } finally {
      client.release(broken);
    }
  }
}

type Queryable = Pick<Pool | PoolClient, 'query'>;

async function rowsOf<Row>(db: Queryable, sql: string, params: readonly StateValue[]): Promise<Row[]> {
  const result = await db.query(sql, [...params]);
  return result.rows as Row[];
}

async function countOf(db: Queryable, sql: string, params: readonly StateValue[]): Promise<number> {
  const result = await db.query(sql, [...params]);
  return result.rowCount ?? 0;
}

/** For logs and /health: where the database is, never who logs in (no user, no password). */
function whereIs(url: string): string {
  try {
    const { hostname, port, pathname } = new URL(url);
    return `${hostname}:${port || '5432'}${pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

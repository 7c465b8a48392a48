import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { applyStateMigrations } from './migrations';
import type { StateMigration, StateQueries, StateStore, StateValue } from './state-store';

export interface DuckDbStateStoreOptions {
  /** Database file; ':memory:' for a throw-away store. */
  path: string;
  memoryLimit?: string;
}

/**
 * The embedded state store: a DuckDB file of its own beside the telemetry database, so the
 * default run needs no server. DuckDB commits through its write-ahead log, synced at COMMIT, so
 * a SIGKILL after a transaction resolved keeps it and one before keeps none of it.
 *
 * One connection does everything and transactions are queued on it: the state is small, its
 * writes are rare next to telemetry, and a single writer has no conflicts to retry.
 */
export class DuckDbStateStore implements StateStore {
  readonly description = 'duckdb (embedded)';
  private instance?: DuckDBInstance;
  private connection?: DuckDBConnection;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: DuckDbStateStoreOptions) {}

  async init(migrations: readonly StateMigration[]): Promise<void> {
    if (this.options.path !== ':memory:') await mkdir(dirname(this.options.path), { recursive: true });
    this.instance = await DuckDBInstance.create(this.options.path, {
      memory_limit: this.options.memoryLimit ?? '64MB',
      threads: '1',
    });
    this.connection = await this.instance.connect();
    await applyStateMigrations(this, migrations);
  }

  all<Row = Record<string, unknown>>(sql: string, params: readonly StateValue[] = []): Promise<Row[]> {
    return this.serialised(() => readRows<Row>(this.open(), sql, params));
  }

  run(sql: string, params: readonly StateValue[] = []): Promise<number> {
    return this.serialised(() => runStatement(this.open(), sql, params));
  }

  transaction<T>(work: (tx: StateQueries) => Promise<T>): Promise<T> {
    return this.serialised(async () => {
      const connection = this.open();
      await connection.run('BEGIN TRANSACTION');
      let done = false;
      const tx: StateQueries = {
        all: <Row>(sql: string, params: readonly StateValue[] = []) => {
          if (done) throw new Error('State transaction already ended');
          return readRows<Row>(connection, sql, params);
        },
        run: (sql: string, params: readonly StateValue[] = []) => {
          if (done) throw new Error('State transaction already ended');
          return runStatement(connection, sql, params);
        },
      };
      try {
        const result = await work(tx);
        done = true;
        await connection.run('COMMIT');
        return result;
      } catch (error) {
        done = true;
        await connection.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    this.connection?.closeSync();
    this.instance?.closeSync();
    this.connection = undefined;
    this.instance = undefined;
  }

  private serialised<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private open(): DuckDBConnection {
    if (!this.connection) throw new Error('State store is not open');
    return this.connection;
  }
}

function bind(params: readonly StateValue[]): DuckDBValue[] {
  return params.map((value) => value);
}

async function readRows<Row>(
  connection: DuckDBConnection,
  sql: string,
  params: readonly StateValue[],
): Promise<Row[]> {
  const reader = await connection.runAndReadAll(sql, bind(params));
  return reader.getRowObjectsJS().map((row) => plain(row) as Row);
}

async function runStatement(
  connection: DuckDBConnection,
  sql: string,
  params: readonly StateValue[],
): Promise<number> {
  const result = await connection.run(sql, bind(params));
  return Number(result.rowsChanged);
}

/** BIGINT comes back as bigint: the port promises numbers (times and counters stay below 2^53). */
function plain(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row))
    out[key] = typeof value === 'bigint' ? Number(value) : value;
  return out;
}

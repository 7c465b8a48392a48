/**
 * The operational state store: registry, audit log and (as they move behind it) alerts, outbox,
 * comments, silences, API keys and crossing history. One port, two implementations: DuckDB in
 * the data folder (the zero-setup default) and PostgreSQL (several instances sharing one state).
 *
 * The port is SQL because both engines speak nearly the same dialect; repositories are written
 * once against this portable subset:
 * - parameters as `$1, $2, …`; `RETURNING`; `INSERT … ON CONFLICT (…) DO UPDATE/NOTHING`;
 * - types `TEXT`, `BIGINT` (epoch milliseconds for times), `DOUBLE PRECISION`, `BOOLEAN`, and
 *   JSON kept as `TEXT` (serialised by the repository) so both engines store it the same way;
 * - ids from sequences: `CREATE SEQUENCE IF NOT EXISTS s` and `nextval('s')`.
 *
 * Rows come back as plain objects with lower-case column names; BIGINT columns as `number`
 * (times and counters stay far below 2^53).
 */
export interface StateQueries {
  /** Rows of a query. */
  all<Row = Record<string, unknown>>(sql: string, params?: readonly StateValue[]): Promise<Row[]>;
  /** Runs a statement; the number of rows it changed. */
  run(sql: string, params?: readonly StateValue[]): Promise<number>;
}

export type StateValue = string | number | boolean | null;

/** One schema step. Ids sort in the order they apply (e.g. `0001-registry`); never edit one that shipped. */
export interface StateMigration {
  id: string;
  /** Portable DDL, one or more statements separated by `;`. */
  up: string;
}

export interface StateStore extends StateQueries {
  readonly description: string;
  /**
   * Opens the store and applies the migrations not yet applied, in id order, each in its own
   * transaction. Safe when two instances start at once (the PostgreSQL store holds a lock).
   */
  init(migrations: readonly StateMigration[]): Promise<void>;
  /**
   * Runs `work` in one transaction: all of its changes are durable when the promise resolves,
   * or none is (a throw rolls back; a crash before commit leaves nothing half-applied).
   * Transactions are serialised in this process.
   */
  transaction<T>(work: (tx: StateQueries) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

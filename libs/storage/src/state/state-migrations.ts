import { Umzug, type UmzugStorage } from 'umzug';
import type { StateMigration, StateQueries } from './state-store';

/**
 * Applies the state migrations not yet applied, in id order, with umzug deciding what is pending.
 * Shared by both state stores so the embedded and the PostgreSQL schema grow from the same list.
 *
 * Each migration and its ledger row commit in one transaction (both engines have transactional
 * DDL), so a crash mid-migration leaves it pending, never half-applied and never recorded twice.
 * The caller makes it safe against a second instance (PostgreSQL: an advisory lock around it).
 * Returns the ids applied by this call.
 */
export async function applyStateMigrations(
  store: StateQueries & { transaction<T>(work: (tx: StateQueries) => Promise<T>): Promise<T> },
  migrations: readonly StateMigration[],
): Promise<string[]> {
  const ordered = checkedOrder(migrations);
  await store.run(`CREATE TABLE IF NOT EXISTS ${LEDGER} (id TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)`);

  const storage: UmzugStorage = {
    executed: async () =>
      (await store.all<{ id: string }>(`SELECT id FROM ${LEDGER} ORDER BY id`)).map((row) => row.id),
    // Recorded inside the migration's own transaction (below), not after it.
    logMigration: async () => undefined,
    unlogMigration: () => Promise.reject(new Error('state migrations are forward-only')),
  };
  const umzug = new Umzug({
    migrations: ordered.map((migration) => ({
      name: migration.id,
      up: () =>
        store.transaction(async (tx) => {
          for (const statement of statements(migration.up)) await tx.run(statement);
          await tx.run(`INSERT INTO ${LEDGER} (id, applied_at) VALUES ($1, $2)`, [migration.id, Date.now()]);
        }),
    })),
    storage,
    logger: undefined,
  });
  const applied = await umzug.up();
  return applied.map((migration) => migration.name);
}

/** The table that records which migrations ran. */
export const LEDGER = 'state_migrations';

function checkedOrder(migrations: readonly StateMigration[]): StateMigration[] {
  const ids = new Set<string>();
  for (const migration of migrations) {
    if (ids.has(migration.id)) throw new Error(`state migration ${migration.id} is listed twice`);
    ids.add(migration.id);
  }
  return [...migrations].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The port's migrations are plain DDL separated by `;` (no string literal holds one). */
function statements(up: string): string[] {
  return up
    .split(';')
    .map((statement) => statement.trim())
    .filter((statement) => statement !== '');
}

import { Umzug } from 'umzug';
import type { StateMigration, StateStore } from './state-store';

const LEDGER = 'state_migrations';

/**
 * Applies the migrations not yet recorded, in id order, with umzug keeping the order and the
 * ledger. Each step runs in one transaction with its ledger row, so a crash between the two
 * cannot leave a step applied but unrecorded (umzug's own `logMigration` is then a no-op).
 * Both engines run DDL inside transactions.
 */
export async function applyStateMigrations(
  store: Pick<StateStore, 'all' | 'run' | 'transaction'>,
  migrations: readonly StateMigration[],
): Promise<string[]> {
  assertWellFormed(migrations);
  await store.run(`CREATE TABLE IF NOT EXISTS ${LEDGER} (id TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)`);
  const umzug = new Umzug<Record<string, never>>({
    migrations: [...migrations]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((migration) => ({
        name: migration.id,
        up: () =>
          store.transaction(async (tx) => {
            for (const statement of statementsOf(migration.up)) await tx.run(statement);
            await tx.run(`INSERT INTO ${LEDGER} (id, applied_at) VALUES ($1, $2)`, [
              migration.id,
              Date.now(),
            ]);
          }),
      })),
    context: {},
    logger: undefined,
    storage: {
      executed: async () =>
        (await store.all<{ id: string }>(`SELECT id FROM ${LEDGER} ORDER BY id`)).map((row) => row.id),
      logMigration: async () => undefined,
      unlogMigration: async ({ name }) => {
        await store.run(`DELETE FROM ${LEDGER} WHERE id = $1`, [name]);
      },
    },
  });
  return (await umzug.up()).map((step) => step.name);
}

/** Splits DDL at `;` ending a line. Migrations hold no string literal with one in it. */
export function statementsOf(sql: string): string[] {
  return sql
    .split(/;\s*(?:\n|$)/)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

function assertWellFormed(migrations: readonly StateMigration[]): void {
  const seen = new Set<string>();
  for (const { id } of migrations) {
    if (!/^\d{4}-[a-z0-9-]+$/.test(id))
      throw new Error(`State migration id "${id}" must look like 0001-name`);
    if (seen.has(id)) throw new Error(`State migration id "${id}" is listed twice`);
    seen.add(id);
  }
}

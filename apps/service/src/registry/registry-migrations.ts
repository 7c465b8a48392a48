import type { StateMigration } from '@jct/storage';

/**
 * The registry's tables in the state store. Times are epoch milliseconds; JSON is TEXT. Never edit
 * a migration that shipped: add the next one.
 */
export const REGISTRY_MIGRATIONS: readonly StateMigration[] = [
  {
    id: '0010-registry-devices',
    up: `CREATE TABLE IF NOT EXISTS registry_devices (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      asset TEXT NOT NULL,
      location TEXT,
      secret_hash TEXT NOT NULL,
      status TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      created_by TEXT NOT NULL,
      secret_set_at BIGINT NOT NULL,
      revoked_at BIGINT
    )`,
  },
  {
    id: '0011-audit-log',
    up: `CREATE SEQUENCE IF NOT EXISTS audit_log_ids;
    CREATE TABLE IF NOT EXISTS audit_log (
      id BIGINT PRIMARY KEY,
      changed_at BIGINT NOT NULL,
      who TEXT NOT NULL,
      action TEXT NOT NULL,
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      before_json TEXT,
      after_json TEXT
    )`,
  },
];

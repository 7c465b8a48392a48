import type { StateMigration } from '@jct/storage';

/**
 * The shipments' tables. `shipment_holds` enforces, in both engines, that a container number and a
 * tracker belong to at most one active (planned or in transit) shipment: its key is the primary key
 * (`container:MSKU1234565`, `tracker:CONT-07`), inserted with the shipment and deleted when it ends.
 * A partial unique index would say the same, but DuckDB has none.
 */
export const SHIPMENT_MIGRATIONS: StateMigration[] = [
  {
    id: '0100-shipments',
    up: `
      CREATE SEQUENCE IF NOT EXISTS shipment_ids;
      CREATE TABLE shipments (
        id TEXT PRIMARY KEY,
        container_number TEXT NOT NULL,
        owner TEXT NOT NULL,
        cargo_profile TEXT NOT NULL,
        overrides TEXT NOT NULL,
        trackers TEXT NOT NULL,
        legs TEXT NOT NULL,
        description TEXT,
        state TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        started_at BIGINT,
        ended_at BIGINT
      );
      CREATE TABLE shipment_holds (key TEXT PRIMARY KEY, shipment_id TEXT NOT NULL);
      CREATE TABLE shipment_audit (
        changed_at BIGINT NOT NULL,
        person_id TEXT NOT NULL,
        shipment_id TEXT NOT NULL,
        action TEXT NOT NULL,
        before_json TEXT,
        after_json TEXT
      )`,
  },
];

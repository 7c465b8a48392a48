import type { Silence, SilenceMatchers } from '@jct/rules';
import type { StateMigration, StateQueries, StateStore } from '@jct/storage';

/** The silences' tables in the operational state store; a step that shipped is never edited. */
export const SILENCE_MIGRATIONS: readonly StateMigration[] = [
  {
    id: '0014-silences',
    up: `
      CREATE TABLE silences (
        id TEXT PRIMARY KEY,
        matchers TEXT NOT NULL,
        starts_at BIGINT NOT NULL,
        ends_at BIGINT NOT NULL,
        comment TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expired_at BIGINT,
        expired_by TEXT
      );
      CREATE TABLE silence_audit (
        silence_id TEXT NOT NULL,
        action TEXT NOT NULL,
        by_person TEXT NOT NULL,
        at_ms BIGINT NOT NULL,
        PRIMARY KEY (silence_id, action)
      )`,
  },
];

/** Who did what to a silence, when: created, expired early by a person, or ended by itself. */
export interface SilenceAuditEntry {
  silenceId: string;
  action: 'created' | 'expired' | 'ended';
  by: string;
  at: number;
}

interface SilenceRow {
  id: string;
  matchers: string;
  starts_at: number;
  ends_at: number;
  comment: string;
  created_by: string;
  created_at: number;
  expired_at: number | null;
  expired_by: string | null;
}

const fromRow = (row: SilenceRow): Silence => ({
  id: row.id,
  matchers: JSON.parse(row.matchers) as SilenceMatchers,
  startsAt: Number(row.starts_at),
  endsAt: Number(row.ends_at),
  comment: row.comment,
  createdBy: row.created_by,
  createdAt: Number(row.created_at),
  ...(row.expired_at !== null ? { expiredAt: Number(row.expired_at) } : {}),
  ...(row.expired_by !== null ? { expiredBy: row.expired_by } : {}),
});

const audit = (tx: StateQueries, entry: SilenceAuditEntry) =>
  tx.run(
    'INSERT INTO silence_audit (silence_id, action, by_person, at_ms) VALUES ($1, $2, $3, $4) ON CONFLICT (silence_id, action) DO NOTHING',
    [entry.silenceId, entry.action, entry.by, entry.at],
  );

/** Silences and their audit trail; each change and its audit row in one transaction. */
export class SilenceStore {
  constructor(private readonly store: StateStore) {}

  async all(): Promise<Silence[]> {
    return (await this.store.all<SilenceRow>('SELECT * FROM silences ORDER BY created_at, id')).map(fromRow);
  }

  async create(silence: Silence): Promise<void> {
    await this.store.transaction(async (tx) => {
      await tx.run(
        'INSERT INTO silences (id, matchers, starts_at, ends_at, comment, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [
          silence.id,
          JSON.stringify(silence.matchers),
          silence.startsAt,
          silence.endsAt,
          silence.comment,
          silence.createdBy,
          silence.createdAt,
        ],
      );
      await audit(tx, {
        silenceId: silence.id,
        action: 'created',
        by: silence.createdBy,
        at: silence.createdAt,
      });
    });
  }

  /** Ends a silence early; false when it had ended already (nothing changes then). */
  async expire(id: string, by: string, at: number): Promise<boolean> {
    return this.store.transaction(async (tx) => {
      const changed = await tx.run(
        'UPDATE silences SET expired_at = $2, expired_by = $3 WHERE id = $1 AND expired_at IS NULL AND ends_at > $2',
        [id, at, by],
      );
      if (changed > 0) await audit(tx, { silenceId: id, action: 'expired', by, at });
      return changed > 0;
    });
  }

  /** Records that a silence ended by itself at its end; once, however often it is called. */
  async recordEnded(silenceId: string, at: number): Promise<void> {
    await this.store.transaction((tx) => audit(tx, { silenceId, action: 'ended', by: 'service', at }));
  }

  async auditOf(silenceId: string): Promise<SilenceAuditEntry[]> {
    const rows = await this.store.all<{
      silence_id: string;
      action: string;
      by_person: string;
      at_ms: number;
    }>('SELECT * FROM silence_audit WHERE silence_id = $1 ORDER BY at_ms, action', [silenceId]);
    return rows.map((row) => ({
      silenceId: row.silence_id,
      action: row.action as SilenceAuditEntry['action'],
      by: row.by_person,
      at: Number(row.at_ms),
    }));
  }
}

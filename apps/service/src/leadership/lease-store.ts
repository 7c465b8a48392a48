import type { StateMigration, StateQueries } from '@jct/storage';
import type { LeaseAttempt } from './leader-lease';

/** One row per lease; the token only ever grows, by one for each new holder (fencing token). */
export const LEASE_MIGRATIONS: readonly StateMigration[] = [
  {
    id: '0050-leader-lease',
    up: `CREATE TABLE IF NOT EXISTS leader_lease (
      name TEXT PRIMARY KEY,
      holder TEXT NOT NULL,
      token BIGINT NOT NULL,
      expires_at BIGINT NOT NULL,
      acquired_at BIGINT NOT NULL
    )`,
  },
];

/** The lease that decides which instance evaluates alert rules and sends mail. */
export const ALERTS_LEASE = 'alerts';

/** A leader-only write carried a token that is no longer the lease's: another instance leads. */
export class StaleLeaderError extends Error {
  override readonly name = 'StaleLeaderError';
  constructor(lease: string, token: number) {
    super(`fencing token ${token} of lease "${lease}" is stale: another instance leads now`);
  }
}

// The store's clock, in epoch ms, in SQL both engines accept. Only the store's clock decides
// expiry, so the instances' clocks may disagree (only their rates matter, see leader-lease.ts).
const STORE_NOW = 'CAST(extract(epoch FROM now()) * 1000 AS BIGINT)';

// One statement, so the check and the grant cannot interleave with another instance's: a new
// row, a renewal by the holder, or a takeover of an expired lease with the next token. A lease
// held by another and not expired changes nothing and returns no row. PostgreSQL re-checks the
// WHERE on the newest row version when two instances race (read committed), so only one wins.
const ATTEMPT = `
INSERT INTO leader_lease (name, holder, token, expires_at, acquired_at)
VALUES ($1, $2, 1, ${STORE_NOW} + $3, ${STORE_NOW})
ON CONFLICT (name) DO UPDATE SET
  token = CASE WHEN leader_lease.holder = excluded.holder AND leader_lease.expires_at > excluded.acquired_at
               THEN leader_lease.token ELSE leader_lease.token + 1 END,
  acquired_at = CASE WHEN leader_lease.holder = excluded.holder AND leader_lease.expires_at > excluded.acquired_at
               THEN leader_lease.acquired_at ELSE excluded.acquired_at END,
  holder = excluded.holder,
  expires_at = excluded.expires_at
WHERE leader_lease.holder = excluded.holder OR leader_lease.expires_at <= excluded.acquired_at
RETURNING token`;

/** The lease's rows on the state store port. */
export class LeaseStore {
  constructor(
    private readonly store: StateQueries,
    readonly lease: string = ALERTS_LEASE,
  ) {}

  /** Takes or renews the lease for `holder`; a store that does not answer is a failed attempt. */
  async attempt(holder: string, durationMs: number): Promise<LeaseAttempt> {
    try {
      const rows = await this.store.all<{ token: number }>(ATTEMPT, [this.lease, holder, durationMs]);
      return rows.length === 1 ? { outcome: 'granted', token: rows[0].token } : { outcome: 'held-elsewhere' };
    } catch {
      return { outcome: 'failed' };
    }
  }

  /** Ends our grant now (a leader stepping down on purpose), so a standby need not wait for it. */
  async release(holder: string, token: number): Promise<void> {
    await this.store.run(
      'UPDATE leader_lease SET expires_at = 0 WHERE name = $1 AND holder = $2 AND token = $3',
      [this.lease, holder, token],
    );
  }

  /**
   * Call first inside the transaction of a leader-only write. The no-op update locks the lease
   * row until the transaction ends, so a takeover waits for this write to commit or roll back;
   * a stale token throws StaleLeaderError and the transaction rolls back.
   */
  async fence(tx: StateQueries, token: number): Promise<void> {
    const changed = await tx.run('UPDATE leader_lease SET token = token WHERE name = $1 AND token = $2', [
      this.lease,
      token,
    ]);
    if (changed !== 1) throw new StaleLeaderError(this.lease, token);
  }
}

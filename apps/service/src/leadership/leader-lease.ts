/**
 * The leader lease, pure: what this instance believes about its role, given the outcome of each
 * attempt to take or renew the lease and the time. No I/O and no clock of its own; times are
 * this process's monotonic milliseconds, passed in.
 *
 *   standby ──attempt granted──▶ leader ──renewal granted──▶ leader (deadline moves on)
 *      ▲                            │
 *      └──── deadline passed, lease held by another, or broker lost ────┘
 *
 * Why it is safe (docs/architecture.md, "Leader lease"): the store grants a lease until its own
 * now + durationMs, and its now is later than the moment we sent the request. We lead only until
 * sentAt + durationMs − marginMs by our own clock, so we stop before any other instance can take
 * the lease over, as long as our clock does not run slow by more than the margin over one lease
 * (clock rates differ by parts per million; the margin also absorbs our own timer's lateness).
 * What slips through anyway (a process paused between check and write) is refused by the store:
 * every leader-only write carries the fencing token, and a takeover has a higher one.
 */
export interface LeaseTiming {
  /** How long a grant lasts in the store, from the store's now. */
  durationMs: number;
  /** How often the leader renews and a standby tries to take over. */
  renewEveryMs: number;
  /** A renewal with no answer after this long has failed (the store's query timeout). */
  renewTimeoutMs: number;
  /** Slack for clock-rate drift and timer lateness between our deadline and the grant's end. */
  marginMs: number;
}

export type LeaseRole = 'leader' | 'standby';

export interface LeaseState {
  role: LeaseRole;
  /** The fencing token of our grant, while leader. */
  token?: number;
  /** Monotonic ms after which we no longer lead unless a renewal was granted meanwhile. */
  leadUntil?: number;
  /** Monotonic ms when this leadership began. */
  leaderSince?: number;
  /** How many times this instance became leader. */
  acquisitions: number;
}

/** What one attempt to take or renew the lease came to. */
export type LeaseAttempt =
  | { outcome: 'granted'; token: number }
  /** Another instance holds an unexpired lease. */
  | { outcome: 'held-elsewhere' }
  /** No answer: the store is unreachable, paused or timed out. */
  | { outcome: 'failed' };

export const INITIAL_LEASE: LeaseState = { role: 'standby', acquisitions: 0 };

/**
 * The timing rules, each a sentence for the configuration error; empty when the timing is sound.
 * A healthy leader must get a renewal answered before its deadline, even when one renewal is
 * lost: renewEvery·2 + renewTimeout < duration − margin.
 */
export function leaseTimingProblems(timing: LeaseTiming): string[] {
  const { durationMs, renewEveryMs, renewTimeoutMs, marginMs } = timing;
  const problems: string[] = [];
  if (marginMs <= 0) problems.push('the margin must be positive');
  if (2 * renewEveryMs + renewTimeoutMs >= durationMs - marginMs)
    problems.push(
      `two renewal intervals plus the renewal timeout (${2 * renewEveryMs + renewTimeoutMs} ms) must be ` +
        `shorter than the lease duration minus the margin (${durationMs - marginMs} ms), or a healthy leader loses its lease`,
    );
  return problems;
}

/**
 * The state after an attempt that was sent at `sentAt` (monotonic ms). Attempts run one at a
 * time, so answers arrive in order.
 */
export function afterAttempt(
  state: LeaseState,
  sentAt: number,
  attempt: LeaseAttempt,
  timing: LeaseTiming,
): LeaseState {
  switch (attempt.outcome) {
    case 'granted': {
      const continuing = state.role === 'leader' && state.token === attempt.token;
      return {
        role: 'leader',
        token: attempt.token,
        leadUntil: sentAt + timing.durationMs - timing.marginMs,
        leaderSince: continuing ? state.leaderSince : sentAt,
        acquisitions: continuing ? state.acquisitions : state.acquisitions + 1,
      };
    }
    case 'held-elsewhere':
      return standby(state);
    case 'failed':
      // Keep leading until the deadline of the last grant: the store may be back in time.
      return state;
  }
}

/**
 * The role at `now`: a leader past its deadline, or one that lost the broker (it could neither
 * hear readings nor publish the crossing status), is a standby from this moment.
 */
export function roleAt(state: LeaseState, now: number, brokerConnected: boolean): LeaseState {
  if (state.role !== 'leader') return state;
  if (!brokerConnected || now >= state.leadUntil!) return standby(state);
  return state;
}

/** How long this leader has held the lease, ms (0 while standby). */
export function leaseAgeMs(state: LeaseState, now: number): number {
  return state.role === 'leader' ? Math.max(0, now - state.leaderSince!) : 0;
}

function standby(state: LeaseState): LeaseState {
  return { role: 'standby', acquisitions: state.acquisitions };
}

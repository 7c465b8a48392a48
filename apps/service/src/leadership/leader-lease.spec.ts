import {
  afterAttempt,
  INITIAL_LEASE,
  leaseAgeMs,
  leaseTimingProblems,
  roleAt,
  type LeaseAttempt,
  type LeaseState,
  type LeaseTiming,
} from './leader-lease';

// The shipped timing: a 5 s lease, renewed every second, a renewal timing out after 1.5 s, 1 s margin.
const TIMING: LeaseTiming = {
  durationMs: 5_000,
  renewEveryMs: 1_000,
  renewTimeoutMs: 1_500,
  marginMs: 1_000,
};
const granted = (token: number): LeaseAttempt => ({ outcome: 'granted', token });
const FAILED: LeaseAttempt = { outcome: 'failed' };
const ELSEWHERE: LeaseAttempt = { outcome: 'held-elsewhere' };

/** Applies attempts [sentAt, outcome] in order, as the lease service does. */
function attempts(steps: [sentAt: number, attempt: LeaseAttempt][], start: LeaseState = INITIAL_LEASE) {
  return steps.reduce((state, [sentAt, attempt]) => afterAttempt(state, sentAt, attempt, TIMING), start);
}

describe('leader lease', () => {
  it.each<[string, [sentAt: number, attempt: LeaseAttempt][], LeaseState]>([
    [
      'a standby whose attempt is granted → leads until sentAt + duration − margin, with the token',
      [[10_000, granted(7)]],
      { role: 'leader', token: 7, leadUntil: 14_000, leaderSince: 10_000, acquisitions: 1 },
    ],
    [
      'a granted renewal → the deadline moves on; leadership, token and start are kept',
      [
        [10_000, granted(7)],
        [11_000, granted(7)],
      ],
      { role: 'leader', token: 7, leadUntil: 15_000, leaderSince: 10_000, acquisitions: 1 },
    ],
    [
      'the lease found held by another instance → standby at once, whatever the deadline',
      [
        [10_000, granted(7)],
        [11_000, ELSEWHERE],
      ],
      { role: 'standby', acquisitions: 1 },
    ],
    [
      'a grant with a new token after losing the lease → a second leadership',
      [
        [10_000, granted(7)],
        [11_000, ELSEWHERE],
        [30_000, granted(9)],
      ],
      { role: 'leader', token: 9, leadUntil: 34_000, leaderSince: 30_000, acquisitions: 2 },
    ],
    ['a standby whose attempt fails → stays standby', [[10_000, FAILED]], INITIAL_LEASE],
  ])('%s', (_case, steps, expected) => {
    expect(attempts(steps)).toEqual(expected);
  });

  it.each<[string, number, boolean, 'leader' | 'standby']>([
    ['one millisecond before the deadline, broker up → still leader', 13_999, true, 'leader'],
    [
      'exactly at the deadline → standby (the grant may be taken over a margin later)',
      14_000,
      true,
      'standby',
    ],
    ['before the deadline but the broker is lost → standby', 11_000, false, 'standby'],
  ])('%s', (_case, now, brokerUp, role) => {
    expect(roleAt(attempts([[10_000, granted(7)]]), now, brokerUp).role).toBe(role);
  });

  it('failed renewals keep the leadership only until the last grant’s deadline (the store cut off)', () => {
    const state = attempts([
      [10_000, granted(7)],
      [11_000, FAILED],
      [12_000, FAILED],
      [13_500, FAILED],
    ]);
    expect(roleAt(state, 13_999, true).role).toBe('leader');
    expect(roleAt(state, 14_000, true)).toEqual({ role: 'standby', acquisitions: 1 });
  });

  it('lease age: time since this leadership began; 0 while standby', () => {
    const state = attempts([
      [10_000, granted(7)],
      [11_000, granted(7)],
    ]);
    expect(leaseAgeMs(state, 12_500)).toBe(2_500);
    expect(leaseAgeMs(INITIAL_LEASE, 12_500)).toBe(0);
  });

  it.each<[string, Partial<LeaseTiming>, RegExp | undefined]>([
    ['the shipped timing (5 s, every 1 s, 1.5 s timeout, 1 s margin) → sound', {}, undefined],
    [
      '2 × renewal + timeout exactly at duration − margin → refused',
      { renewTimeoutMs: 2_000 },
      /must be shorter/,
    ],
    ['a lease shorter than one renewal timeout → refused', { durationMs: 1_000 }, /must be shorter/],
    ['no margin → refused', { marginMs: 0 }, /margin must be positive/],
  ])('timing: %s', (_case, change, problem) => {
    const problems = leaseTimingProblems({ ...TIMING, ...change });
    if (problem) expect(problems.join('\n')).toMatch(problem);
    else expect(problems).toEqual([]);
  });
});

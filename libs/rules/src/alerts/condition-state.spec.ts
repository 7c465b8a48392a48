// The machine carries a reason and never reads it: these cases give it plain strings.
import { step, type ConditionState, type Observation, type StepResult } from './condition-state';
import { thresholdBreached, type Threshold } from './threshold';

const T0 = Date.UTC(2026, 0, 20, 3, 0, 0);
const MIN = 60_000;
// Ice thinner than 100 cm for 10 minutes fires; it clears above 102 cm (hysteresis).
const threshold: Threshold = { direction: 'below', trigger: 100, clear: 102 };

/** Feeds thickness readings (minutes after T0, cm) through the machine the way the engine does. */
function run(
  readings: [minute: number, cm: number][],
  options: Partial<Observation<string>> = {},
  start?: ConditionState<string>,
) {
  let state = start;
  const results: StepResult<string>[] = [];
  for (const [minute, cm] of readings) {
    const firing = state?.phase === 'firing';
    const result = step(state, {
      ts: T0 + minute * MIN,
      breached: thresholdBreached(cm, threshold, firing),
      severity: 'major',
      forMs: 10 * MIN,
      reason: `${cm} cm`,
      value: cm,
      ...options,
    });
    results.push(result);
    state = result.state;
  }
  return {
    state: state!,
    transitions: results.flatMap((r) => (r.transition ? [r.transition.kind] : [])),
    results,
  };
}

describe('condition state machine', () => {
  it.each<[string, [number, number][], string, string[]]>([
    [
      'value exactly at the trigger level → not a breach',
      [
        [0, 100],
        [20, 100],
      ],
      'normal',
      [],
    ],
    ['one below the trigger → pending', [[0, 99]], 'pending', []],
    [
      'breach held one tick less than the duration → still pending',
      [
        [0, 99],
        [9.99999, 99],
      ],
      'pending',
      [],
    ],
    [
      'breach held exactly the duration → firing once',
      [
        [0, 99],
        [10, 99],
      ],
      'firing',
      ['firing'],
    ],
    [
      'breach held beyond the duration → one firing, no repeat',
      [
        [0, 99],
        [10, 99],
        [11, 98],
        [12, 97],
      ],
      'firing',
      ['firing'],
    ],
    [
      'breach interrupted before the duration → back to normal, no alert',
      [
        [0, 99],
        [5, 101],
        [12, 99],
      ],
      'pending',
      [],
    ],
    [
      'firing, value between trigger and clear → stays firing (hysteresis)',
      [
        [0, 99],
        [10, 99],
        [11, 101],
      ],
      'firing',
      ['firing'],
    ],
    [
      'firing, value past the clear level → resolved',
      [
        [0, 99],
        [10, 99],
        [11, 103],
      ],
      'normal',
      ['firing', 'resolved'],
    ],
    [
      'firing, exactly at the clear level → stays firing',
      [
        [0, 99],
        [10, 99],
        [11, 102],
      ],
      'firing',
      ['firing'],
    ],
  ])('%s', (_case, readings, phase, transitions) => {
    const outcome = run(readings);
    expect(outcome.state.phase).toBe(phase);
    expect(outcome.transitions).toEqual(transitions);
  });

  it('an out-of-order reading changes nothing: the duration is not cut or stretched', () => {
    // Breach from minute 0; a late reading from minute -5 (normal value) arrives after minute 6.
    const outcome = run([
      [0, 99],
      [6, 99],
      [-5, 110],
      [10, 99],
    ]);
    expect(outcome.transitions).toEqual(['firing']);
    expect(outcome.results[2].changed).toBe(false);
    expect(outcome.results[2].state).toEqual(outcome.results[1].state);
  });

  it('readings of one breach arriving newest first fire once, when their span reaches the duration', () => {
    const outcome = run([
      [10, 99],
      [8, 99],
      [5, 99],
      [1, 99],
      [0, 99],
      [3, 99],
    ]);
    expect(outcome.transitions).toEqual(['firing']);
    expect(outcome.results.findIndex((r) => r.transition)).toBe(4); // at the reading from minute 0
    expect(outcome.state.breachSince).toBe(T0);
  });

  it('a late breach older than the last clear reading does not stretch the breach back', () => {
    // Clear at minute 2, breach from minute 5; a late breach from minute 1 is older than the clear.
    const outcome = run([
      [2, 110],
      [5, 99],
      [1, 99],
      [14, 99],
    ]);
    expect(outcome.transitions).toEqual([]);
    expect(outcome.state.breachSince).toBe(T0 + 5 * MIN);
    expect(
      run([
        [2, 110],
        [5, 99],
        [1, 99],
        [15, 99],
      ]).transitions,
    ).toEqual(['firing']);
  });

  it('a repeated reading (same timestamp) is ignored', () => {
    const outcome = run([
      [0, 99],
      [0, 110],
      [10, 99],
    ]);
    expect(outcome.transitions).toEqual(['firing']);
  });

  it('a gap in the data longer than maxGapMs restarts a pending breach', () => {
    const outcome = run(
      [
        [0, 99],
        [8, 99],
        [30, 99],
        [39, 99],
      ],
      { maxGapMs: 15 * MIN },
    );
    expect(outcome.state.phase).toBe('pending');
    expect(outcome.state.breachSince).toBe(T0 + 30 * MIN);
    expect(
      run(
        [
          [0, 99],
          [8, 99],
          [30, 99],
          [40, 99],
        ],
        { maxGapMs: 15 * MIN },
      ).transitions,
    ).toEqual(['firing']);
  });

  it('a gap no longer than maxGapMs keeps the breach continuous', () => {
    expect(
      run(
        [
          [0, 99],
          [15, 99],
        ],
        { maxGapMs: 15 * MIN },
      ).transitions,
    ).toEqual(['firing']);
  });

  it('a restart in the middle of a pending period continues the same duration', () => {
    const before = run([
      [0, 99],
      [4, 99],
    ]);
    // The engine persists the state as JSON and reads it back after the restart.
    const restored = JSON.parse(JSON.stringify(before.state)) as ConditionState<string>;
    const after = run(
      [
        [9, 99],
        [10, 99],
      ],
      {},
      restored,
    );
    expect(after.transitions).toEqual(['firing']);
    expect(after.results[1].transition?.at).toBe(T0 + 10 * MIN);
    expect(after.state.breachSince).toBe(T0);
  });

  it('forMs = 0 fires on the first breach', () => {
    expect(run([[0, 50]], { forMs: 0 }).transitions).toEqual(['firing']);
  });

  it('a worse severity while firing → escalated; the same or a milder one → nothing', () => {
    let state = step(undefined, { ts: T0, breached: true, severity: 'warning', forMs: 0, reason: 'a' }).state;
    const same = step(state, { ts: T0 + 1, breached: true, severity: 'warning', forMs: 0, reason: 'b' });
    expect(same.transition).toBeUndefined();
    state = same.state;
    const worse = step(state, { ts: T0 + 2, breached: true, severity: 'critical', forMs: 0, reason: 'c' });
    expect(worse.transition).toMatchObject({ kind: 'escalated', severity: 'critical', reason: 'c' });
    const milder = step(worse.state, {
      ts: T0 + 3,
      breached: true,
      severity: 'major',
      forMs: 0,
      reason: 'd',
    });
    expect(milder.transition).toBeUndefined();
    expect(milder.state.severity).toBe('critical');
  });

  it('with clearForMs, a firing alert resolves only after the value stays clear that long (no flapping)', () => {
    const options = { clearForMs: 5 * MIN };
    expect(
      run(
        [
          [0, 99],
          [10, 99],
          [11, 105],
          [12, 99],
          [13, 105],
          [17.9, 105],
        ],
        options,
      ).transitions,
    ).toEqual(['firing']);
    const resolved = run(
      [
        [0, 99],
        [10, 99],
        [11, 105],
        [16, 105],
      ],
      options,
    );
    expect(resolved.transitions).toEqual(['firing', 'resolved']);
    expect(resolved.results[3].transition).toMatchObject({
      kind: 'resolved',
      severity: 'major',
      breachSince: T0,
    });
  });

  it('the firing transition carries the observation that triggered it', () => {
    const outcome = run([
      [0, 99],
      [10, 97],
    ]);
    expect(outcome.results[1].transition).toEqual({
      kind: 'firing',
      at: T0 + 10 * MIN,
      severity: 'major',
      reason: '97 cm',
      value: 97,
    });
  });
});

describe('resolvedAt ≥ firedAt: a resolution is never timed before its firing', () => {
  /** Every (firing, resolved) pair of a run, as device times. */
  const pairs = (results: StepResult<string>[]) => {
    const out: [number, number][] = [];
    let fired: number | undefined;
    for (const transition of results.flatMap((r) => (r.transition ? [r.transition] : []))) {
      if (transition.kind === 'firing') fired = transition.at;
      if (transition.kind === 'resolved' && fired !== undefined) out.push([fired, transition.at]);
    }
    return out;
  };

  it.each<[string, [number, number][]]>([
    [
      'late clear older than the firing reading arrives after it → ignored; a newer clear resolves',
      [
        [0, 99],
        [10, 99],
        [4, 110],
        [12, 110],
      ],
    ],
    [
      'a late breach fires at the newest reading seen, and a later clear resolves after it',
      [
        [10, 99],
        [0, 99],
        [11, 110],
      ],
    ],
    [
      'a buffered batch arriving newest first, then the live clear',
      [
        [25, 99],
        [20, 99],
        [10, 99],
        [31, 110],
      ],
    ],
    [
      'clear readings out of order around the firing point',
      [
        [0, 99],
        [10, 99],
        [9, 110],
        [11, 110],
        [10.5, 110],
      ],
    ],
  ])('%s', (_case, readings) => {
    const outcome = run(readings);
    const found = pairs(outcome.results);
    for (const [firedAt, resolvedAt] of found) expect(resolvedAt).toBeGreaterThanOrEqual(firedAt);
    expect(outcome.transitions).toEqual(['firing', 'resolved']);
    expect(found).toHaveLength(1);
  });

  it('a firing state restored with an older lastTs still resolves no earlier than it fired', () => {
    // A state whose lastTs lags its firing time (restored from an older log): a clear in between.
    const restored: ConditionState<string> = {
      phase: 'firing',
      lastTs: T0,
      breachSince: T0,
      firingSince: T0 + 10 * MIN,
      severity: 'major',
    };
    const outcome = run([[5, 110]], {}, restored);
    expect(outcome.results[0].transition).toMatchObject({ kind: 'resolved', at: T0 + 10 * MIN });
  });

  it('in every order of a breach-then-clear sequence, each resolution comes at or after its firing', () => {
    const readings: [number, number][] = [
      [0, 99],
      [4, 98],
      [8, 97],
      [11, 99],
      [13, 110],
      [15, 111],
    ];
    // A fixed pseudo-random sequence of orders (Park–Miller): the same every run.
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    let resolutions = 0;
    for (let round = 0; round < 500; round++) {
      const order = [...readings].sort(() => random() - 0.5);
      const found = pairs(run(order).results);
      resolutions += found.length;
      for (const [firedAt, resolvedAt] of found) expect(resolvedAt).toBeGreaterThanOrEqual(firedAt);
    }
    expect(resolutions).toBeGreaterThan(0);
  });
});

describe('thresholdBreached', () => {
  it.each<[string, number, Threshold, boolean, boolean]>([
    [
      'above: value above trigger while normal',
      9,
      { direction: 'above', trigger: 8, clear: 7.5 },
      false,
      true,
    ],
    ['above: value at trigger while normal', 8, { direction: 'above', trigger: 8, clear: 7.5 }, false, false],
    [
      'above: firing, value between clear and trigger',
      7.8,
      { direction: 'above', trigger: 8, clear: 7.5 },
      true,
      true,
    ],
    [
      'above: firing, value exactly at the clear level → still breached',
      7.5,
      { direction: 'above', trigger: 8, clear: 7.5 },
      true,
      true,
    ],
    [
      'above: firing, value past the clear level → cleared',
      7.4,
      { direction: 'above', trigger: 8, clear: 7.5 },
      true,
      false,
    ],
    [
      'below without a clear level: firing, exactly at the trigger → still breached',
      100,
      { direction: 'below', trigger: 100 },
      true,
      true,
    ],
    [
      'below without a clear level: firing uses the trigger',
      99.5,
      { direction: 'below', trigger: 100 },
      true,
      true,
    ],
  ])('%s', (_case, value, threshold, firing, breached) => {
    expect(thresholdBreached(value, threshold, firing)).toBe(breached);
  });
});

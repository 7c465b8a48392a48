import {
  MAX_SILENCE_MS,
  silenceMatches,
  silenceOf,
  silenceProblems,
  silenceState,
  silencesEndedBetween,
  type AlertLabels,
  type Silence,
} from './silences';

// Fixed clock: 1 Feb 2026 03:00Z.
const T0 = Date.parse('2026-02-01T03:00:00Z');
const HOUR = 3_600_000;

const silence = (over: Partial<Silence> = {}): Silence => ({
  id: 's1',
  matchers: { subjectId: 'ICE-2' },
  startsAt: T0,
  endsAt: T0 + 2 * HOUR,
  comment: 'station out for maintenance',
  createdBy: 'op-jalinda',
  createdAt: T0,
  ...over,
});

const station: AlertLabels = { ruleId: 'station.silent', subjectId: 'ICE-2', crossingId: 'jalinda-mohe-ice' };
const container: AlertLabels = { ruleId: 'cargo.temp-high', subjectId: 'CONT-02', owner: 'heihe-fresh' };

describe('a silence’s window', () => {
  it.each([
    ['a millisecond before its start → pending', T0 - 1, 'pending'],
    ['exactly at its start → active', T0, 'active'],
    ['a millisecond before its end → active', T0 + 2 * HOUR - 1, 'active'],
    ['exactly at its end → expired, by itself', T0 + 2 * HOUR, 'expired'],
  ] as const)('%s', (_case, now, state) => {
    expect(silenceState(silence(), now)).toBe(state);
  });

  it('expired early by a person → expired from that moment, before its end', () => {
    const ended = silence({ expiredAt: T0 + HOUR, expiredBy: 'op-jalinda' });
    expect(silenceState(ended, T0 + HOUR - 1)).toBe('active');
    expect(silenceState(ended, T0 + HOUR)).toBe('expired');
  });
});

describe('matching an alert', () => {
  it.each([
    ['the subject alone matches every rule of that subject', { subjectId: 'ICE-2' }, station, true],
    ['rule and subject both equal → match', { ruleId: 'station.silent', subjectId: 'ICE-2' }, station, true],
    ['one matcher differs → no match', { ruleId: 'ice.crack', subjectId: 'ICE-2' }, station, false],
    ['a crossing matches its stations’ alerts', { crossingId: 'jalinda-mohe-ice' }, station, true],
    ['an owner matches their containers’ alerts', { owner: 'heihe-fresh' }, container, true],
    ['an owner never matches an alert that has no owner', { owner: 'heihe-fresh' }, station, false],
    ['another owner → no match', { owner: 'amur-timber' }, container, false],
  ] as const)('%s', (_case, matchers, labels, expected) => {
    expect(silenceMatches(silence({ matchers }), labels)).toBe(expected);
  });

  it('only an active silence holds an alert; of two, the one ending last is named', () => {
    const short = silence({ id: 'short' });
    const long = silence({ id: 'long', endsAt: T0 + 5 * HOUR });
    const later = silence({ id: 'later', startsAt: T0 + HOUR });
    expect(silenceOf([short, long, later], station, T0)?.id).toBe('long');
    expect(silenceOf([later], station, T0)).toBeUndefined();
    expect(silenceOf([short], station, T0 + 2 * HOUR)).toBeUndefined();
    expect(silenceOf([short], container, T0)).toBeUndefined();
  });
});

describe('silences that ended', () => {
  it('ended in (since, now] — by their end or by a person — are listed once each window', () => {
    const byEnd = silence({ id: 'end' });
    const byPerson = silence({ id: 'person', endsAt: T0 + 9 * HOUR, expiredAt: T0 + HOUR });
    const running = silence({ id: 'running', endsAt: T0 + 9 * HOUR });
    const all = [byEnd, byPerson, running];
    expect(silencesEndedBetween(all, T0, T0 + HOUR).map((s) => s.id)).toEqual(['person']);
    expect(silencesEndedBetween(all, T0 + HOUR, T0 + 2 * HOUR).map((s) => s.id)).toEqual(['end']);
    expect(silencesEndedBetween(all, T0 + 2 * HOUR, T0 + 3 * HOUR)).toEqual([]);
  });

  it('a silence expired before it began held nothing, so it ends nothing', () => {
    const never = silence({ startsAt: T0 + HOUR, expiredAt: T0 });
    expect(silencesEndedBetween([never], T0 - HOUR, T0 + 3 * HOUR)).toEqual([]);
  });
});

describe('a new silence', () => {
  const valid = { matchers: { subjectId: 'ICE-2' }, startsAt: T0, endsAt: T0 + HOUR, comment: 'maintenance' };

  it('with a matcher, a window in the future and a comment → no problem', () => {
    expect(silenceProblems(valid, T0)).toEqual([]);
  });

  it('every problem at once: no matcher, an end before the start and in the past, no comment', () => {
    expect(silenceProblems({ matchers: {}, startsAt: T0, endsAt: T0 - HOUR, comment: ' ' }, T0)).toEqual([
      'matchers: at least one of ruleId, subjectId, crossingId, owner',
      'endsAt: in the future',
      'endsAt: after startsAt',
      'comment: 1 to 2000 characters',
    ]);
  });

  it('an empty matcher value is refused, not taken as "match everything"', () => {
    expect(silenceProblems({ ...valid, matchers: { subjectId: '' } }, T0)).toEqual([
      'matchers.subjectId: 1 to 200 characters',
    ]);
  });

  it('exactly thirty days is allowed; a millisecond more is not', () => {
    expect(silenceProblems({ ...valid, endsAt: T0 + MAX_SILENCE_MS }, T0)).toEqual([]);
    expect(silenceProblems({ ...valid, endsAt: T0 + MAX_SILENCE_MS + 1 }, T0)).toEqual([
      'endsAt: at most 30 days after the start',
    ]);
  });
});

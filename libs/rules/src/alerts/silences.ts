/**
 * Silences, as Alertmanager has them: matchers over an alert's labels and a time window. A
 * silenced alert is still evaluated, recorded and shown; only its mails and reminders wait. A
 * silence never touches a crossing's status: it is read by notifications alone. Pure: the time is
 * passed in, so a silence ends by itself when the clock passes its end.
 */

/** What a silence matches on; every matcher given must equal the alert's label. */
export interface SilenceMatchers {
  ruleId?: string;
  subjectId?: string;
  crossingId?: string;
  owner?: string;
}
export const MATCHER_NAMES = ['ruleId', 'subjectId', 'crossingId', 'owner'] as const;

/** The labels of an alert a silence can match: its rule, its subject and where that subject belongs. */
export interface AlertLabels {
  ruleId: string;
  subjectId: string;
  crossingId?: string;
  owner?: string;
}

export interface Silence {
  id: string;
  matchers: SilenceMatchers;
  /** Epoch ms. */
  startsAt: number;
  endsAt: number;
  comment: string;
  createdBy: string;
  createdAt: number;
  /** Set when a person ended it early; it then counts as ended from this time. */
  expiredAt?: number;
  expiredBy?: string;
}

export type SilenceState = 'pending' | 'active' | 'expired';

/** When the silence stops holding: its end, or earlier when a person expired it. */
export function silenceEnd(silence: Silence): number {
  return silence.expiredAt !== undefined ? Math.min(silence.expiredAt, silence.endsAt) : silence.endsAt;
}

/** Pending before its start, active in [start, end), expired from its end on. */
export function silenceState(silence: Silence, now: number): SilenceState {
  if (now >= silenceEnd(silence)) return 'expired';
  return now < silence.startsAt ? 'pending' : 'active';
}

/** Every matcher the silence sets equals the alert's label; an alert without that label does not match. */
export function silenceMatches(silence: Silence, labels: AlertLabels): boolean {
  return MATCHER_NAMES.every((name) => {
    const wanted = silence.matchers[name];
    return wanted === undefined || labels[name] === wanted;
  });
}

/** The active silence that holds the alert's mail at `now`, if any (the one ending last). */
export function silenceOf(
  silences: readonly Silence[],
  labels: AlertLabels,
  now: number,
): Silence | undefined {
  return silences
    .filter((silence) => silenceState(silence, now) === 'active' && silenceMatches(silence, labels))
    .sort((a, b) => silenceEnd(b) - silenceEnd(a))[0];
}

/** Silences that ended in (since, now]: the alerts they held and that still fire are mailed once. */
export function silencesEndedBetween(silences: readonly Silence[], since: number, now: number): Silence[] {
  return silences.filter((silence) => {
    const end = silenceEnd(silence);
    return end > since && end <= now && end > silence.startsAt;
  });
}

export interface NewSilence {
  matchers: SilenceMatchers;
  startsAt: number;
  endsAt: number;
  comment: string;
}

/** The longest silence: a forgotten one must not hide a crossing's alerts for a season. */
export const MAX_SILENCE_MS = 30 * 86_400_000;

/** Every problem of a new silence, in one list; empty when it may be created. */
export function silenceProblems(silence: NewSilence, now: number): string[] {
  const problems: string[] = [];
  const set = MATCHER_NAMES.filter((name) => silence.matchers[name] !== undefined);
  if (set.length === 0) problems.push(`matchers: at least one of ${MATCHER_NAMES.join(', ')}`);
  for (const name of set) {
    const value = silence.matchers[name];
    if (typeof value !== 'string' || value.trim() === '' || value.length > 200)
      problems.push(`matchers.${name}: 1 to 200 characters`);
  }
  if (!Number.isFinite(silence.startsAt)) problems.push('startsAt: a time');
  if (!Number.isFinite(silence.endsAt)) problems.push('endsAt: a time');
  else if (silence.endsAt <= now) problems.push('endsAt: in the future');
  if (Number.isFinite(silence.startsAt) && Number.isFinite(silence.endsAt)) {
    if (silence.endsAt <= silence.startsAt) problems.push('endsAt: after startsAt');
    else if (silence.endsAt - Math.max(silence.startsAt, now) > MAX_SILENCE_MS)
      problems.push('endsAt: at most 30 days after the start');
  }
  if (typeof silence.comment !== 'string' || silence.comment.trim() === '' || silence.comment.length > 2000)
    problems.push('comment: 1 to 2000 characters');
  return problems;
}

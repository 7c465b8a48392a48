import type { AlertReason } from '../catalogue';
import { severityRank, type Severity } from './severity';

/**
 * The explicit alert state machine of one (rule, subject) — Grafana's normal → pending → firing,
 * with a clear duration against flapping:
 *
 *   normal ──breach──▶ pending ──breach held forMs──▶ firing ──clear held clearForMs──▶ normal
 *      ▲                  │ clear                          │ worse severity → escalated
 *      └──────────────────┘                                ▼
 *
 * Observations are judged by their own device timestamps, not by arrival. A late observation (older
 * than the newest seen) cannot cut a duration: a late clear is history. It can only lengthen a
 * pending breach backwards, and only when it is a breach newer than the last clear seen — so
 * readings of one breach arriving in any order fire once, at the same point. A gap longer than
 * maxGapMs breaks the continuity of a pending breach. No clock of its own: the caller passes
 * everything in.
 */
export type Phase = 'normal' | 'pending' | 'firing';

export interface ConditionState<R = AlertReason> {
  phase: Phase;
  /** Newest observation time seen (device time, epoch ms). */
  lastTs: number;
  /** Start of the current breach (pending or firing). */
  breachSince?: number;
  firingSince?: number;
  /** Start of the current clear spell while firing. */
  clearSince?: number;
  /** Newest device time at which the condition was seen clear. */
  lastClearTs?: number;
  severity?: Severity;
  reason?: R;
  value?: number;
}

export interface Observation<R = AlertReason> {
  ts: number;
  breached: boolean;
  severity: Severity;
  /** How long the breach must hold before it fires; 0 fires at once. */
  forMs: number;
  /** How long the condition must be clear before a firing alert resolves; default 0. */
  clearForMs?: number;
  /** A longer silence between two observations breaks a pending breach's continuity. */
  maxGapMs?: number;
  /** Why, as data (a code and its parameters); the machine carries it and never reads it. */
  reason: R;
  value?: number;
}

export type TransitionKind = 'firing' | 'escalated' | 'resolved';

export interface Transition<R = AlertReason> {
  kind: TransitionKind;
  /**
   * Device time of the observation that caused it (for rules judged on the service clock, the
   * service time of that judgement). Invariant: a 'resolved' is never before its 'firing'.
   */
  at: number;
  severity: Severity;
  reason: R;
  value?: number;
  /** For 'resolved': when the breach began (to say "back in range after 42 min"). */
  breachSince?: number;
}

export interface StepResult<R = AlertReason> {
  state: ConditionState<R>;
  transition?: Transition<R>;
  /** True when the state changed in a way worth persisting (phase or breach start). */
  changed: boolean;
}

export const INITIAL_STATE: ConditionState<never> = { phase: 'normal', lastTs: Number.NEGATIVE_INFINITY };

export function step<R = AlertReason>(
  previous: ConditionState<R> | undefined,
  observation: Observation<R>,
): StepResult<R> {
  const state: ConditionState<R> = previous ?? INITIAL_STATE;
  if (observation.ts <= state.lastTs) return late(state, observation);
  // The common case by far — all is well and stays well — allocates one small object.
  if (state.phase === 'normal' && !observation.breached) {
    return {
      state: { phase: 'normal', lastTs: observation.ts, lastClearTs: observation.ts },
      changed: false,
    };
  }
  const gap = state.lastTs === Number.NEGATIVE_INFINITY ? 0 : observation.ts - state.lastTs;
  const next: ConditionState<R> = { ...state, lastTs: observation.ts };
  const { breached, severity, forMs, ts } = observation;

  switch (state.phase) {
    case 'normal': {
      if (!breached) return { state: { ...next, lastClearTs: ts }, changed: false };
      if (forMs <= 0) return fire(next, observation, ts);
      return {
        state: { ...next, phase: 'pending', breachSince: ts, ...details(observation) },
        changed: true,
      };
    }
    case 'pending': {
      if (!breached) return { state: { ...normal(next), lastClearTs: ts }, changed: true };
      if (observation.maxGapMs !== undefined && gap > observation.maxGapMs) {
        // The data went quiet: the breach is not known to have held, so it starts again here.
        return { state: { ...next, breachSince: ts, ...details(observation) }, changed: true };
      }
      if (ts - (state.breachSince ?? ts) >= forMs) return fire(next, observation, state.breachSince ?? ts);
      return { state: { ...next, ...details(observation) }, changed: false };
    }
    case 'firing': {
      if (breached) {
        const escalated = severityRank(severity) > severityRank(state.severity ?? severity);
        const updated = { ...next, clearSince: undefined, ...(escalated ? details(observation) : {}) };
        return escalated
          ? { state: updated, changed: true, transition: transition('escalated', observation) }
          : { state: updated, changed: state.clearSince !== undefined };
      }
      const clearSince = state.clearSince ?? ts;
      if (ts - clearSince >= (observation.clearForMs ?? 0)) {
        return {
          state: { ...normal(next), lastClearTs: ts },
          changed: true,
          transition: {
            ...transition('resolved', observation),
            // ts > lastTs ≥ firingSince already; kept explicit so no path can resolve before firing.
            at: Math.max(ts, state.firingSince ?? ts),
            severity: state.severity ?? severity,
            breachSince: state.breachSince,
          },
        };
      }
      return { state: { ...next, clearSince, lastClearTs: ts }, changed: state.clearSince === undefined };
    }
  }
}

/**
 * A late observation: a breach older than a pending breach's start, and newer than any clear seen,
 * moves the start back; if the breach has then held long enough up to the newest reading, it fires.
 */
function late<R>(state: ConditionState<R>, observation: Observation<R>): StepResult<R> {
  const extendsBreach =
    state.phase === 'pending' &&
    observation.breached &&
    observation.ts < (state.breachSince ?? Number.NEGATIVE_INFINITY) &&
    observation.ts > (state.lastClearTs ?? Number.NEGATIVE_INFINITY);
  if (!extendsBreach) return { state, changed: false };
  const extended: ConditionState<R> = { ...state, breachSince: observation.ts };
  if (state.lastTs - observation.ts >= observation.forMs) {
    return fire(
      extended,
      { ...observation, ts: state.lastTs, reason: state.reason ?? observation.reason, value: state.value },
      observation.ts,
    );
  }
  return { state: extended, changed: true };
}

function fire<R>(next: ConditionState<R>, observation: Observation<R>, breachSince: number): StepResult<R> {
  return {
    state: {
      ...next,
      phase: 'firing',
      breachSince,
      firingSince: observation.ts,
      clearSince: undefined,
      ...details(observation),
    },
    changed: true,
    transition: transition('firing', observation),
  };
}

function normal<R>(next: ConditionState<R>): ConditionState<R> {
  return { phase: 'normal', lastTs: next.lastTs };
}

function details<R>(observation: Observation<R>): Pick<ConditionState<R>, 'severity' | 'reason' | 'value'> {
  return { severity: observation.severity, reason: observation.reason, value: observation.value };
}

function transition<R>(kind: TransitionKind, observation: Observation<R>): Transition<R> {
  return {
    kind,
    at: observation.ts,
    severity: observation.severity,
    reason: observation.reason,
    value: observation.value,
  };
}

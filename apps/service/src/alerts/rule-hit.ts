import type { PointBatch } from '@jct/contract';
import type { Observation, Phase, RuleId } from '@jct/rules';
import type { SubjectType } from './alert';

/** One rule judged for one subject: the observation the state machine will time. */
export interface RuleHit {
  ruleId: RuleId;
  subject: { id: string; type: SubjectType };
  observation: Observation;
  /** What triggered it; default: the subject as device, the observation's value. */
  trigger?: { deviceId?: string; metric?: string; value?: number };
}

/** The current phase of a (rule, subject), for hysteresis: a firing condition clears at its clear level. */
export type PhaseOf = (ruleId: string, subjectId: string) => Phase;

/** A family of rules (ice, traffic, cargo, ferries): judges accepted readings, and time passing. */
export interface Evaluator {
  evaluate(batch: PointBatch, phaseOf: PhaseOf): RuleHit[];
  /** Conditions of silence ("no data"), judged on the service clock. */
  tick?(now: number, phaseOf: PhaseOf): RuleHit[];
}

export const EVALUATORS = Symbol('Evaluators');

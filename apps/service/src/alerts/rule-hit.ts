import type { PointBatch } from '@jct/contract';
import type { Phase, RuleVerdict } from '@jct/rules';

/** One rule judged for one subject: the observation the state machine will time (libs/rules). */
export type RuleHit = RuleVerdict;

/** The current phase of a (rule, subject), for hysteresis: a firing condition clears at its clear level. */
export type PhaseOf = (ruleId: string, subjectId: string) => Phase;

/** A family of rules (ice, traffic, cargo, ferries): judges accepted readings, and time passing. */
export interface Evaluator {
  evaluate(batch: PointBatch, phaseOf: PhaseOf): RuleHit[];
  /** Conditions of silence ("no data"), judged on the service clock. */
  tick?(now: number, phaseOf: PhaseOf): RuleHit[];
}

export const EVALUATORS = Symbol('Evaluators');

import { RULE_CATALOGUE, type AlertReason, type RuleId } from '../catalogue';
import type { Observation } from './condition-state';
import type { Severity } from './severity';

/**
 * One rule judged for one subject at one time: the observation the state machine will time, and
 * the reading behind it. The subject's kind is the rule's, from the catalogue.
 */
export interface RuleVerdict {
  ruleId: RuleId;
  subjectId: string;
  observation: Observation;
  /** What triggered it; default: the subject as device, the observation's value. */
  trigger?: { deviceId?: string; metric?: string; value?: number };
  /** Cargo rules: the shipment whose reading this is; its alert carries it. */
  shipmentId?: string;
}

export interface VerdictFields {
  ruleId: RuleId;
  subjectId: string;
  ts: number;
  breached: boolean;
  reason: AlertReason;
  /** Default: the rule's severity in the catalogue. */
  severity?: Severity;
  /** How long the breach must hold before it fires; default 0. */
  forMs?: number;
  clearForMs?: number;
  value?: number;
  /** The device and metric that triggered it; the device defaults to the subject (pass undefined for none). */
  deviceId?: string;
  metric?: string;
  /** The trigger's value when it is not the observation's (e.g. total thickness vs effective). */
  triggerValue?: number;
}

/** A verdict from named fields: the one way every condition builds its result. */
export function verdict(fields: VerdictFields): RuleVerdict {
  const observation: Observation = {
    ts: fields.ts,
    breached: fields.breached,
    severity: fields.severity ?? RULE_CATALOGUE[fields.ruleId].severity,
    forMs: fields.forMs ?? 0,
    value: fields.value,
    reason: fields.reason,
  };
  if (fields.clearForMs !== undefined) observation.clearForMs = fields.clearForMs;
  const result: RuleVerdict = { ruleId: fields.ruleId, subjectId: fields.subjectId, observation };
  if (fields.metric !== undefined || fields.deviceId !== undefined) {
    result.trigger = {
      deviceId: 'deviceId' in fields ? fields.deviceId : fields.subjectId,
      metric: fields.metric,
      value: 'triggerValue' in fields ? fields.triggerValue : fields.value,
    };
  }
  return result;
}

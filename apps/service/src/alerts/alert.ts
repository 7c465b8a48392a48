import type { AlertReason, ConditionState, RuleId, Severity, SubjectKind, Transition } from '@jct/rules';

export type AlertState = 'firing' | 'acknowledged' | 'resolved';
export type SubjectType = SubjectKind;

/** What triggered an alert: the reading that made the condition fire. */
export interface AlertTrigger {
  deviceId?: string;
  metric?: string;
  value?: number;
  /** Device time of the reading, ISO 8601. */
  ts: string;
}

/** One alert of one (rule, subject); at most one is active (firing or acknowledged) at a time. */
export interface Alert {
  id: string;
  ruleId: RuleId;
  subjectId: string;
  subjectType: SubjectType;
  /** Cargo alerts: the shipment whose tracker's reading raised it; it stays with that shipment. */
  shipmentId?: string;
  severity: Severity;
  state: AlertState;
  /** A sentence a person understands, with the numbers behind it: `cause` in English. */
  reason: string;
  /** Why, as data: a reason code of the rule and its parameters, for rendering in any language. */
  cause?: AlertReason;
  trigger: AlertTrigger;
  /** Device time the breach began, ISO. */
  breachSince: string;
  /**
   * `firedAt`, `escalatedAt`, `resolvedAt`: device time (ISO) of the reading that caused the
   * transition — for rules judged on the service clock (silence, the thaw mean), the service time
   * of that judgement. `resolvedAt ≥ firedAt` always. The `…RecordedAt` twins are the service's
   * clock when it recorded the transition. docs/architecture.md, "Alerts".
   */
  firedAt: string;
  firedRecordedAt?: string;
  escalatedAt?: string;
  escalatedRecordedAt?: string;
  /** Service time: a person's action, not a reading. */
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  resolvedAt?: string;
  resolvedRecordedAt?: string;
  resolveReason?: string;
  resolveCause?: AlertReason;
}

/** Published on MQTT alerts/{subjectId} and kept in the alert log. */
export interface AlertEvent {
  transition: Transition['kind'] | 'acknowledged';
  alert: Alert;
}

export type ConditionKey = `${string}|${string}`;
export const conditionKey = (ruleId: string, subjectId: string): ConditionKey => `${ruleId}|${subjectId}`;

export type { ConditionState };

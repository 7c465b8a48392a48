import { randomUUID } from 'node:crypto';
import {
  renderReason,
  type AlertReason,
  type ConditionState,
  type RuleId,
  type Severity,
  type Transition,
} from '@jct/rules';
import {
  conditionKey,
  type Alert,
  type AlertEvent,
  type AlertTrigger,
  type ConditionKey,
  type SubjectType,
} from './alert';
import type { AlertLog } from './alert-log';

export interface AlertQuery {
  state?: Alert['state'] | 'active';
  severity?: Severity;
  subject?: string;
  since?: number;
  limit?: number;
  /** The caller's scope: applied before the limit, so a limit never hides what the caller may see. */
  visible?: (alert: Alert) => boolean;
}

/**
 * Alerts and condition states in memory, every change written to the AlertLog first. One active
 * alert per (rule, subject) is enforced here: all changes go through this class on Node's single
 * thread with no await between the check and the write, so concurrent readings cannot create two.
 */
export class AlertStore {
  // Looked up for every rule of every reading: nested maps spare building a key string each time.
  private readonly byRule = new Map<string, Map<string, ConditionState>>();
  private readonly alerts: Map<string, Alert>;
  private readonly active = new Map<ConditionKey, string>();

  constructor(private readonly log: AlertLog) {
    const loaded = log.load();
    for (const [key, state] of loaded.conditions) {
      const split = key.indexOf('|');
      this.setCondition(key.slice(0, split), key.slice(split + 1), state, false);
    }
    this.alerts = loaded.alerts;
    for (const alert of this.alerts.values()) {
      if (alert.state !== 'resolved') this.active.set(conditionKey(alert.ruleId, alert.subjectId), alert.id);
    }
  }

  condition(ruleId: string, subjectId: string): ConditionState | undefined {
    return this.byRule.get(ruleId)?.get(subjectId);
  }

  /** Keeps the state in memory; persists it when `persist` (a phase change or a new breach start). */
  setCondition(ruleId: string, subjectId: string, state: ConditionState, persist: boolean): void {
    let subjects = this.byRule.get(ruleId);
    if (!subjects) this.byRule.set(ruleId, (subjects = new Map()));
    subjects.set(subjectId, state);
    if (persist) this.log.writeCondition(conditionKey(ruleId, subjectId), state);
  }

  /** Applies a transition of the state machine; returns the event to publish, if any. */
  apply(
    ruleId: RuleId,
    subject: { id: string; type: SubjectType; shipmentId?: string },
    transition: Transition,
    trigger: Omit<AlertTrigger, 'ts'>,
    now: number,
  ): AlertEvent | undefined {
    const key = conditionKey(ruleId, subject.id);
    const activeId = this.active.get(key);
    const current = activeId ? this.alerts.get(activeId) : undefined;
    const at = new Date(transition.at).toISOString();
    const recordedAt = new Date(now).toISOString();
    switch (transition.kind) {
      case 'firing': {
        if (current) return undefined; // already active: never a second one
        const alert: Alert = {
          id: randomUUID(),
          ruleId,
          subjectId: subject.id,
          subjectType: subject.type,
          ...(subject.shipmentId !== undefined ? { shipmentId: subject.shipmentId } : {}),
          severity: transition.severity,
          state: 'firing',
          reason: reasonText(transition.reason),
          cause: reasonData(transition.reason),
          trigger: { ...trigger, value: transition.value ?? trigger.value, ts: at },
          breachSince: at,
          firedAt: at,
          firedRecordedAt: recordedAt,
        };
        return this.save(key, alert, 'firing');
      }
      case 'escalated': {
        if (!current) return undefined;
        return this.save(
          key,
          {
            ...current,
            severity: transition.severity,
            reason: reasonText(transition.reason),
            cause: reasonData(transition.reason),
            escalatedAt: notBefore(at, current.firedAt),
            escalatedRecordedAt: recordedAt,
          },
          'escalated',
        );
      }
      case 'resolved': {
        if (!current) return undefined;
        return this.save(
          key,
          {
            ...current,
            state: 'resolved',
            // The invariant holds even for an alert whose condition state was lost (a fresh state
            // machine may resolve with an older reading) or that an older version logged with
            // the service's time as firedAt.
            resolvedAt: notBefore(at, current.firedAt),
            resolvedRecordedAt: recordedAt,
            resolveReason: reasonText(transition.reason),
            resolveCause: reasonData(transition.reason),
          },
          'resolved',
        );
      }
    }
  }

  acknowledge(id: string, by: string, now: number): AlertEvent | undefined {
    const alert = this.alerts.get(id);
    if (!alert || alert.state !== 'firing') return undefined;
    const key = conditionKey(alert.ruleId, alert.subjectId);
    return this.save(
      key,
      { ...alert, state: 'acknowledged', acknowledgedAt: new Date(now).toISOString(), acknowledgedBy: by },
      'acknowledged',
    );
  }

  get(id: string): Alert | undefined {
    return this.alerts.get(id);
  }

  list(query: AlertQuery = {}): Alert[] {
    const result: Alert[] = [];
    for (const alert of this.alerts.values()) {
      if (query.state === 'active' ? alert.state === 'resolved' : query.state && alert.state !== query.state)
        continue;
      if (query.severity && alert.severity !== query.severity) continue;
      if (query.subject && alert.subjectId !== query.subject) continue;
      if (query.since !== undefined && Date.parse(alert.firedAt) < query.since) continue;
      if (query.visible && !query.visible(alert)) continue;
      result.push(alert);
    }
    result.sort((a, b) => b.firedAt.localeCompare(a.firedAt));
    return result.slice(0, query.limit ?? 1000);
  }

  /** Writes the changes of this evaluation to disk: call before publishing or acknowledging. */
  flush(): void {
    this.log.flush();
  }

  compactIfNeeded(): void {
    if (this.log.needsCompaction) this.compact();
  }

  /**
   * Forgets resolved alerts resolved before `before` (ALERT_RETENTION_DAYS), in memory and on disk,
   * so neither grows without bound; active alerts are kept however old. Returns how many went.
   */
  pruneResolved(before: number): number {
    let pruned = 0;
    for (const [id, alert] of this.alerts) {
      if (
        alert.state === 'resolved' &&
        alert.resolvedAt !== undefined &&
        Date.parse(alert.resolvedRecordedAt ?? alert.resolvedAt) < before
      ) {
        this.alerts.delete(id);
        pruned++;
      }
    }
    if (pruned > 0) this.compact();
    return pruned;
  }

  private compact(): void {
    const conditions = new Map<ConditionKey, ConditionState>();
    for (const [ruleId, subjects] of this.byRule) {
      for (const [subjectId, state] of subjects) conditions.set(conditionKey(ruleId, subjectId), state);
    }
    this.log.compact(conditions, this.alerts);
  }

  close(): void {
    this.log.close();
  }

  private save(key: ConditionKey, alert: Alert, transition: AlertEvent['transition']): AlertEvent {
    this.log.writeAlert(alert);
    this.alerts.set(alert.id, alert);
    if (alert.state === 'resolved') this.active.delete(key);
    else this.active.set(key, alert.id);
    return { transition, alert };
  }
}

/** `at`, or `earliest` when `at` is before it (both ISO 8601 UTC, so they compare as strings). */
function notBefore(at: string, earliest: string): string {
  return Date.parse(at) < Date.parse(earliest) ? earliest : at;
}

/**
 * The English sentence kept with the alert for the API, MQTT and the log. A condition state saved
 * before reasons became data carries its sentence already.
 */
function reasonText(reason: AlertReason | string): string {
  return typeof reason === 'string' ? reason : renderReason(reason, 'en');
}

/** The reason as data; none for a sentence from a condition state saved before reasons were data. */
function reasonData(reason: AlertReason | string): AlertReason | undefined {
  return typeof reason === 'string' ? undefined : reason;
}

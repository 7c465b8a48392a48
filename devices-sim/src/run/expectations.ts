import { ruleFamily } from '@jct/rules';
import { formatSimTime } from '../scenario/duration';
import type { Expectation, Forbidden, Scenario } from '../scenario/schema';
import type { RejectionTally } from './device-connections';
import type { ActiveAlert, AlertEvent } from './alert-listener';

/**
 * Rules the service judges on its own clock, not on reading timestamps (docs/architecture.md,
 * "Device time"): silence and the 3-day thaw mean. A compressed run stamps its readings in the
 * past, so while it runs these rules see the simulated world lagging behind the service clock;
 * they are judged on the alerts active once the run has caught up with the present.
 */
export const SERVICE_CLOCK_RULES: ReadonlySet<string> = new Set([
  'station.silent',
  'device.silent',
  'traffic.silent-on-ice',
  'ferry.silent-midstream',
  'ice.thaw',
]);

export interface CheckInput {
  scenario: Pick<Scenario, 'expect' | 'forbid' | 'rejections'>;
  /** Epoch ms of simulated time 0. */
  startMs: number;
  /** Every alert transition seen during the run and the settle time. */
  events: AlertEvent[];
  /** Alerts active at the end; undefined when the API was not asked (then: the last transition seen). */
  activeAtEnd?: ActiveAlert[];
  rejections: RejectionTally;
  failedPublishes: number;
}

export interface CheckResult {
  passed: boolean;
  /** One line per expectation, forbidden alert and rejection rule: `ok …` or `MISSING …`. */
  lines: string[];
}

/** Judges a run against the scenario's expectations. Pure. */
export function checkRun(input: CheckInput): CheckResult {
  const lines: string[] = [];
  let passed = true;
  const record = (ok: boolean, text: string) => {
    lines.push(`${ok ? 'ok     ' : 'FAILED '} ${text}`);
    if (!ok) passed = false;
  };
  const active = input.activeAtEnd ?? activeFromEvents(input.events);
  const simTimeOf = (alert: ActiveAlert) => {
    const ts = Date.parse(alert.trigger?.ts ?? alert.breachSince ?? '');
    return Number.isNaN(ts) ? undefined : ts - input.startMs;
  };

  for (const expectation of input.scenario.expect) {
    const name = describeExpectation(expectation);
    if (SERVICE_CLOCK_RULES.has(expectation.alert)) {
      const hit = active.find((alert) => matchesExpectation(alert, expectation));
      record(
        hit !== undefined,
        `${name}: ${hit ? `active at the end (${hit.reason})` : 'not active at the end'}`,
      );
      continue;
    }
    const fired = input.events
      .filter((e) => e.transition === 'firing' || e.transition === 'escalated')
      .map((e) => e.alert)
      .filter((alert) => matchesExpectation(alert, expectation));
    const inTime = fired.filter((alert) => {
      const at = simTimeOf(alert);
      if (expectation.within === undefined && expectation.after === undefined) return true;
      return (
        at !== undefined &&
        (expectation.within === undefined || at <= expectation.within) &&
        (expectation.after === undefined || at >= expectation.after)
      );
    });
    if (inTime.length > 0) {
      const at = simTimeOf(inTime[0]);
      record(true, `${name}: fired at ${at === undefined ? '?' : formatSimTime(at)} (${inTime[0].reason})`);
    } else if (fired.length > 0) {
      const times = fired
        .map((alert) => simTimeOf(alert))
        .map((at) => (at === undefined ? '?' : formatSimTime(at)));
      record(false, `${name}: fired outside its window, at ${times.join(', ')}`);
    } else {
      record(false, `${name}: did not fire`);
    }
  }

  for (const forbidden of input.scenario.forbid) {
    const name = describeForbidden(forbidden);
    const fired = input.events
      .filter((e) => e.transition === 'firing' && !SERVICE_CLOCK_RULES.has(e.alert.ruleId))
      .map((e) => e.alert)
      .filter((alert) => matchesForbidden(alert, forbidden));
    const stillActive = active.filter(
      (alert) => SERVICE_CLOCK_RULES.has(alert.ruleId) && matchesForbidden(alert, forbidden),
    );
    const offending = [...fired, ...stillActive];
    record(
      offending.length === 0,
      `${name}: ${offending.length === 0 ? 'none' : offending.map((a) => `${a.ruleId} on ${a.subjectId}`).join(', ')}`,
    );
  }

  const { rejections } = input;
  const codes = Object.entries(rejections.byCode)
    .map(([code, n]) => `${code} ×${n}`)
    .join(', ');
  const rejectedReadings = Object.values(rejections.byCode).reduce((sum, n) => sum + n, 0);
  const expected = input.scenario.rejections;
  if (!expected) {
    record(rejections.messages === 0, `no rejections: ${rejections.messages === 0 ? 'none' : codes}`);
  } else {
    record(
      rejectedReadings >= expected.min,
      `at least ${expected.min} rejection(s): ${rejectedReadings} (${codes || 'none'})`,
    );
    for (const code of expected.codes) {
      record((rejections.byCode[code] ?? 0) > 0, `rejection ${code}: ${rejections.byCode[code] ?? 0}`);
    }
  }
  record(input.failedPublishes === 0, `publishes acknowledged: ${input.failedPublishes} failed`);
  return { passed, lines };
}

/**
 * Alerts already active before a run that its check would judge: an expected one cannot fire again
 * (one active alert per rule and subject), and a forbidden one still firing from an earlier run
 * would pass unseen. The service-clock rules are left out: they are judged on the alerts active at
 * the end, which the run's own readings decide (a fresh service in season reports every station
 * silent until its first reading).
 */
export function alreadyActive(
  scenario: Pick<Scenario, 'expect' | 'forbid'>,
  active: ActiveAlert[],
): ActiveAlert[] {
  return active.filter(
    (alert) =>
      !SERVICE_CLOCK_RULES.has(alert.ruleId) &&
      (scenario.expect.some((e) => matchesExpectation(alert, { ...e, severity: undefined })) ||
        scenario.forbid.some((f) => matchesForbidden(alert, f))),
  );
}

/** Why a check refuses to run on a service with alerts already active, and how to fix it. */
export function formatAlreadyActive(scenarioName: string, apiUrl: string, alerts: ActiveAlert[]): string {
  return [
    `refusing to check ${scenarioName}: ${alerts.length} alert(s) it judges are already active in the service at ${apiUrl}:`,
    ...alerts.map(
      (a) => `  ${a.ruleId} on ${a.subjectId} (${a.state}${a.firedAt ? ` since ${a.firedAt}` : ''})`,
    ),
    'An earlier run on the same data folder left them: an expected alert cannot fire again while',
    'one is active, and a forbidden one would be missed or misjudged. Start the service on a fresh',
    'data folder (e.g. DATA_DIR=$(mktemp -d) SITE_CONFIG=/tmp/site.yaml npm run start:prod), or wait',
    'until these alerts have resolved, then run the check again.',
  ].join('\n');
}

/** Active alerts by replaying the transitions seen: the last one per (rule, subject) decides. */
export function activeFromEvents(events: AlertEvent[]): ActiveAlert[] {
  const last = new Map<string, AlertEvent>();
  for (const event of events) last.set(`${event.alert.ruleId}|${event.alert.subjectId}`, event);
  return [...last.values()].filter((e) => e.transition !== 'resolved').map((e) => e.alert);
}

function matchesExpectation(alert: ActiveAlert, e: Expectation): boolean {
  return (
    alert.ruleId === e.alert &&
    (e.subject === undefined || alert.subjectId === e.subject) &&
    (e.severity === undefined || alert.severity === e.severity)
  );
}

function matchesForbidden(alert: ActiveAlert, f: Forbidden): boolean {
  const rule = f.alert !== undefined ? alert.ruleId === f.alert : ruleFamily(alert.ruleId) === f.alertFamily;
  return rule && (f.subject === undefined || alert.subjectId === f.subject);
}

function describeExpectation(e: Expectation): string {
  return (
    `expect ${e.alert}` +
    (e.subject ? ` on ${e.subject}` : '') +
    (e.severity ? ` (${e.severity})` : '') +
    (e.after !== undefined ? ` after ${formatSimTime(e.after)}` : '') +
    (e.within !== undefined ? ` within ${formatSimTime(e.within)}` : '')
  );
}

function describeForbidden(f: Forbidden): string {
  return `forbid ${f.alert ?? `every ${f.alertFamily} rule`}${f.subject ? ` on ${f.subject}` : ''}`;
}

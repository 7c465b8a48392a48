import type { SiteConfig } from '@jct/site-config';
import { setTimeout as sleep } from 'node:timers/promises';
import { generateFeed } from '../feed/generate-feed';
import type { FeedMessage } from '../feed/feed-message';
import { formatSimTime } from '../scenario/duration';
import { scenarioSite } from '../scenario/load-scenario';
import type { Scenario } from '../scenario/schema';
import { activeAlerts, AlertListener, type ActiveAlert, type AlertEvent } from './alert-listener';
import type { RejectionTally } from './device-connections';
import {
  activeFromEvents,
  alreadyActive,
  checkRun,
  formatAlreadyActive,
  SERVICE_CLOCK_RULES,
  type CheckResult,
} from './expectations';
import { play } from './player';

export interface RunOptions {
  scenario: Scenario;
  /** mqtt://host:port of the service's broker. */
  url: string;
  /** http://host:port of the service's API, for the alerts active at the end (recommended with check). */
  apiUrl?: string;
  /** An operator's API key for apiUrl (default the shipped development key of op-jalinda). */
  apiKey?: string;
  /** Default: the scenario's site changes applied to its base configuration. */
  site?: SiteConfig;
  seed?: number;
  /** Simulated seconds per wall second; default the scenario's. */
  speed?: number;
  /** Epoch ms of simulated time 0; default now − duration, so the run ends about now. */
  startMs?: number;
  /** Stop at this simulated time. */
  untilMs?: number;
  passwordTemplate?: string;
  /** Read-only client that may subscribe alerts/# (default ops-dashboard). */
  alertsUser?: string;
  /** After the last publish, how long to keep listening (a tick of the service's clock rules). */
  settleMs?: number;
  check?: boolean;
  onProgress?: (line: string) => void;
  signal?: AbortSignal;
}

export interface RunSummary {
  scenario: string;
  seed: number;
  speed: number;
  startMs: number;
  simulatedMs: number;
  messages: number;
  sent: number;
  acked: number;
  failed: number;
  errors: string[];
  rejections: RejectionTally;
  /** Alert transitions seen, in arrival order. */
  alerts: AlertEvent[];
  activeAtEnd?: ActiveAlert[];
  wallMs: number;
  check?: CheckResult;
}

export const DEFAULT_PASSWORD_TEMPLATE = 'dev-secret-{id}';
/** The shipped configuration's development key of an operator (README, API keys and roles). */
export const DEFAULT_API_KEY = 'dev-key-op-jalinda';

/** Anchors simulated time so that the run ends about now: nothing is stamped in the future. */
export function defaultStartMs(durationMs: number, now = Date.now()): number {
  return Math.floor(now / 1000) * 1000 - durationMs;
}

/**
 * Plays a scenario into the service over MQTT, as its devices with their credentials, listens to
 * the alerts, and judges them against the scenario's expectations.
 */
export async function runScenario(options: RunOptions): Promise<RunSummary> {
  const { scenario } = options;
  const site = options.site ?? scenarioSite(scenario);
  const seed = options.seed ?? scenario.seed;
  const speed = options.speed ?? scenario.speed;
  const simulatedMs = Math.min(scenario.duration, options.untilMs ?? scenario.duration);
  const startMs = options.startMs ?? defaultStartMs(simulatedMs);
  const passwordTemplate = options.passwordTemplate ?? DEFAULT_PASSWORD_TEMPLATE;
  const alertsUser = options.alertsUser ?? 'ops-dashboard';
  const feed = generateFeed(scenario, site, { startMs, seed, untilMs: simulatedMs });
  if (options.check && options.apiUrl) await refuseUsedService(scenario, options.apiUrl, options.apiKey);

  const listener = await AlertListener.connect(
    options.url,
    alertsUser,
    passwordTemplate.replaceAll('{id}', alertsUser),
  );
  const started = Date.now();
  try {
    const result = await play(plan(feed, startMs, speed), {
      url: options.url,
      passwordTemplate,
      signal: options.signal,
      onProgress: (p) =>
        options.onProgress?.(
          `[${(p.elapsedMs / 1000).toFixed(1).padStart(6)} s] sim ${formatSimTime(p.atWallMs * speed)} / ${formatSimTime(simulatedMs)}` +
            `  sent ${p.sent}/${p.total}  failed ${p.failed}  rejected ${p.rejections.messages}  alerts ${firingCount(listener.events)}`,
        ),
    });
    // The service's clock rules tick every ALERT_TICK_SECONDS: give them one tick to catch up.
    await sleep(options.settleMs ?? 12_000);
    let activeAtEnd: ActiveAlert[] | undefined;
    if (options.apiUrl) {
      try {
        activeAtEnd = await activeAlerts(options.apiUrl, options.apiKey ?? DEFAULT_API_KEY);
      } catch (error) {
        // Without the API the transitions seen on MQTT stand in (weaker: see expectations.ts).
        options.onProgress?.(`warning: no active alerts from ${options.apiUrl}: ${(error as Error).message}`);
      }
    }
    await result.connections.close();
    const summary: RunSummary = {
      scenario: scenario.name,
      seed,
      speed,
      startMs,
      simulatedMs,
      messages: feed.length,
      sent: result.sent,
      acked: result.acked,
      failed: result.failed,
      errors: result.errors,
      rejections: result.rejections,
      alerts: [...listener.events],
      activeAtEnd,
      wallMs: Date.now() - started,
    };
    if (options.check) {
      summary.check = checkRun({
        scenario,
        startMs,
        events: summary.alerts,
        activeAtEnd,
        rejections: result.rejections,
        failedPublishes: result.failed,
      });
    }
    return summary;
  } finally {
    await listener.close();
  }
}

/** Throws, saying why and how to fix it, when alerts the check judges are active before it starts. */
async function refuseUsedService(scenario: Scenario, apiUrl: string, apiKey = DEFAULT_API_KEY) {
  let active: ActiveAlert[];
  try {
    active = await activeAlerts(apiUrl, apiKey);
  } catch (error) {
    throw new Error(
      `cannot ask ${apiUrl} which alerts are already active (${(error as Error).message}): ` +
        'is the service running? (--api none skips this, and judges on MQTT alone)',
      { cause: error },
    );
  }
  const conflicting = alreadyActive(scenario, active);
  if (conflicting.length > 0) throw new Error(formatAlreadyActive(scenario.name, apiUrl, conflicting));
}

/** Wall-clock schedule: simulated time divided by the speed, never before the reading's own time. */
export function plan(feed: FeedMessage[], startMs: number, speed: number) {
  return feed.map((message) => ({
    wallMs: message.atMs / speed,
    notBeforeMs: startMs + message.atMs,
    topic: message.topic,
    payload: message.payload,
  }));
}

/** Whether a clock-rule alert was still active once the run had caught up with the present. */
function endState(summary: RunSummary, event: AlertEvent): string {
  const active = summary.activeAtEnd ?? activeFromEvents(summary.alerts);
  const still = active.some((a) => a.ruleId === event.alert.ruleId && a.subjectId === event.alert.subjectId);
  return still ? 'active' : 'resolved';
}

function firingCount(events: AlertEvent[]): number {
  return events.filter((e) => e.transition === 'firing').length;
}

/** The end-of-run summary: counts, alerts by rule and subject, and the check's verdicts. */
export function formatSummary(summary: RunSummary): string {
  const fired = summary.alerts.filter((e) => e.transition === 'firing' || e.transition === 'escalated');
  const codes = Object.entries(summary.rejections.byCode)
    .map(([code, n]) => `${code} ×${n}`)
    .join(', ');
  return [
    `scenario ${summary.scenario}: ${formatSimTime(summary.simulatedMs)} simulated in ${(summary.wallMs / 1000).toFixed(1)} s (×${summary.speed}, seed ${summary.seed}, start ${new Date(summary.startMs).toISOString()})`,
    `sent ${summary.sent}/${summary.messages}, acked ${summary.acked}, failed ${summary.failed}; rejected ${summary.rejections.messages} message(s)${codes ? ` (${codes})` : ''}`,
    `alerts seen: ${fired.length}${fired.length > 0 ? '' : ' (none)'}`,
    ...fired.map(
      (e) =>
        `  ${e.transition.padEnd(9)} ${e.alert.ruleId} on ${e.alert.subjectId} (${e.alert.severity})` +
        (SERVICE_CLOCK_RULES.has(e.alert.ruleId)
          ? ` — service clock, ${endState(summary, e)} at the end`
          : ''),
    ),
    ...(summary.errors.length > 0 ? [`errors: ${summary.errors.join('; ')}`] : []),
    ...(summary.check
      ? [`check: ${summary.check.passed ? 'PASSED' : 'FAILED'}`, ...summary.check.lines.map((l) => `  ${l}`)]
      : []),
  ].join('\n');
}

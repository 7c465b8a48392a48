import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { PointBatch } from '@jct/contract';
import { RULE_CATALOGUE, step } from '@jct/rules';
import { Subject, type Subscription } from 'rxjs';
import { Clock, type Timer } from '../clock/clock';
import { AppConfig } from '../config/app-config';
import { ReadingsHub } from '../ingest/readings-hub';
import { MessageBus } from '../broker/message-bus';
import { LeadershipService } from '../leadership/leadership.service';
import type { AlertEvent } from './alert';
import { AlertStore } from './alert-store';
import { EVALUATORS, type Evaluator, type PhaseOf, type RuleHit } from './rule-hit';

/**
 * Runs every accepted reading through the evaluators and the state machine, synchronously, as it
 * is accepted: an alert is published within the same turn as the breaching reading. Transitions
 * are written to the alert log before they are published.
 */
@Injectable()
export class AlertEngine implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('AlertEngine');
  private subscription?: Subscription;
  private timers: Timer[] = [];
  /** Every alert transition, for in-process consumers (notifications, live stream). */
  readonly events$ = new Subject<AlertEvent>();
  private readonly phaseOf: PhaseOf = (ruleId, subjectId) =>
    this.store.condition(ruleId, subjectId)?.phase ?? 'normal';

  constructor(
    private readonly hub: ReadingsHub,
    private readonly store: AlertStore,
    private readonly bus: MessageBus,
    @Inject(EVALUATORS) private readonly evaluators: Evaluator[],
    private readonly config: AppConfig,
    private readonly clock: Clock,
    // Optional only for the benchmark, which builds the engine by hand; the module provides it.
    @Optional() private readonly leadership?: LeadershipService,
  ) {}

  onModuleInit(): void {
    this.subscription = this.hub.accepted$.subscribe((batch) => this.evaluate(batch));
    // Resolved alerts are kept ALERT_RETENTION_DAYS, then forgotten: at start and hourly.
    const prune = () => this.store.pruneResolved(this.clock.now() - this.config.alerts.retentionMs);
    prune();
    this.timers = [
      this.clock.every(this.config.alerts.tickMs, () => this.tick()),
      this.clock.every(3_600_000, prune),
    ];
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers) timer.cancel();
    this.subscription?.unsubscribe();
    this.store.close();
  }

  /** Evaluates a message reading by reading, oldest first: a buffered batch is many readings. */
  evaluate(batch: PointBatch): void {
    const events: AlertEvent[] = [];
    for (const reading of splitByTimestamp(batch)) this.evaluateReading(reading, events);
    this.commit(events);
  }

  private evaluateReading(batch: PointBatch, events: AlertEvent[]): void {
    for (const evaluator of this.evaluators) {
      let hits: RuleHit[];
      try {
        hits = evaluator.evaluate(batch, this.phaseOf);
      } catch (error) {
        // A rule bug must not stop ingestion or the other rules.
        this.logger.error(`evaluating ${batch.device.deviceId}: ${(error as Error).stack ?? error}`);
        continue;
      }
      this.apply(hits, events);
    }
  }

  /** Judges silence on the service clock (ALERT_TICK_SECONDS). */
  tick(now = this.clock.now()): void {
    const events: AlertEvent[] = [];
    for (const evaluator of this.evaluators) {
      try {
        this.apply(evaluator.tick?.(now, this.phaseOf) ?? [], events);
      } catch (error) {
        this.logger.error(`tick: ${(error as Error).stack ?? error}`);
      }
    }
    this.commit(events);
    this.store.compactIfNeeded();
  }

  /** Acknowledges a firing alert; undefined when it is not firing. */
  acknowledge(id: string, by: string): AlertEvent | undefined {
    const event = this.store.acknowledge(id, by, this.clock.now());
    if (event) this.commit([event]);
    return event;
  }

  private apply(hits: RuleHit[], events: AlertEvent[]): void {
    for (const hit of hits) {
      const previous = this.store.condition(hit.ruleId, hit.subjectId);
      const { breached, ts } = hit.observation;
      if (!breached && previous?.phase === 'normal' && ts > previous.lastTs) {
        // The hot path — all is well and stays well — updated in place: exactly what step() would
        // return, without allocating for every rule of every reading (bench/alert-evaluation).
        previous.lastTs = ts;
        previous.lastClearTs = ts;
        continue;
      }
      const result = step(previous, hit.observation);
      this.store.setCondition(hit.ruleId, hit.subjectId, result.state, result.changed);
      if (!result.transition) continue;
      const trigger = hit.trigger ?? { deviceId: hit.subjectId, value: hit.observation.value };
      const subject = {
        id: hit.subjectId,
        type: RULE_CATALOGUE[hit.ruleId].subject,
        shipmentId: hit.shipmentId,
      };
      const event = this.store.apply(hit.ruleId, subject, result.transition, trigger, this.clock.now());
      if (event) events.push(event);
    }
  }

  /** Changes reach the disk in one write, then the events go out: nothing is published unsaved. */
  private commit(events: AlertEvent[]): void {
    this.store.flush();
    for (const event of events) this.publish(event);
  }

  private publish(event: AlertEvent): void {
    this.events$.next(event);
    // Every instance evaluates (a hot standby); only the leader tells other systems.
    if (this.leadership && !this.leadership.isLeader()) return;
    // QoS 1 for other systems; the alert is already in the log, so a publish failure loses nothing.
    this.bus
      .publish(`alerts/${event.alert.subjectId}`, JSON.stringify(event), { qos: 1 })
      .catch((error: Error) => {
        this.logger.warn(`could not publish alert ${event.alert.id}: ${error.message}`);
      });
  }
}

/** One PointBatch per device timestamp, in time order. */
export function splitByTimestamp(batch: PointBatch): PointBatch[] {
  const first = batch.points[0]?.ts;
  if (batch.points.every((point) => point.ts === first)) return [batch]; // the usual single reading
  const byTs = new Map<number, PointBatch['points']>();
  for (const point of batch.points) {
    const points = byTs.get(point.ts);
    if (points) points.push(point);
    else byTs.set(point.ts, [point]);
  }
  if (byTs.size === 1) return [batch];
  return [...byTs.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, points]) => ({ device: batch.device, points }));
}

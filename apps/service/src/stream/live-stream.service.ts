import { Injectable, type BeforeApplicationShutdown, type MessageEvent } from '@nestjs/common';
import type { IceCrossingStatus } from '@jct/rules';
import {
  asyncScheduler,
  defer,
  filter,
  from,
  groupBy,
  interval,
  map,
  merge,
  mergeMap,
  Subject,
  takeUntil,
  throttleTime,
  type Observable,
} from 'rxjs';
import { AlertEngine } from '../alerts/alert-engine.service';
import type { Caller } from '../auth/caller';
import { CallerScope } from '../auth/caller-scope';
import { CrossingMonitor } from '../crossings/crossing-monitor.service';
import { ReadingsHub } from '../ingest/readings-hub';

const KEEPALIVE_MS = 15_000;
/**
 * At most one reading event per device per second (the first at once, the newest at the end of
 * the second): a screen needs the latest value, and a device flushing its buffer must not flood
 * every open dashboard.
 */
const READING_EVERY_MS = 1000;

/**
 * The live stream of one caller: crossing status changes, alert transitions and
 * accepted readings, each filtered by the caller's scope before it leaves the process.
 */
@Injectable()
export class LiveStream implements BeforeApplicationShutdown {
  private readonly closing$ = new Subject<void>();

  constructor(
    private readonly monitor: CrossingMonitor,
    private readonly engine: AlertEngine,
    private readonly hub: ReadingsHub,
    private readonly scope: CallerScope,
  ) {}

  of(caller: Caller): Observable<MessageEvent> {
    const streams: Observable<MessageEvent>[] = [
      this.engine.events$.pipe(
        filter((event) => this.scope.canSeeAlert(caller, event.alert)),
        map((event) => ({ type: 'alert', data: event })),
      ),
      this.hub.accepted$.pipe(
        filter((batch) => this.scope.canSeeDevice(caller, batch.device.deviceId)),
        groupBy((batch) => batch.device.deviceId),
        mergeMap((perDevice) =>
          perDevice.pipe(throttleTime(READING_EVERY_MS, asyncScheduler, { leading: true, trailing: true })),
        ),
        map((batch) => ({
          type: 'reading',
          data: {
            deviceId: batch.device.deviceId,
            kind: batch.device.kind,
            assetId: batch.device.assetId,
            points: batch.points.map((p) => ({
              metric: p.metric,
              ts: new Date(p.ts).toISOString(),
              value: p.value,
            })),
          },
        })),
      ),
      interval(KEEPALIVE_MS).pipe(map(() => ({ type: 'ping', data: {} }))),
    ];
    if (this.scope.canSeeCrossings(caller)) {
      // The current status first, so a client that connects sees the crossing at once.
      const current = defer(() =>
        from(
          this.monitor
            .iceCrossings()
            .flatMap((view) => (view.status ? [view.status] : []))
            .map(statusEvent),
        ),
      );
      streams.push(current, this.monitor.status$.pipe(map(statusEvent)));
    }
    return merge(...streams).pipe(takeUntil(this.closing$));
  }

  /** Ends every open stream, or the HTTP server would wait for the browsers at shutdown. */
  beforeApplicationShutdown(): void {
    this.closing$.next();
  }
}

function statusEvent(status: IceCrossingStatus): MessageEvent {
  return {
    type: 'crossing-status',
    data: { ...status, evaluatedAt: new Date(status.evaluatedAt).toISOString() },
  };
}

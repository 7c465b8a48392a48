import { Clock, type ScheduledWork, type Timer } from './clock';

interface Pending {
  at: number;
  /** For an `every` timer; undefined for an `after` timer. */
  interval?: number;
  work: ScheduledWork;
  order: number;
}

/**
 * A clock that moves only when told: `advance(ms)` runs every timer that falls due, in time order,
 * each at its own time, and waits for the work each returns (a sending round, a report run), so a
 * test knows that what was due has been done when it resolves. For tests that build the service
 * in-process (they override the Clock provider); the service itself never constructs one.
 */
export class TestClock extends Clock {
  private current: number;
  private readonly pending = new Set<Pending>();
  private scheduled = 0;

  constructor(start = Date.now()) {
    super();
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  every(ms: number, work: ScheduledWork): Timer {
    return this.schedule({ at: this.current + ms, interval: Math.max(1, ms), work, order: this.scheduled++ });
  }

  after(ms: number, work: ScheduledWork): Timer {
    return this.schedule({ at: this.current + ms, work, order: this.scheduled++ });
  }

  /** Moves time forward by `ms`, running (and awaiting) what falls due on the way. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (let next = this.nextDue(target); next; next = this.nextDue(target)) {
      this.current = Math.max(this.current, next.at);
      if (next.interval === undefined) this.pending.delete(next);
      else next.at += next.interval;
      await next.work();
    }
    this.current = Math.max(this.current, target);
  }

  /** How many timers are waiting (a stopped service leaves none). */
  get timers(): number {
    return this.pending.size;
  }

  private schedule(entry: Pending): Timer {
    this.pending.add(entry);
    return { cancel: () => this.pending.delete(entry) };
  }

  private nextDue(until: number): Pending | undefined {
    let next: Pending | undefined;
    for (const entry of this.pending) {
      if (entry.at > until) continue;
      if (!next || entry.at < next.at || (entry.at === next.at && entry.order < next.order)) next = entry;
    }
    return next;
  }
}

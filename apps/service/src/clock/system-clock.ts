import { Logger } from '@nestjs/common';
import { Clock, type ScheduledWork, type Timer } from './clock';

/** The wall clock and Node's timers: the clock of a running service. */
export class SystemClock extends Clock {
  private readonly logger = new Logger('Clock');

  now(): number {
    return Date.now();
  }

  every(ms: number, work: ScheduledWork): Timer {
    const timer = setInterval(() => this.run(work), ms);
    return { cancel: () => clearInterval(timer) };
  }

  after(ms: number, work: ScheduledWork): Timer {
    const timer = setTimeout(() => this.run(work), ms);
    return { cancel: () => clearTimeout(timer) };
  }

  /** A failing round is logged; the timer goes on (the next round may succeed). */
  private run(work: ScheduledWork): void {
    try {
      Promise.resolve(work()).catch((error: unknown) => this.fail(error));
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    this.logger.error(`scheduled work failed: ${(error as Error).stack ?? String(error)}`);
  }
}

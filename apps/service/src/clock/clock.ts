/** Work a clock runs on time; a returned promise is the work's end (a test clock waits for it). */
export type ScheduledWork = () => unknown;

/** A timer handed out by a clock. */
export interface Timer {
  cancel(): void;
}

/**
 * The service's time: what "now" is, and the timers of work the service schedules itself (the
 * alert tick, the outbox's sending round and reminders, daily reports, retention). It is the one
 * place the service reads the time, so a test sets it and advances it instead of waiting on the
 * wall clock. Timeouts that bound I/O (a store answer, shutdown) stay on real time: they wait on
 * another system, not on the calendar.
 */
export abstract class Clock {
  /** Epoch milliseconds. */
  abstract now(): number;
  /** Runs `work` every `ms` from now on, until cancelled. */
  abstract every(ms: number, work: ScheduledWork): Timer;
  /** Runs `work` once, `ms` from now, unless cancelled. */
  abstract after(ms: number, work: ScheduledWork): Timer;
}

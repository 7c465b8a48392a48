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
 * wall clock. Waits on another system (a store's answer, reconnecting to it, the shutdown's
 * grace period; the spool drainer in libs/storage) stay on real time: they are about I/O, not the
 * calendar.
 */
export abstract class Clock {
  /** Epoch milliseconds. */
  abstract now(): number;
  /** Runs `work` every `ms` from now on, until cancelled. */
  abstract every(ms: number, work: ScheduledWork): Timer;
  /** Runs `work` once, `ms` from now, unless cancelled. */
  abstract after(ms: number, work: ScheduledWork): Timer;
}

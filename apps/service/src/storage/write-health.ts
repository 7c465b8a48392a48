/**
 * Which files the service could not write (full disk, I/O error), for /health and /metrics. A
 * failed write is never fatal: the writer keeps what it could not write (or refuses to
 * acknowledge it) and tries again; this records that it is waiting, and clears once it is not.
 */
export class WriteHealth {
  private readonly failing = new Map<string, { error: string; since: string }>();
  /** Failed writes per file since the start. */
  readonly errors = new Map<string, number>();

  failed(file: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.errors.set(file, (this.errors.get(file) ?? 0) + 1);
    const known = this.failing.get(file);
    this.failing.set(file, { error: message, since: known?.since ?? new Date().toISOString() });
  }

  ok(file: string): void {
    this.failing.delete(file);
  }

  get healthy(): boolean {
    return this.failing.size === 0;
  }

  /** The files that cannot be written now, with the last error and since when. */
  get failures(): { file: string; error: string; since: string }[] {
    return [...this.failing].map(([file, state]) => ({ file, ...state }));
  }
}

/** For writers used without the service (tests, tools): failures are only thrown or retried. */
export const UNWATCHED = new WriteHealth();

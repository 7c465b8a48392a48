import { closeSync, existsSync, fdatasyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export type DeliveryStatus = 'queued' | 'sent' | 'failed';

/** One e-mail to one person about one alert transition. */
export interface Delivery {
  /** Idempotency key: alert, transition, its time and the person — one delivery each. */
  key: string;
  alertId: string;
  personId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  status: DeliveryStatus;
  attempts: number;
  createdAt: string;
  nextAttemptAt: number;
  sentAt?: string;
  lastError?: string;
}

/**
 * The durable outbox: every delivery is written (and synced) before it is attempted, and each
 * outcome after; a restart picks up what is still queued. A key that is already in the outbox is
 * never queued again, so a repeated event sends nothing twice.
 */
export class Outbox {
  private readonly deliveries = new Map<string, Delivery>();
  private fd = -1;

  constructor(private readonly dir: string) {}

  open(): void {
    mkdirSync(this.dir, { recursive: true });
    const path = join(this.dir, 'outbox.ndjson');
    if (existsSync(path)) {
      for (const line of readFileSync(path, 'utf8').split('\n')) {
        if (!line) continue;
        try {
          const delivery = JSON.parse(line) as Delivery;
          this.deliveries.set(delivery.key, delivery);
        } catch {
          // a torn last line: that change was never acted on
        }
      }
    }
    this.fd = openSync(path, 'a');
  }

  /** Queues a delivery unless its key is known; returns whether it was new. */
  enqueue(
    delivery: Omit<Delivery, 'status' | 'attempts' | 'createdAt' | 'nextAttemptAt'>,
    now = Date.now(),
  ): boolean {
    if (this.deliveries.has(delivery.key)) return false;
    this.save({
      ...delivery,
      status: 'queued',
      attempts: 0,
      createdAt: new Date(now).toISOString(),
      nextAttemptAt: now,
    });
    return true;
  }

  due(now = Date.now()): Delivery[] {
    return [...this.deliveries.values()].filter((d) => d.status === 'queued' && d.nextAttemptAt <= now);
  }

  markSent(key: string, now = Date.now()): void {
    const delivery = this.deliveries.get(key)!;
    this.save({
      ...delivery,
      status: 'sent',
      attempts: delivery.attempts + 1,
      sentAt: new Date(now).toISOString(),
      lastError: undefined,
    });
  }

  markRetry(key: string, error: string, retryInMs: number, now = Date.now()): Delivery {
    const delivery = this.deliveries.get(key)!;
    const next = {
      ...delivery,
      attempts: delivery.attempts + 1,
      lastError: error,
      nextAttemptAt: now + retryInMs,
    };
    this.save(next);
    return next;
  }

  markFailed(key: string, error: string): void {
    const delivery = this.deliveries.get(key)!;
    this.save({ ...delivery, status: 'failed', attempts: delivery.attempts + 1, lastError: error });
  }

  list(filter: { status?: DeliveryStatus; alertId?: string } = {}): Delivery[] {
    return [...this.deliveries.values()].filter(
      (d) =>
        (!filter.status || d.status === filter.status) && (!filter.alertId || d.alertId === filter.alertId),
    );
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  private save(delivery: Delivery): void {
    // Deliveries are few (alert transitions × recipients): each change is synced at once.
    writeSync(this.fd, JSON.stringify(delivery) + '\n');
    fdatasyncSync(this.fd);
    this.deliveries.set(delivery.key, delivery);
  }
}

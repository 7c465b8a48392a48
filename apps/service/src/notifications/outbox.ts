import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppendOnlyFile } from '../append-only-file';
import { readNdjson } from '../ndjson-file';
import type { WriteHealth } from '../storage/write-health';

export type DeliveryStatus = 'queued' | 'sent' | 'failed';

/**
 * One piece of news for one person: an alert transition, a reminder or a daily report. Pieces for
 * the same person that fall within the group window travel in one e-mail.
 */
export interface Delivery {
  /** Idempotency key: alert, transition, its time and the person — one delivery each. */
  key: string;
  /** The alert it is about; absent for a daily report. */
  alertId?: string;
  personId: string;
  to: string;
  /** The person's language, for the heading of a grouped e-mail. */
  language?: 'en' | 'ru' | 'zh';
  /** For ordering inside a grouped e-mail and its subject: the most severe first. */
  severity?: 'warning' | 'major' | 'critical';
  subject: string;
  text: string;
  html: string;
  status: DeliveryStatus;
  /** The Message-ID of the e-mail that carried it, once sent. */
  messageId?: string;
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
  private file?: AppendOnlyFile;

  constructor(
    private readonly dir: string,
    private readonly health?: WriteHealth,
  ) {}

  open(): void {
    mkdirSync(this.dir, { recursive: true });
    const path = join(this.dir, 'outbox.ndjson');
    for (const delivery of readNdjson<Delivery>(path)) this.deliveries.set(delivery.key, delivery);
    // On a full disk a change waits in memory, in order, and is written when space returns.
    this.file = new AppendOnlyFile(path, { syncEach: true, keepUnwritten: true, health: this.health });
    this.file.open();
  }

  /**
   * Queues a delivery unless its key is known; returns whether it was new. With a group window it
   * joins the window already open for the same person (so it leaves with the news queued before
   * it), or opens one: a thaw that trips twelve stations is one e-mail, not twelve.
   */
  enqueue(
    delivery: Omit<Delivery, 'status' | 'attempts' | 'createdAt' | 'nextAttemptAt'>,
    now: number,
    groupWindowMs = 0,
  ): boolean {
    if (this.deliveries.has(delivery.key)) return false;
    const open = [...this.deliveries.values()].find(
      (d) => d.status === 'queued' && d.personId === delivery.personId && d.nextAttemptAt > now,
    );
    this.save({
      ...delivery,
      status: 'queued',
      attempts: 0,
      createdAt: new Date(now).toISOString(),
      nextAttemptAt: open?.nextAttemptAt ?? now + groupWindowMs,
    });
    return true;
  }

  /** What is due now, as one group per person (oldest first): each group is one e-mail. */
  dueGroups(now: number): Delivery[][] {
    const groups = new Map<string, Delivery[]>();
    for (const d of this.deliveries.values()) {
      if (d.status !== 'queued' || d.nextAttemptAt > now) continue;
      const group = groups.get(d.personId) ?? [];
      group.push(d);
      groups.set(d.personId, group);
    }
    return [...groups.values()];
  }

  markSent(keys: string[], messageId: string, now: number): void {
    this.saveAll(
      keys.map((key) => {
        const delivery = this.deliveries.get(key)!;
        return {
          ...delivery,
          status: 'sent' as const,
          attempts: delivery.attempts + 1,
          messageId,
          sentAt: new Date(now).toISOString(),
          lastError: undefined,
        };
      }),
    );
  }

  markRetry(keys: string[], error: string, retryInMs: number, now: number): void {
    this.saveAll(
      keys.map((key) => {
        const delivery = this.deliveries.get(key)!;
        return {
          ...delivery,
          attempts: delivery.attempts + 1,
          lastError: error,
          nextAttemptAt: now + retryInMs,
        };
      }),
    );
  }

  markFailed(keys: string[], error: string): void {
    this.saveAll(
      keys.map((key) => {
        const delivery = this.deliveries.get(key)!;
        return { ...delivery, status: 'failed' as const, attempts: delivery.attempts + 1, lastError: error };
      }),
    );
  }

  has(key: string): boolean {
    return this.deliveries.has(key);
  }

  list(filter: { status?: DeliveryStatus; alertId?: string } = {}): Delivery[] {
    return [...this.deliveries.values()].filter(
      (d) =>
        (!filter.status || d.status === filter.status) && (!filter.alertId || d.alertId === filter.alertId),
    );
  }

  close(): void {
    this.file?.close();
    this.file = undefined;
  }

  private save(delivery: Delivery): void {
    this.saveAll([delivery]);
  }

  private saveAll(deliveries: Delivery[]): void {
    // Closed at shutdown while a send was still in flight: the delivery stays queued on disk and
    // goes again at the next start, as after a crash.
    if (!this.file) return;
    // Deliveries are few (alert transitions × recipients): each change is synced at once. A full
    // disk never throws here (it would stop the service): the change waits in memory instead.
    this.file.append(deliveries.map((d) => JSON.stringify(d) + '\n').join(''));
    for (const delivery of deliveries) this.deliveries.set(delivery.key, delivery);
  }
}

import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { ReadingsHub, type RejectedMessage } from './readings-hub';

const KEEP = 1000;

/**
 * The latest rejected messages, in memory (engineers look at rejections). The counters
 * at /metrics are the durable record; this shows what the devices actually got wrong.
 */
@Injectable()
export class RejectionLog implements OnModuleInit, OnModuleDestroy {
  private readonly recent: RejectedMessage[] = [];
  private subscription?: Subscription;

  constructor(private readonly hub: ReadingsHub) {}

  onModuleInit(): void {
    this.subscription = this.hub.rejected$.subscribe((message) => {
      this.recent.push(message);
      if (this.recent.length > KEEP) this.recent.splice(0, this.recent.length - KEEP);
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  /** Newest first. */
  list(query: { deviceId?: string; code?: string; limit: number }): RejectedMessage[] {
    const result: RejectedMessage[] = [];
    for (let i = this.recent.length - 1; i >= 0 && result.length < query.limit; i--) {
      const message = this.recent[i];
      if (query.deviceId && message.deviceId !== query.deviceId) continue;
      if (query.code && !message.rejections.some((r) => r.code === query.code)) continue;
      result.push(message);
    }
    return result;
  }
}

import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { IceCrossingStatus } from '@jct/rules';
import { AppendOnlyFile } from '../append-only-file';
import { WriteHealth } from '../storage/write-health';
import { join } from 'node:path';
import { readNdjson } from '../ndjson-file';
import type { Subscription } from 'rxjs';
import { AppConfig } from '../config/app-config';
import { CrossingMonitor } from './crossing-monitor.service';

export interface CapacityPoint {
  crossingId: string;
  /** When the status took effect (evaluation time), ISO 8601. */
  ts: string;
  status: IceCrossingStatus['status'];
  maxGrossTonnes: number;
  governingStationId?: string;
  effectiveThicknessCm?: number;
}

/**
 * Capacity over time: every change of a crossing's status or allowed mass, appended to
 * DATA_DIR/crossings/history.ndjson, so the history survives a restart. A step function: each
 * point holds until the next.
 */
@Injectable()
export class CrossingHistory implements OnModuleInit, OnModuleDestroy {
  private readonly file: string;
  private writer?: AppendOnlyFile;
  private readonly points: CapacityPoint[] = [];
  private subscription?: Subscription;

  constructor(
    private readonly monitor: CrossingMonitor,
    config: AppConfig,
    private readonly health: WriteHealth,
  ) {
    this.file = join(config.dataDir, 'crossings', 'history.ndjson');
  }

  onModuleInit(): void {
    this.points.push(...readNdjson<CapacityPoint>(this.file));
    // Written from a status subscription: a full disk must not throw there (it would end the
    // process), so a change waits in memory until it can be written.
    this.writer = new AppendOnlyFile(this.file, {
      syncEach: false,
      keepUnwritten: true,
      health: this.health,
    });
    this.writer.open();
    // The status the monitor computed at its own start, then every change.
    for (const view of this.monitor.iceCrossings()) if (view.status) this.record(view.status);
    this.subscription = this.monitor.status$.subscribe((status) => this.record(status));
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    this.writer?.close();
  }

  private record(status: IceCrossingStatus): void {
    const last = [...this.points].reverse().find((p) => p.crossingId === status.crossingId);
    if (last && last.status === status.status && last.maxGrossTonnes === status.maxGrossTonnes) return;
    const point: CapacityPoint = {
      crossingId: status.crossingId,
      ts: new Date(status.evaluatedAt).toISOString(),
      status: status.status,
      maxGrossTonnes: status.maxGrossTonnes,
      governingStationId: status.governingStationId,
      effectiveThicknessCm: status.effectiveThicknessCm,
    };
    this.writer?.append(`${JSON.stringify(point)}\n`);
    this.points.push(point);
  }

  /** The changes within [from, to), preceded by the one in force at `from`. */
  between(crossingId: string, from: number, to: number): CapacityPoint[] {
    const mine = this.points.filter((p) => p.crossingId === crossingId);
    const before = mine.filter((p) => Date.parse(p.ts) < from).pop();
    const inside = mine.filter((p) => Date.parse(p.ts) >= from && Date.parse(p.ts) < to);
    return before ? [before, ...inside] : inside;
  }
}

import { BadRequestException, Injectable, NotFoundException, type OnModuleInit } from '@nestjs/common';
import { closeSync, fdatasyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Caller } from '../auth/caller';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config';
import { parseTimeParameter } from '../http/time-parameter';
import { readNdjson } from '../ndjson-file';
import { SiteRegistry } from '../site/site-registry';
import { CrossingMonitor } from './crossing-monitor.service';

/** One ice thickness an operator measured by hand (a drilling), as recorded. */
export interface ManualMeasurement {
  crossingId: string;
  stationId: string;
  /** When the ice was measured, epoch ms (UTC). */
  ts: number;
  thicknessCm: number;
  /** Who entered it: the person the API key belongs to, by name, and their id. */
  by: string;
  personId: string;
  /** When it was entered, epoch ms. */
  recordedAt: number;
}

/** A drilling can be entered a while after it was made, but not for ice of another month. */
const MAX_AGE_MS = 7 * 86_400_000;
/** Clocks of a phone and the server disagree a little. */
const MAX_AHEAD_MS = 5 * 60_000;

/**
 * Operators' manual ice measurements (docs/domain.md §8): believed whatever they say, they confirm
 * a rise a station reported faster than ice can grow. Appended and synced to
 * DATA_DIR/crossings/manual-measurements.ndjson before the API answers, so they survive a restart,
 * and replayed into the crossing monitor at start.
 */
@Injectable()
export class ManualMeasurements implements OnModuleInit {
  private readonly file: string;

  constructor(
    private readonly monitor: CrossingMonitor,
    private readonly site: SiteRegistry,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    const directory = join(config.dataDir, 'crossings');
    mkdirSync(directory, { recursive: true });
    this.file = join(directory, 'manual-measurements.ndjson');
  }

  onModuleInit(): void {
    for (const m of readNdjson<ManualMeasurement>(this.file)) {
      this.monitor.recordManual(m.stationId, { ts: m.ts, valueCm: m.thicknessCm, by: m.by });
    }
  }

  /** Validates, stores durably, then applies. 404 for a station not on that ice crossing. */
  record(caller: Caller, crossingId: string, stationId: string, body: unknown) {
    const view = this.monitor.crossingOfStation(stationId);
    if (!view || view.crossing.id !== crossingId) {
      throw new NotFoundException(`no ice station ${stationId} on crossing ${crossingId}`);
    }
    const now = this.clock.now();
    const { thicknessCm, ts } = parseBody(body, now);
    const person = this.site.config.people.find((p) => p.id === caller.personId);
    const measurement: ManualMeasurement = {
      crossingId,
      stationId,
      ts,
      thicknessCm,
      by: person?.name ?? caller.personId,
      personId: caller.personId,
      recordedAt: now,
    };
    this.append(measurement);
    this.monitor.recordManual(stationId, { ts, valueCm: thicknessCm, by: measurement.by });
    return {
      crossingId,
      stationId,
      measuredAt: new Date(ts).toISOString(),
      thicknessCm,
      by: measurement.by,
      recordedAt: new Date(now).toISOString(),
    };
  }

  private append(measurement: ManualMeasurement): void {
    const fd = openSync(this.file, 'a');
    try {
      writeSync(fd, `${JSON.stringify(measurement)}\n`);
      fdatasyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

function parseBody(body: unknown, now: number): { thicknessCm: number; ts: number } {
  const errors: string[] = [];
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const thicknessCm = fields.thicknessCm;
  if (
    typeof thicknessCm !== 'number' ||
    !Number.isFinite(thicknessCm) ||
    thicknessCm <= 0 ||
    thicknessCm > 1000
  ) {
    errors.push('thicknessCm: a number of centimetres, more than 0 and at most 1000');
  }
  let ts = now;
  if (fields.measuredAt !== undefined) {
    const parsed =
      typeof fields.measuredAt === 'string'
        ? parseTimeParameter('measuredAt', fields.measuredAt)
        : { error: 'measuredAt: ISO 8601 with a zone, or epoch milliseconds as a string' };
    if ('error' in parsed) errors.push(parsed.error);
    else if (parsed.ms > now + MAX_AHEAD_MS) errors.push('measuredAt: in the future');
    else if (parsed.ms < now - MAX_AGE_MS) errors.push('measuredAt: more than 7 days ago');
    else ts = parsed.ms;
  }
  if (errors.length > 0) throw new BadRequestException(errors);
  return { thicknessCm: thicknessCm as number, ts };
}

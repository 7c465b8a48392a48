import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Since when the service has run on this DATA_DIR, and since when it has known each container. */
export interface Coverage {
  serviceSince: number;
  containers: Record<string, number>;
}

/**
 * Whether a daily report may cover the day that ends at `dayEnd`: only when the service was already
 * running on that day and the shipment already existed (was in its site configuration). Otherwise
 * the first start would mail a report for a day nobody watched: "no readings" from a service that
 * was not there is not news.
 */
export function coversDay(coverage: Coverage, containerId: string, dayEnd: number): boolean {
  const since = coverage.containers[containerId];
  return coverage.serviceSince < dayEnd && since !== undefined && since < dayEnd;
}

/**
 * Remembers, in one small JSON file of DATA_DIR, when the service first started and when it first
 * saw each container. Written whole to a temporary file and renamed, so a crash leaves the old
 * file or the new one. An unreadable file counts as a first start: reports then begin with the
 * next day, and none is sent for days the service cannot vouch for.
 */
export class ReportCoverage {
  readonly coverage: Coverage;

  constructor(
    private readonly file: string,
    containerIds: string[],
    now: number,
  ) {
    const known = read(file);
    const coverage: Coverage = known ?? { serviceSince: now, containers: {} };
    let changed = known === undefined;
    for (const id of containerIds) {
      if (coverage.containers[id] !== undefined) continue;
      coverage.containers[id] = now;
      changed = true;
    }
    this.coverage = coverage;
    if (changed) this.write();
  }

  covers(containerId: string, dayEnd: number): boolean {
    return coversDay(this.coverage, containerId, dayEnd);
  }

  private write(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(this.coverage, null, 2)}\n`);
    renameSync(temporary, this.file);
  }
}

function read(file: string): Coverage | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Coverage>;
    if (typeof parsed.serviceSince !== 'number' || typeof parsed.containers !== 'object') return undefined;
    return { serviceSince: parsed.serviceSince, containers: { ...parsed.containers } };
  } catch {
    return undefined;
  }
}

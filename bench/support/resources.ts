// What a benchmark measures of a process: resident memory and CPU time, from /proc.
import { readFileSync } from 'node:fs';

export interface ProcessMemory {
  rssBytes: number;
  /** VmHWM: the peak resident set. */
  peakRssBytes: number;
  /** Of rssBytes: anonymous memory (heaps, buffers) and file-backed pages (the node binary, .so files). */
  rssAnonBytes: number;
  rssFileBytes: number;
}

/** Resident memory of a process in bytes, from /proc/<pid>/status. */
export function memoryOf(pid: number | undefined): ProcessMemory | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) =>
      Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return {
      rssBytes: kb('VmRSS'),
      peakRssBytes: kb('VmHWM'),
      rssAnonBytes: kb('RssAnon'),
      rssFileBytes: kb('RssFile'),
    };
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system, all threads) a process has used, from /proc/<pid>/stat. */
export function cpuSecondsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state is field 3, utime 14 and stime 15; clock ticks of 1/100 s
    // (`getconf CLK_TCK` on Linux x86-64 and arm64).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/**
 * Peak RSS of a process: VmHWM when the kernel reports it, else the largest VmRSS seen by
 * sampling every 200 ms.
 */
export class RssWatch {
  private maxRss = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.timer = setInterval(() => this.sample(), 200);
    this.timer.unref();
  }

  sample(): void {
    const memory = memoryOf(this.pid);
    if (memory && memory.rssBytes > this.maxRss) this.maxRss = memory.rssBytes;
  }

  /** Read before the process exits. */
  peakBytes(): number {
    this.sample();
    const hwm = memoryOf(this.pid)?.peakRssBytes;
    return Number.isFinite(hwm) && hwm !== undefined ? Math.max(hwm, this.maxRss) : this.maxRss;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

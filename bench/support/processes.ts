// Child processes and temp dirs of a benchmark run: every one is registered here and removed on
// the way out, also after a failure, a signal or the run's overall time limit.
import type { ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';

const children = new Set<ChildProcess>();
const dirs = new Set<string>();

export function trackChild(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export function trackDir(dir: string): string {
  dirs.add(dir);
  return dir;
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  dirs.delete(dir);
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export async function stopChild(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Stops every tracked child and removes every tracked dir. */
export async function cleanupAll(): Promise<void> {
  await Promise.all([...children].map((child) => stopChild(child, 5_000)));
  await Promise.all([...dirs].map((dir) => removeDir(dir).catch(() => undefined)));
}

let installed = false;
/** On a signal: clean up and exit; on any exit: kill what is left and remove the dirs synchronously. */
export function installCleanupHandlers(): void {
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping child processes and removing temp dirs`);
      void cleanupAll().finally(() => process.exit(130));
    });
  }
  process.once('exit', () => {
    for (const child of children) child.kill('SIGKILL');
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** `count` distinct free loopback ports. */
export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface ProcessMemory {
  rssBytes: number;
  /** VmHWM: the peak resident set. */
  peakRssBytes: number;
  /** Of rssBytes: anonymous memory (heaps, buffers) and file-backed pages (the node binary, .so files). */
  rssAnonBytes: number;
  rssFileBytes: number;
}

/** Resident memory of a process in bytes, from /proc/<pid>/status. */
export function memoryOf(pid: number): ProcessMemory | undefined {
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
export function cpuSecondsOf(pid: number): number | undefined {
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

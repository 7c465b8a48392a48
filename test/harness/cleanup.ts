// Every child server and temp dir the harness makes is registered here, so none outlives a
// benchmark or script that made it: not after a failure, a signal or a forgotten destroy(). Under
// Jest the exit hook does not fire (a test file sees a sandboxed `process`): tests destroy what
// they start, in afterAll/afterEach.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const children = new Set<ChildProcess>();
const dirs = new Set<string>();

let exitHookInstalled = false;
/** On any exit (a synchronous moment): kill what is left and remove the dirs. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of children) child.kill('SIGKILL');
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
}

export function trackChild(child: ChildProcess): ChildProcess {
  installExitHook();
  children.add(child);
  child.once('exit', () => children.delete(child));
  child.once('error', () => children.delete(child));
  return child;
}

/** A fresh dir under the system temp dir, removed at exit unless removeDir() came first. */
export function tempDir(prefix: string): string {
  installExitHook();
  const dir = mkdtempSync(join(tmpdir(), `jct-${prefix}-`));
  dirs.add(dir);
  return dir;
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  dirs.delete(dir);
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000) {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Stops every tracked child and removes every tracked dir. */
export async function cleanupAll(): Promise<void> {
  await Promise.all([...children].map((child) => stopChild(child, 'SIGTERM', 5_000)));
  await Promise.all([...dirs].map((dir) => removeDir(dir).catch(() => undefined)));
}

let signalsInstalled = false;
/** For a command-line run (a benchmark): on Ctrl-C or SIGTERM, clean up, then exit. */
export function cleanupOnSignals(): void {
  if (signalsInstalled) return;
  signalsInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping child processes and removing temp dirs`);
      void cleanupAll().finally(() => process.exit(130));
    });
  }
}

// The child-server lifecycle of test/harness, with plain `node -e` programs standing in for a
// server: ready on a condition, a failed start quotes the log, a start that never gets ready is
// bounded and leaves no process behind, stop and start again.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { childServer, type ChildServer } from '../harness/child-server';
import { removeDir, tempDir } from '../harness/cleanup';

let dir: string;
let server: ChildServer | undefined;

beforeEach(() => (dir = tempDir('child-server-spec')));
afterEach(async () => {
  await server?.stop();
  server = undefined;
  await removeDir(dir);
});

/** A program that prints a line, then creates `marker` after `readyAfterMs` and stays up. */
function program(line: string, marker: string, readyAfterMs: number): string {
  return `console.log(${JSON.stringify(line)}); setTimeout(() => require('node:fs').writeFileSync(${JSON.stringify(marker)}, ''), ${readyAfterMs}); setInterval(() => {}, 1000);`;
}

function serverOf(script: string, readyTimeoutMs: number, marker = join(dir, 'ready')): ChildServer {
  return childServer({
    name: 'the stand-in',
    command: process.execPath,
    args: ['-e', script],
    logFile: join(dir, 'stand-in.log'),
    isReady: async () => existsSync(marker),
    readyWhen: 'create its marker file',
    readyTimeoutMs,
    pollMs: 20,
    stopGraceMs: 2_000,
  });
}

describe('child server lifecycle', () => {
  it('start resolves once the readiness condition holds, and the log holds what it printed', async () => {
    server = serverOf(program('hello from the stand-in', join(dir, 'ready'), 300), 10_000);
    await server.start();
    expect(existsSync(join(dir, 'ready'))).toBe(true);
    expect(server.process?.exitCode).toBeNull();
    expect(server.logTail()).toContain('hello from the stand-in');
  });

  it('a server that exits before it is ready fails the start, quoting its log', async () => {
    server = serverOf('console.error("bad configuration: no port"); process.exit(3)', 10_000);
    const failure = server.start();
    await expect(failure).rejects.toThrow(/the stand-in exited with code 3/);
    await expect(failure).rejects.toThrow(/bad configuration: no port/);
    expect(server.process).toBeUndefined();
  });

  it('a server that never gets ready fails within the bound and is stopped', async () => {
    server = serverOf(program('up but never ready', join(dir, 'never'), 60_000), 500, join(dir, 'ready'));
    const startedAt = Date.now();
    await expect(server.start()).rejects.toThrow(/did not create its marker file within 500 ms/);
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    expect(server.process).toBeUndefined();
  });

  it('stop ends the process and start runs it again on the same files', async () => {
    const marker = join(dir, 'ready');
    server = serverOf(program('run', marker, 0), 10_000);
    await server.start();
    const first = server.process!;
    await server.stop();
    expect(first.exitCode !== null || first.signalCode !== null).toBe(true);
    writeFileSync(join(dir, 'kept'), 'survives a restart');
    rmSync(marker); // ready again only when the new process has run
    await server.start();
    expect(server.process?.pid).not.toBe(first.pid);
    expect(existsSync(join(dir, 'kept'))).toBe(true);
    expect(server.logTail().match(/^run$/gm)).toHaveLength(2);
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readmeShellBlocks, unmatchedExpectations, type ShellBlock } from '../support/readme-blocks';
import { startService, type ServiceProcess } from '../harness/service-process';

// The README's shell examples, run as written against the built service (a fresh DATA_DIR, the
// shipped site configuration) on private ports: `localhost:3000` and `-p 1883` are the only
// substitutions. Each block must exit 0 and print a line matching each of its `# →` lines.
const blocks = readmeShellBlocks();
const runnable = blocks.filter((block) => block.skip === undefined);
const title = (block: ShellBlock) => `README.md:${block.line} ${block.code.split('\n')[0]}`;

// Blocks run in an empty folder of their own, never in the clone: an example that writes files
// (or one that should have been skipped) cannot touch the repository or its node_modules.
const workDir = mkdtempSync(join(tmpdir(), 'jct-readme-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function runShell(code: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('sh', ['-e', '-c', code], { timeout: 20_000, cwd: workDir }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

describe('README shell examples', () => {
  let service: ServiceProcess;

  beforeAll(async () => {
    service = await startService();
  }, 30_000);
  afterAll(async () => service?.destroy(), 30_000);

  it('only blocks that cannot run in a test are skipped, each visibly marked with its reason', () => {
    expect(blocks.filter((b) => b.skip !== undefined).map((b) => b.code.split('\n')[0])).toEqual([
      'npm ci && npm start',
      'bash scripts/test.sh',
      'npm ci && npm run build && npm run deploy:init   # new secrets in deploy/ and .env (both git-ignored)',
    ]);
    for (const block of blocks) if (block.skip !== undefined) expect(block.skip.length).toBeGreaterThan(10);
    // Every example that runs says what it answers.
    for (const block of runnable)
      expect({ block: title(block), expected: block.expected.length > 0 }).toEqual({
        block: title(block),
        expected: true,
      });
  });

  it('the start-up log says where the dashboard the README points to is', () => {
    const { port } = new URL(service.httpUrl);
    expect(service.logTail(100_000)).toContain(`dashboard http://localhost:${port}/dashboard/`);
  });

  it('the output check fails on an answer the README does not show', () => {
    expect(unmatchedExpectations('{"accepted":1}', ['{"accepted":0,…}'])).toEqual(['{"accepted":0,…}']);
    expect(unmatchedExpectations('x\n{"accepted":0,"rejected":[]}', ['{"accepted":0,…}'])).toEqual([]);
  });

  it.each(runnable.map((block) => [title(block), block] as const))(
    '%s answers as the README says',
    async (_title, block) => {
      const { port: httpPort } = new URL(service.httpUrl);
      const { port: mqttPort } = new URL(service.mqttUrl);
      const code = block.code
        .replaceAll('localhost:3000', `127.0.0.1:${httpPort}`)
        .replaceAll('-p 1883', `-p ${mqttPort}`);
      // An example reaching the default ports some other way would talk to no service here.
      expect(code).not.toMatch(/:3000\b|\b1883\b/);
      // A block that publishes and then reads `latest` races the spool, which hands readings to the
      // store a few tens of milliseconds after the acknowledgement (a person typing never sees it):
      // run it again until it answers as written, at most five times within about three seconds.
      let result = await runShell(code);
      let missing = unmatchedExpectations(result.stdout, block.expected);
      for (let attempt = 1; attempt < 5 && (result.code !== 0 || missing.length > 0); attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 300 * attempt));
        result = await runShell(code);
        missing = unmatchedExpectations(result.stdout, block.expected);
      }
      const failed = result.code !== 0 || missing.length > 0;
      expect({ exit: result.code, missing, output: failed ? result.stdout + result.stderr : '' }).toEqual({
        exit: 0,
        missing: [],
        output: '',
      });
    },
    30_000,
  );
});

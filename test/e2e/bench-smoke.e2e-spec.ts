// Every `npm run bench…` script, run in smoke mode (bench/support/smoke.ts) from the build, as
// `npm run <script> -- --smoke` runs it: a benchmark that cannot start (an import cycle, a missing
// file) or cannot finish (a phase that fails or hangs) fails here instead of rotting unseen. The
// list comes from package.json, so a new benchmark script is covered the day it is added.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const scripts = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;
const benchmarks = Object.entries(scripts)
  .filter(([name]) => name === 'bench' || name.startsWith('bench:'))
  .map(([name, command]) => ({ name, entry: /\bnode (dist\/bench\/\S+\.js)/.exec(command)?.[1] }));

function runSmoke(entry: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [entry, '--smoke'],
      { cwd: ROOT, timeout: 280_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

describe('benchmark smoke runs', () => {
  it('package.json has the four benchmark scripts, each running a built file', () => {
    expect(benchmarks.map((b) => b.name).sort()).toEqual(
      expect.arrayContaining(['bench', 'bench:alerts-eval', 'bench:alerts-latency', 'bench:reconnect']),
    );
    for (const { name, entry } of benchmarks)
      expect({ name, entry }).toEqual({ name, entry: expect.any(String) });
  });

  it.each(benchmarks)(
    'npm run $name -- --smoke starts and finishes',
    async ({ name, entry }) => {
      const file = join(ROOT, entry!);
      if (!existsSync(file))
        throw new Error(`${file} is missing: run \`npm run build\` before the end-to-end tests`);
      const { code, output } = await runSmoke(entry!);
      if (code !== 0 || !output.includes(`smoke run of ${name} finished`))
        throw new Error(`${name} smoke run exited with ${code}:\n${output.slice(-4000)}`);
    },
    300_000,
  );
});

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The README's first command on a fresh clone of the committed tree: `npm ci` accepts the
// lockfile (every platform's optional binaries are in it) and nothing it does dirties the clone;
// a later `npm install` rewrites nothing either.
jest.setTimeout(900_000);

const ROOT = join(__dirname, '..', '..');
type Lock = {
  packages: Record<
    string,
    { optionalDependencies?: Record<string, string>; engines?: Record<string, string> }
  >;
};

describe('a fresh clone', () => {
  it('the lockfile lists every optional platform binary it refers to, and the engines of package.json', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as Lock;
    const missing: string[] = [];
    for (const entry of Object.values(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        if (!lock.packages[`node_modules/${name}`]) missing.push(name);
      }
    }
    expect(missing).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: unknown };
    expect(lock.packages[''].engines).toEqual(manifest.engines);
  });

  it('npm ci succeeds and leaves git status clean; npm install then changes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jct-clone-'));
    try {
      execFileSync('git', ['clone', '--quiet', ROOT, dir]);
      const run = (args: string[]) =>
        spawnSync('npm', args, {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, npm_config_loglevel: 'error' },
        });
      const ci = run(['ci', '--prefer-offline', '--no-audit', '--no-fund']);
      expect([ci.status, ci.stderr.split('\n').filter((line) => /ERR!/.test(line))]).toEqual([0, []]);
      expect(execFileSync('git', ['status', '--porcelain'], { cwd: dir, encoding: 'utf8' })).toBe('');
      const install = run(['install', '--prefer-offline', '--no-audit', '--no-fund']);
      expect(install.status).toBe(0);
      expect(execFileSync('git', ['status', '--porcelain'], { cwd: dir, encoding: 'utf8' })).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

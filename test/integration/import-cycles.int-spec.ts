// The import-cycle step of `npm run lint` (scripts/check-import-cycles.sh, dpdm) on fixture
// folders kept out of its default scope.
import { execFile } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function checkCycles(folder: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['scripts/check-import-cycles.sh', folder],
      { cwd: ROOT, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

describe('import-cycle check', () => {
  it('rejects two modules that import each other, naming both', async () => {
    const { code, output } = await checkCycles('test/fixtures/import-cycle');
    expect(code).toBe(1);
    expect(output).toMatch(/import-cycle\/right\.ts -> test\/fixtures\/import-cycle\/left\.ts/);
  }, 150_000);

  it('passes modules that refer to each other only through types', async () => {
    const { code, output } = await checkCycles('test/fixtures/type-only-cycle');
    expect(output).toMatch(/no circular dependency/);
    expect(code).toBe(0);
  }, 150_000);
});

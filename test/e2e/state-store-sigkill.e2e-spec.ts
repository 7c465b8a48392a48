import { DuckDbStateStore, type StateMigration } from '@jct/storage';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../harness/paths';

const BUILT_STORE = join(REPO_ROOT, 'dist', 'libs', 'storage', 'src', 'state', 'duckdb-state.store.js');
const MIGRATIONS: StateMigration[] = [
  {
    id: '0001-ops',
    up: `CREATE TABLE ops (id BIGINT PRIMARY KEY, note TEXT NOT NULL);
         CREATE TABLE op_parts (op BIGINT NOT NULL, part BIGINT NOT NULL, PRIMARY KEY (op, part))`,
  },
];
// A writer in its own process: each transaction writes an op and its three parts, and prints the
// op's id only after the commit resolved (what an API would acknowledge).
const WRITER = `
const { DuckDbStateStore } = require(${JSON.stringify(BUILT_STORE)});
(async () => {
  const store = new DuckDbStateStore({ path: process.argv[1] });
  await store.init(${JSON.stringify(MIGRATIONS)});
  for (let id = 1; ; id++) {
    await store.transaction(async (tx) => {
      await tx.run('INSERT INTO ops (id, note) VALUES ($1, $2)', [id, 'op ' + id]);
      for (let part = 1; part <= 3; part++)
        await tx.run('INSERT INTO op_parts (op, part) VALUES ($1, $2)', [id, part]);
    });
    process.stdout.write(id + '\\n');
  }
})();
`;

describe('Embedded state store under SIGKILL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jct-state-kill-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged transaction after a SIGKILL mid-burst, and none half-applied', async () => {
    const path = join(dir, 'state.duckdb');
    const writer = spawn(process.execPath, ['-e', WRITER, path], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    writer.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const acknowledged = await new Promise<number[]>((resolve, reject) => {
      const ids: number[] = [];
      let buffered = '';
      writer.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        ids.push(...lines.map(Number));
        if (ids.length >= 100) {
          writer.kill('SIGKILL');
          resolve(ids);
        }
      });
      writer.on('exit', (code) => reject(new Error(`writer exited (${code}) before the kill: ${stderr}`)));
    });
    await new Promise((resolve) =>
      writer.exitCode === null && writer.signalCode === null ? writer.on('exit', resolve) : resolve(null),
    );

    const store = new DuckDbStateStore({ path });
    await store.init(MIGRATIONS);
    try {
      const ops = (await store.all<{ id: number }>('SELECT id FROM ops ORDER BY id')).map((row) => row.id);
      expect(ops).toEqual(expect.arrayContaining(acknowledged));
      // At most the one transaction in flight at the kill may have committed unacknowledged.
      expect(ops.length - acknowledged.length).toBeLessThanOrEqual(1);
      const parts = await store.all<{ op: number; n: number }>(
        'SELECT op, count(*) AS n FROM op_parts GROUP BY op ORDER BY op',
      );
      expect(parts).toEqual(ops.map((op) => ({ op, n: 3 })));
    } finally {
      await store.close();
    }
  }, 60_000);
});

import { DuckDbStateStore } from '@jct/storage';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStateStoreConformance } from '../../libs/storage/src/testing/state-store.conformance';

const dir = mkdtempSync(join(tmpdir(), 'jct-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStateStoreConformance(
  'duckdb',
  async (database) => new DuckDbStateStore({ path: join(dir, `${database}.duckdb`) }),
);

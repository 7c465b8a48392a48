import { DuckDbTelemetryStore } from '@jct/storage';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeRetention } from '../support/retention-cases';

const dir = mkdtempSync(join(tmpdir(), 'jct-retention-'));

describeRetention(
  'DuckDbTelemetryStore',
  async () => new DuckDbTelemetryStore({ path: join(dir, 'telemetry.duckdb') }),
  async () => rmSync(dir, { recursive: true, force: true }),
);

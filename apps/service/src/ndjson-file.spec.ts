import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readNdjson } from './ndjson-file';

describe('reading a JSON-lines file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'jct-ndjson-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a file not written yet has no records', () => {
    expect(readNdjson(join(dir, 'none.ndjson'))).toEqual([]);
  });

  it('returns the records in order and skips blank lines and a torn last line', () => {
    const path = join(dir, 'log.ndjson');
    writeFileSync(path, '{"n":1}\n\n{"n":2}\n{"n":3');
    expect(readNdjson(path)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('a path that is not a readable file is an error, not an empty log', () => {
    expect(() => readNdjson(dir)).toThrow();
  });
});

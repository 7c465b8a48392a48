import { hashSecret, type SiteConfig } from '@jct/site-config';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SystemClock } from '../clock/system-clock';
import type { AppConfig } from '../config/app-config';
import { SiteRegistry } from '../site/site-registry';
import { ApiKeyRegistry } from './api-key-registry';

describe('ApiKeyRegistry', () => {
  let dataDir: string;
  let registry: ApiKeyRegistry;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'jct-keys-'));
    const config = {
      people: [{ id: 'op-jalinda', role: 'operator', language: 'ru', timezone: 'Asia/Yakutsk' }],
      apiKeys: [
        {
          id: 'op',
          role: 'operator',
          person: 'op-jalinda',
          keyHash: await hashSecret('operator-key-123-op'),
        },
        {
          id: 'fresh',
          role: 'cargo-owner',
          owner: 'heihe-fresh',
          keyHash: await hashSecret('fresh-key-12345-fresh'),
        },
      ],
    } as unknown as SiteConfig;
    registry = new ApiKeyRegistry(
      new SiteRegistry({ ...config, devices: [], mqttClients: [], site: {} } as never),
      {
        dataDir,
      } as AppConfig,
      new SystemClock(),
    );
    registry.onModuleInit();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('a known key → its caller and its person’s language, with the owner only for a cargo owner', async () => {
    expect(await registry.authenticate('operator-key-123-op')).toEqual({
      keyId: 'op',
      role: 'operator',
      personId: 'op-jalinda',
      owner: undefined,
      language: 'ru',
    });
    expect(await registry.authenticate('fresh-key-12345-fresh')).toMatchObject({
      role: 'cargo-owner',
      owner: 'heihe-fresh',
    });
  });

  it('a key seen before costs no scrypt check; nor does an unknown key seen before', async () => {
    await registry.authenticate('operator-key-123-op');
    await registry.authenticate('not-a-key-at-all');
    const before = registry.checks;
    expect(await registry.authenticate('operator-key-123-op')).toMatchObject({ keyId: 'op' });
    expect(await registry.authenticate('not-a-key-at-all')).toBeUndefined();
    expect(registry.checks).toBe(before);
  });

  it('concurrent first uses of a wrong key share one verification of the one entry it names', async () => {
    const before = registry.checks;
    const callers = await Promise.all(
      Array.from({ length: 20 }, () => registry.authenticate('fresh-key-wrong-fresh')),
    );
    expect(callers.every((caller) => caller === undefined)).toBe(true);
    expect(registry.checks - before).toBe(1);
  });

  it('a key that names no entry costs no scrypt check', async () => {
    const before = registry.checks;
    expect(await registry.authenticate('guess-1234567890')).toBeUndefined();
    expect(registry.checks).toBe(before);
  });

  it('an issued key costs one scrypt check however many keys exist; it names its entry', async () => {
    const admin = { keyId: 'admin', role: 'admin', personId: 'key:admin' } as const;
    const issued = [];
    for (let i = 0; i < 3; i++) issued.push(await registry.issue({ role: 'engineer' }, admin));
    const before = registry.checks;
    expect(await registry.authenticate(issued[2].key)).toMatchObject({
      keyId: issued[2].id,
      role: 'engineer',
    });
    expect(registry.checks - before).toBe(1);
    expect(issued[2].key.startsWith(`jct_${issued[2].id}_`)).toBe(true);
  });

  it('a key too short or too long is refused without a check', async () => {
    const before = registry.checks;
    expect(await registry.authenticate('short')).toBeUndefined();
    expect(await registry.authenticate('x'.repeat(300))).toBeUndefined();
    expect(registry.checks).toBe(before);
  });
});

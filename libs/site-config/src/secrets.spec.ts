// hashSecret / verifySecret / isScryptCost: the scrypt format stored in the site configuration.
import { generateSecret, hashSecret, isScryptCost, sha256Hash, verifySecret } from './secrets';

// The shipped development hash of ICE-1 (config/jalinda-mohe.site.yaml: "dev-secret-<ID>").
const SHIPPED_ICE_1 =
  'scrypt$16384$8$1$c3rAWgGWqIYFWp8LAm/O9w==$Bx8kuFbouUh5OECHrdKX+B5XzsLFb5qa4wF76UiM+4M=';
const FORMAT = /^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/;

describe('hashSecret', () => {
  it('produces "scrypt$N$r$p$salt$hash" with a 16-byte salt and a 32-byte key in base64', async () => {
    const stored = await hashSecret('dev-secret-ICE-1');
    expect(stored).toMatch(FORMAT);
    const [, , , , salt, key] = stored.split('$');
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
  });

  it('two hashes of one secret differ (random salt), and both verify', async () => {
    const [first, second] = await Promise.all([hashSecret('same secret'), hashSecret('same secret')]);
    expect(first).not.toBe(second);
    expect(first.split('$')[4]).not.toBe(second.split('$')[4]);
    await expect(verifySecret('same secret', first)).resolves.toBe(true);
    await expect(verifySecret('same secret', second)).resolves.toBe(true);
  });
});

describe('verifySecret', () => {
  it('round trip: the secret that was hashed → true', async () => {
    const stored = await hashSecret('dev-secret-TRUCK-01');
    await expect(verifySecret('dev-secret-TRUCK-01', stored)).resolves.toBe(true);
  });

  it('the shipped development hash of ICE-1 verifies with "dev-secret-ICE-1"', async () => {
    await expect(verifySecret('dev-secret-ICE-1', SHIPPED_ICE_1)).resolves.toBe(true);
  });

  it('a non-ASCII secret round-trips (UTF-8)', async () => {
    const stored = await hashSecret('пароль-密码');
    await expect(verifySecret('пароль-密码', stored)).resolves.toBe(true);
    await expect(verifySecret('пароль-密', stored)).resolves.toBe(false);
  });

  const wrong: { name: string; secret: string }[] = [
    { name: 'another device’s secret', secret: 'dev-secret-ICE-2' },
    { name: 'the secret with different case', secret: 'DEV-SECRET-ICE-1' },
    { name: 'the secret with a trailing newline', secret: 'dev-secret-ICE-1\n' },
    { name: 'a prefix of the secret', secret: 'dev-secret-ICE-' },
    { name: 'an empty secret', secret: '' },
    { name: 'the stored hash itself', secret: SHIPPED_ICE_1 },
  ];
  it.each(wrong)('$name → false', async ({ secret }) => {
    await expect(verifySecret(secret, SHIPPED_ICE_1)).resolves.toBe(false);
  });

  const [, n, r, p, salt, key] = SHIPPED_ICE_1.split('$');
  const otherKey = Buffer.alloc(32, 7).toString('base64');
  const malformed: { name: string; stored: string }[] = [
    { name: 'an empty string', stored: '' },
    { name: 'the plain secret stored by mistake', stored: 'dev-secret-ICE-1' },
    { name: 'another scheme', stored: ['bcrypt', n, r, p, salt, key].join('$') },
    { name: 'an upper-case scheme', stored: ['SCRYPT', n, r, p, salt, key].join('$') },
    { name: 'no hash part', stored: ['scrypt', n, r, p, salt].join('$') },
    { name: 'an empty hash part', stored: ['scrypt', n, r, p, salt, ''].join('$') },
    { name: 'an empty salt part', stored: ['scrypt', n, r, p, '', key].join('$') },
    { name: 'a truncated (16-byte) hash', stored: ['scrypt', n, r, p, salt, key.slice(0, 22)].join('$') },
    { name: 'a different 32-byte hash', stored: ['scrypt', n, r, p, salt, otherKey].join('$') },
    {
      name: 'a different salt',
      stored: ['scrypt', n, r, p, Buffer.alloc(16).toString('base64'), key].join('$'),
    },
    { name: 'a different cost N', stored: ['scrypt', '1024', r, p, salt, key].join('$') },
    // Costs scrypt itself refuses: these used to throw out of verifySecret and crash the broker.
    { name: 'N 3 (not a power of two)', stored: ['scrypt', '3', r, p, salt, key].join('$') },
    { name: 'N 16383 (not a power of two)', stored: ['scrypt', '16383', r, p, salt, key].join('$') },
    { name: 'N "abc" (not a number)', stored: ['scrypt', 'abc', r, p, salt, key].join('$') },
    { name: 'an empty N', stored: ['scrypt', '', r, p, salt, key].join('$') },
    { name: 'N 2^21 (too large)', stored: ['scrypt', String(2 ** 21), r, p, salt, key].join('$') },
    { name: 'N 2^9 (too small)', stored: ['scrypt', '512', r, p, salt, key].join('$') },
    { name: 'r 0', stored: ['scrypt', n, '0', p, salt, key].join('$') },
    { name: 'p 0', stored: ['scrypt', n, r, '0', salt, key].join('$') },
    { name: 'r 33 (too large)', stored: ['scrypt', n, '33', p, salt, key].join('$') },
    { name: 'p 17 (too large)', stored: ['scrypt', n, r, '17', salt, key].join('$') },
    { name: 'a negative r', stored: ['scrypt', n, '-8', p, salt, key].join('$') },
    { name: 'a fractional p', stored: ['scrypt', n, r, '1.5', salt, key].join('$') },
    { name: 'N 3 with a 3-byte salt and hash', stored: 'scrypt$3$8$1$AAAA$AAAA' },
    // N and r in range, but 128·N·r = 1 GiB is over the 64 MiB bound of derive: scrypt throws.
    {
      name: 'N 2^20 with r 8 (over the memory bound)',
      stored: ['scrypt', String(2 ** 20), r, p, salt, key].join('$'),
    },
  ];
  it.each(malformed)('a malformed stored hash ($name) → false, no exception', async ({ stored }) => {
    await expect(verifySecret('dev-secret-ICE-1', stored)).resolves.toBe(false);
  });
});

describe('isScryptCost({N, r, p})', () => {
  const cases: { name: string; N: number; r: number; p: number; ok: boolean }[] = [
    { name: 'the defaults of hashSecret (2^14, 8, 1)', N: 16384, r: 8, p: 1, ok: true },
    { name: 'the smallest N 2^10', N: 1024, r: 8, p: 1, ok: true },
    {
      name: 'the largest N 2^20 with r 1 → over the 64 MiB scrypt may use',
      N: 1_048_576,
      r: 1,
      p: 1,
      ok: false,
    },
    { name: 'N 2^15 with r 8 (32 MiB) → fits', N: 32_768, r: 8, p: 1, ok: true },
    { name: 'N 2^16 with r 8 (exactly 64 MiB) → over the bound', N: 65_536, r: 8, p: 1, ok: false },
    { name: 'N 2^19 with r 1 (64 MiB) → over the bound', N: 524_288, r: 1, p: 1, ok: false },
    { name: 'N 2^18 with r 1 (32 MiB) → fits', N: 262_144, r: 1, p: 1, ok: true },
    { name: 'N 2^9 (below 2^10)', N: 512, r: 8, p: 1, ok: false },
    { name: 'N 2^21 (above 2^20)', N: 2_097_152, r: 8, p: 1, ok: false },
    { name: 'N 3 (not a power of two)', N: 3, r: 8, p: 1, ok: false },
    { name: 'N 1000 (not a power of two)', N: 1000, r: 8, p: 1, ok: false },
    { name: 'N 16383 (one below a power of two)', N: 16383, r: 8, p: 1, ok: false },
    { name: 'N 16384.5 (not an integer)', N: 16384.5, r: 8, p: 1, ok: false },
    { name: 'N 0', N: 0, r: 8, p: 1, ok: false },
    { name: 'N -16384', N: -16384, r: 8, p: 1, ok: false },
    { name: 'N NaN (Number("abc"))', N: NaN, r: 8, p: 1, ok: false },
    { name: 'N Infinity', N: Infinity, r: 8, p: 1, ok: false },
    { name: 'N 2^32 (far above 2^20)', N: 2 ** 32, r: 8, p: 1, ok: false },
    { name: 'r 1 (the smallest)', N: 16384, r: 1, p: 1, ok: true },
    { name: 'r 32 (the largest) with N 2^10', N: 1024, r: 32, p: 1, ok: true },
    { name: 'r 32 with N 2^14 (64 MiB) → over the memory bound', N: 16384, r: 32, p: 1, ok: false },
    { name: 'r 0', N: 16384, r: 0, p: 1, ok: false },
    { name: 'r 33', N: 16384, r: 33, p: 1, ok: false },
    { name: 'r 1.5', N: 16384, r: 1.5, p: 1, ok: false },
    { name: 'r NaN', N: 16384, r: NaN, p: 1, ok: false },
    { name: 'p 16 (the largest)', N: 16384, r: 8, p: 16, ok: true },
    { name: 'p 0', N: 16384, r: 8, p: 0, ok: false },
    { name: 'p 17', N: 16384, r: 8, p: 17, ok: false },
    { name: 'p -1', N: 16384, r: 8, p: -1, ok: false },
    { name: 'p NaN', N: 16384, r: 8, p: NaN, ok: false },
  ];
  it.each(cases)('$name → $ok', ({ N, r, p, ok }) => {
    expect(isScryptCost({ N, r, p })).toBe(ok);
  });

  // Every power of two that fits the memory bound with r 8 (up to 2^15), each next to a neighbour
  // that is not a power of two.
  const powers = Array.from({ length: 6 }, (_, i) => 10 + i).flatMap((exponent) => [
    { name: `2^${exponent}`, N: 2 ** exponent, ok: true },
    { name: `2^${exponent} + 1`, N: 2 ** exponent + 1, ok: false },
    { name: `2^${exponent} + 2^${exponent - 1}`, N: 2 ** exponent + 2 ** (exponent - 1), ok: false },
  ]);
  it.each(powers)('N $name (r 8, p 1) → $ok', ({ N, ok }) => {
    expect(isScryptCost({ N, r: 8, p: 1 })).toBe(ok);
  });
});

describe('generateSecret / a "sha256$" hash', () => {
  it('makes a 43-character base64url secret (32 random bytes) and its "sha256$<base64>" hash', () => {
    const { secret, hash } = generateSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    expect(hash).toMatch(/^sha256\$[A-Za-z0-9+/]{43}=$/);
    expect(hash).not.toContain(secret);
  });

  it('two generated secrets differ, and each verifies against its own hash only', async () => {
    const first = generateSecret();
    const second = generateSecret();
    expect(first.secret).not.toBe(second.secret);
    await expect(verifySecret(first.secret, first.hash)).resolves.toBe(true);
    await expect(verifySecret(second.secret, second.hash)).resolves.toBe(true);
    await expect(verifySecret(first.secret, second.hash)).resolves.toBe(false);
  });

  const { secret, hash } = generateSecret();
  const wrong: { name: string; secret: string }[] = [
    {
      name: 'the secret with its last character changed',
      secret: secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A'),
    },
    { name: 'the secret with a trailing newline', secret: `${secret}\n` },
    { name: 'a prefix of the secret', secret: secret.slice(0, 42) },
    { name: 'an empty secret', secret: '' },
    { name: 'the stored hash itself', secret: hash },
  ];
  it.each(wrong)('$name → false', async ({ secret: presented }) => {
    await expect(verifySecret(presented, hash)).resolves.toBe(false);
  });

  it('a short secret a person chose is refused even when its SHA-256 is stored (scrypt is for those)', async () => {
    await expect(verifySecret('dev-secret-ICE-1', sha256Hash('dev-secret-ICE-1'))).resolves.toBe(false);
  });

  const malformed: { name: string; stored: string }[] = [
    { name: 'no hash part', stored: 'sha256$' },
    { name: 'a truncated (16-byte) hash', stored: `sha256$${Buffer.alloc(16).toString('base64')}` },
    { name: 'an extra part', stored: `${hash}$x` },
    { name: 'an upper-case scheme', stored: hash.replace('sha256', 'SHA256') },
  ];
  it.each(malformed)('a malformed "sha256$" hash ($name) → false, no exception', async ({ stored }) => {
    await expect(verifySecret(secret, stored)).resolves.toBe(false);
  });
});

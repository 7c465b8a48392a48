// hashSecret / verifySecret: the scrypt format stored in the site configuration.
import { hashSecret, verifySecret } from './secrets';

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
  ];
  it.each(malformed)('a malformed stored hash ($name) → false, no exception', async ({ stored }) => {
    await expect(verifySecret('dev-secret-ICE-1', stored)).resolves.toBe(false);
  });
});

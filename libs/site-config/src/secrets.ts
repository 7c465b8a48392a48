import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt from Node's own crypto (RFC 7914): no native addon to build. N = 2^14 costs ~30 ms a check,
// paid once per MQTT connection, not per message.
const DEFAULTS = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;
const MAX_MEMORY_BYTES = 64 * 1024 * 1024;

function derive(secret: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, KEY_LENGTH, { ...options, maxmem: MAX_MEMORY_BYTES }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** "scrypt$N$r$p$salt$hash", both base64: what the site configuration stores. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(secret, salt, DEFAULTS);
  return `scrypt$${DEFAULTS.N}$${DEFAULTS.r}$${DEFAULTS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Random bytes in a secret the service generates: 256 bits, beyond any guessing or table. */
const GENERATED_SECRET_BYTES = 32;
/** base64url of 32 bytes, no padding: the length every generated secret has. */
export const GENERATED_SECRET_LENGTH = 43;

/**
 * A secret the service generates (a provisioned device's MQTT password) and the hash kept of it,
 * "sha256$<base64>". A secret of 256 random bits needs no slow key derivation: no dictionary holds
 * it and a brute force of 2^256 is out of reach, so one SHA-256 is as safe as scrypt here and costs
 * microseconds per CONNECT instead of ~30 ms (what makes a reconnect storm of 10,000 devices fast).
 * Secrets people choose (the site configuration's) keep scrypt.
 */
export function generateSecret(): { secret: string; hash: string } {
  const secret = randomBytes(GENERATED_SECRET_BYTES).toString('base64url');
  return { secret, hash: sha256Hash(secret) };
}

/** "sha256$<base64>": the stored form of a generated secret. */
export function sha256Hash(secret: string): string {
  return `sha256$${createHash('sha256').update(secret, 'utf8').digest('base64')}`;
}

/**
 * A generated secret against its SHA-256, in constant time. A presented secret shorter than a
 * generated one is refused before hashing: a "sha256$" entry never stands for a password a person
 * chose (which would need scrypt).
 */
function verifySha256(secret: string, hash: string): boolean {
  const expected = Buffer.from(hash, 'base64');
  if (expected.length !== 32 || secret.length < GENERATED_SECRET_LENGTH) return false;
  return timingSafeEqual(createHash('sha256').update(secret, 'utf8').digest(), expected);
}

/** True when verifying against `stored` costs a key derivation (~30 ms), false when a hash. */
export function isSlowHash(stored: string): boolean {
  return stored.startsWith('scrypt$');
}

/** False for a wrong secret and for a malformed hash: never throws, so a typo cannot crash the broker. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme === 'sha256' && r === undefined && n) return verifySha256(secret, n);
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const options = { N: Number(n), r: Number(r), p: Number(p) };
  if (!isScryptCost(options)) return false;
  try {
    const expected = Buffer.from(hash, 'base64');
    const key = await derive(secret, Buffer.from(salt, 'base64'), options);
    return key.length === expected.length && timingSafeEqual(key, expected);
  } catch {
    return false;
  }
}

/**
 * N a power of two from 2^10 to 2^20, r and p small positive integers (RFC 7914 §2), and within
 * the memory derive() allows (scrypt needs 128·N·r bytes).
 */
export function isScryptCost({ N, r, p }: { N: number; r: number; p: number }): boolean {
  const powerOfTwo = Number.isInteger(N) && N >= 1024 && N <= 1_048_576 && (N & (N - 1)) === 0;
  const fits = 128 * N * r < MAX_MEMORY_BYTES;
  return (
    powerOfTwo && fits && Number.isInteger(r) && r >= 1 && r <= 32 && Number.isInteger(p) && p >= 1 && p <= 16
  );
}

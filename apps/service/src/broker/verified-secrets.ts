import { isSlowHash, verifySecret } from '@jct/site-config';
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Checks MQTT passwords against stored hashes, remembering a password verified against a scrypt
 * hash by its SHA-256 (in memory only, never the password itself), as ApiKeyRegistry does for API
 * keys: a device of the site configuration pays scrypt on its first CONNECT, not on every reconnect.
 * The entry is tied to the stored hash, so a changed or rotated secret is checked afresh. At most
 * one entry per account: the memory is bounded by the registry, not by what callers send.
 */
export class VerifiedSecrets {
  private readonly remembered = new Map<string, { stored: string; digest: Buffer }>();
  /** Key derivations run so far: what remembering saves is visible (and tested). */
  slowChecks = 0;

  async verify(account: string, password: string, stored: string): Promise<boolean> {
    if (!isSlowHash(stored)) return verifySecret(password, stored);
    const digest = createHash('sha256').update(password, 'utf8').digest();
    const known = this.remembered.get(account);
    if (known && known.stored === stored && timingSafeEqual(known.digest, digest)) return true;
    this.slowChecks += 1;
    const verified = await verifySecret(password, stored);
    if (verified) this.remembered.set(account, { stored, digest });
    return verified;
  }

  /** Forgets an account's remembered password (its secret was rotated or it was revoked). */
  forget(account: string): void {
    this.remembered.delete(account);
  }
}

// VerifiedSecrets: scrypt once per account and secret, a SHA-256 compare after; wrong still refused.
import { generateSecret, hashSecret } from '@jct/site-config';
import { VerifiedSecrets } from './verified-secrets';

describe('VerifiedSecrets', () => {
  let stored: string;
  beforeAll(async () => {
    stored = await hashSecret('dev-secret-ICE-1');
  });

  it('a scrypt secret verified once → the next CONNECT with it runs no scrypt', async () => {
    const secrets = new VerifiedSecrets();
    await expect(secrets.verify('ICE-1', 'dev-secret-ICE-1', stored)).resolves.toBe(true);
    await expect(secrets.verify('ICE-1', 'dev-secret-ICE-1', stored)).resolves.toBe(true);
    expect(secrets.slowChecks).toBe(1);
  });

  it('a wrong secret after a verified one → refused, checked with scrypt each time', async () => {
    const secrets = new VerifiedSecrets();
    await secrets.verify('ICE-1', 'dev-secret-ICE-1', stored);
    await expect(secrets.verify('ICE-1', 'guess', stored)).resolves.toBe(false);
    await expect(secrets.verify('ICE-1', 'guess', stored)).resolves.toBe(false);
    expect(secrets.slowChecks).toBe(3);
  });

  it('the stored hash changed (secret rotated) → the remembered secret no longer passes', async () => {
    const secrets = new VerifiedSecrets();
    await secrets.verify('ICE-1', 'dev-secret-ICE-1', stored);
    const rotated = await hashSecret('new-secret-ICE-1');
    await expect(secrets.verify('ICE-1', 'dev-secret-ICE-1', rotated)).resolves.toBe(false);
    await expect(secrets.verify('ICE-1', 'new-secret-ICE-1', rotated)).resolves.toBe(true);
  });

  it('another account with the same password → checked against its own hash', async () => {
    const secrets = new VerifiedSecrets();
    await secrets.verify('ICE-1', 'dev-secret-ICE-1', stored);
    const other = await hashSecret('other');
    await expect(secrets.verify('ICE-2', 'dev-secret-ICE-1', other)).resolves.toBe(false);
  });

  it('forgotten account → scrypt again', async () => {
    const secrets = new VerifiedSecrets();
    await secrets.verify('ICE-1', 'dev-secret-ICE-1', stored);
    secrets.forget('ICE-1');
    await expect(secrets.verify('ICE-1', 'dev-secret-ICE-1', stored)).resolves.toBe(true);
    expect(secrets.slowChecks).toBe(2);
  });

  it('a generated secret → verified by its SHA-256, no scrypt; a wrong one refused', async () => {
    const secrets = new VerifiedSecrets();
    const { secret, hash } = generateSecret();
    await expect(secrets.verify('TRK-9', secret, hash)).resolves.toBe(true);
    await expect(secrets.verify('TRK-9', generateSecret().secret, hash)).resolves.toBe(false);
    expect(secrets.slowChecks).toBe(0);
  });
});

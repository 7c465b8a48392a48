// Prints the scrypt hash of a device or client secret for the site configuration.
// Usage: npm run hash-secret -- <secret>   (or pipe the secret on standard input)
import { hashSecret } from '@jct/site-config';

async function main(): Promise<void> {
  let secret = process.argv[2];
  if (!secret) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    secret = Buffer.concat(chunks).toString('utf8').trim();
  }
  if (!secret || secret.length < 12) {
    console.error('give a secret of at least 12 characters as the argument or on standard input');
    process.exit(2);
  }
  console.log(await hashSecret(secret));
}

void main();

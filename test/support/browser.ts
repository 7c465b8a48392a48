import { chromium, type Browser } from 'playwright-core';
import { findExecutable } from '../harness/ports';

/**
 * Debian's headless Chromium driven by playwright-core (`npx playwright install` cannot download
 * browsers on our machines: only the npm registry and Debian's packages are reachable). Missing Chromium fails the test with how to get it.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findExecutable('chromium');
  if (!executablePath) {
    throw new Error(
      'chromium is missing: apt-get install -y chromium (or bash scripts/test-setup.sh as root)',
    );
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

// A full disk under the service's data (a 40 MB tmpfs, as root): no write path throws, nothing is
// acknowledged that is not on disk, /health and /metrics say which files cannot be written, and
// once space returns every acknowledged reading is stored and every queued delivery written,
// exactly once. Needs root for mount(8); without it the suite fails and says how to run it.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';
import { Outbox } from '../../apps/service/src/notifications/outbox';
import { WriteHealth } from '../../apps/service/src/storage/write-health';
import { withKey } from '../support/api-keys';
import { devSecret, reading } from '../support/devices';
import { storedCount } from '../support/telemetry';
import { startTestApp } from '../support/test-app';
import { waitFor } from '../harness/wait';

/** Mounts a 40 MB tmpfs, or fails with how to run this test. */
function mountSmallDisk(dir: string): void {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=40m', 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(
      `the disk-full tests need a small filesystem: run them as root (mount -t tmpfs -o size=40m tmpfs <dir>), e.g. sudo npx jest --runInBand test/integration/disk-full.int-spec.ts (${(error as Error).message})`,
      { cause: error },
    );
  }
}

/** Fills the filesystem of `dir` with one file, until ENOSPC; returns its path (delete it to free). */
function fill(dir: string): string {
  const path = join(dir, 'filler');
  const fd = openSync(path, 'w');
  const block = Buffer.alloc(1024 * 1024, 1);
  try {
    for (;;) writeSync(fd, block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
  for (let size = 64 * 1024; size >= 1; size = Math.floor(size / 2)) {
    try {
      for (;;) writeSync(fd, block, 0, size);
    } catch {
      // the next, smaller block
    }
  }
  closeSync(fd);
  return path;
}

describe('disk full', () => {
  let root: string;
  let disk: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'jct-full-'));
    disk = join(root, 'disk');
    mkdirSync(disk);
    mountSmallDisk(disk);
  });
  afterEach(() => {
    execFileSync('umount', ['--lazy', disk]);
    rmSync(root, { recursive: true, force: true });
  });

  it('the outbox does not throw on a full disk; its queued deliveries are written once space returns', async () => {
    const health = new WriteHealth();
    const outbox = new Outbox(join(disk, 'outbox'), health);
    outbox.open();
    const filler = fill(disk);
    const news = (key: string) => ({
      key,
      personId: 'op',
      to: 'op@example.org',
      subject: key,
      text: key,
      html: key,
    });
    const now = Date.now();
    expect(outbox.enqueue(news('a:firing'), now)).toBe(true);
    outbox.markRetry(['a:firing'], 'smtp down', 1000, now);
    expect(outbox.enqueue(news('b:firing'), now)).toBe(true);
    expect(health.failures.map((f) => f.file)).toEqual(['outbox.ndjson']);
    rmSync(filler);
    await waitFor('the outbox written', () => health.healthy, 5000);
    outbox.close();
    const reopened = new Outbox(join(disk, 'outbox'));
    reopened.open();
    expect(reopened.list().map((d) => [d.key, d.attempts])).toEqual([
      ['a:firing', 1],
      ['b:firing', 0],
    ]);
    reopened.close();
  });

  it('the service stays up, stops acknowledging, reports it, and stores every reading once space returns', async () => {
    // The spool, the outbox and the alert log on the small disk; the telemetry database beside it.
    const dataDir = join(root, 'data');
    mkdirSync(dataDir);
    for (const name of ['spool', 'outbox', 'alerts']) {
      mkdirSync(join(disk, name));
      symlinkSync(join(disk, name), join(dataDir, name));
    }
    const service = await startTestApp({}, { dataDir });
    try {
      // A device that resends what was not acknowledged (mqtt.js keeps QoS 1 messages until PUBACK).
      const device = await connectAsync(service.mqttUrl, {
        clientId: 'ICE-1',
        username: 'ICE-1',
        password: devSecret('ICE-1'),
        protocolVersion: 4,
        reconnectPeriod: 200,
      });
      const t0 = Date.now() - 60_000;
      await device.publishAsync('devices/ICE-1/telemetry', reading({ iceThicknessCm: 80 }, t0), { qos: 1 });
      const filler = fill(disk);
      let acknowledged = 0;
      // More than the slack of the spool's last page (a full tmpfs still fills a page it has).
      const during = Array.from({ length: 50 }, (_, i) =>
        device
          .publishAsync('devices/ICE-1/telemetry', reading({ iceThicknessCm: 81 + i }, t0 + 100 * (i + 1)), {
            qos: 1,
          })
          .then(() => acknowledged++),
      );
      const health = await waitFor('/health to report the full disk', async () => {
        const response = await fetch(`${service.httpUrl}/health`);
        const body = (await response.json()) as { disk: { failing: { file: string }[] } };
        return response.status === 503 && body.disk.failing.some((f) => f.file === 'spool')
          ? body
          : undefined;
      });
      expect(health.disk.failing.map((f) => f.file)).toContain('spool');
      const metrics = await (await fetch(`${service.httpUrl}/metrics`, withKey('admin'))).text();
      expect(metrics).toContain('jct_disk_write_failing{file="spool"} 1');
      // What fits in the slack of the spool's last page may still be written and acknowledged;
      // the rest is not acknowledged until there is room (the device resends it).
      const acknowledgedWhileFull = acknowledged;
      expect(acknowledgedWhileFull).toBeLessThan(50);

      rmSync(filler);
      await Promise.all(during);
      await waitFor(
        '/health to recover',
        async () => (await fetch(`${service.httpUrl}/health`)).status === 200,
        10_000,
      );
      await waitFor(
        'all 51 readings stored, once each',
        async () => (await storedCount(service.httpUrl, 'ICE-1', 'iceThicknessCm', t0, t0 + 10_000)) === 51,
        15_000,
      );
      console.log(
        `disk full: ${acknowledgedWhileFull} of 50 acknowledged while full (the spool page's slack), all acknowledged after`,
      );
      await device.endAsync();
    } finally {
      await service.close();
    }
  }, 60_000);
});

import { reason } from '@jct/rules';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Transition } from '@jct/rules';
import type { Alert } from './alert';
import { AlertLog } from './alert-log';
import { AlertStore } from './alert-store';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-23T00:00:00Z');

describe('alert retention', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'jct-alerts-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const alert = (id: string, state: Alert['state'], daysAgo: number): Alert => ({
    id,
    ruleId: 'cargo.door-open-outside-zone',
    subjectId: id,
    subjectType: 'container',
    severity: 'critical',
    state,
    reason: 'door opened',
    trigger: { ts: new Date(NOW - daysAgo * DAY).toISOString() },
    breachSince: new Date(NOW - daysAgo * DAY).toISOString(),
    firedAt: new Date(NOW - daysAgo * DAY).toISOString(),
    resolvedAt: state === 'resolved' ? new Date(NOW - daysAgo * DAY + 60_000).toISOString() : undefined,
  });

  it('forgets resolved alerts older than the retention, keeps recent and active ones, also after a restart', () => {
    const log = new AlertLog(dir, 50_000, 0);
    log.load();
    for (const a of [
      alert('old-resolved', 'resolved', 120),
      alert('recent-resolved', 'resolved', 10),
      alert('old-firing', 'firing', 120),
      alert('old-acknowledged', 'acknowledged', 120),
    ])
      log.writeAlert(a);
    log.close();

    const store = new AlertStore(new AlertLog(dir, 50_000, 0));
    expect(store.pruneResolved(NOW - 90 * DAY)).toBe(1);
    const kept = (s: AlertStore) =>
      s
        .list()
        .map((a) => a.id)
        .sort();
    expect(kept(store)).toEqual(['old-acknowledged', 'old-firing', 'recent-resolved']);
    store.close();

    const reloaded = new AlertStore(new AlertLog(dir, 50_000, 0));
    expect(kept(reloaded)).toEqual(['old-acknowledged', 'old-firing', 'recent-resolved']);
    expect(reloaded.pruneResolved(NOW - 90 * DAY)).toBe(0);
    reloaded.close();
  });
});

describe('alert times', () => {
  let dir: string;
  let store: AlertStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'jct-alerts-'));
    store = new AlertStore(new AlertLog(dir, 50_000, 0));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const MIN = 60_000;
  const READING = Date.parse('2026-11-22T08:00:00Z');
  const subject = { id: 'CONT-03', type: 'container' as const };
  const transition = (kind: Transition['kind'], at: number): Transition => ({
    kind,
    at,
    severity: 'major',
    reason:
      kind === 'resolved'
        ? reason('cargo.temp-within', { tempC: 5, limitC: 8, hard: false, profile: 'chilled' })
        : reason('cargo.temp-hard-limit', { tempC: 12, limitC: 8, side: 'above', profile: 'chilled' }),
  });
  const iso = (ms: number) => new Date(ms).toISOString();

  it('firedAt and resolvedAt are the readings’ device times; the …RecordedAt twins the service’s clock', () => {
    // A buffered batch: readings from 08:00 and 08:20 arrive at 09:00 and 09:01.
    store.apply('cargo.temp-high', subject, transition('firing', READING), {}, READING + 60 * MIN);
    const event = store.apply(
      'cargo.temp-high',
      subject,
      transition('resolved', READING + 20 * MIN),
      {},
      READING + 61 * MIN,
    );
    expect(event?.alert).toMatchObject({
      firedAt: iso(READING),
      firedRecordedAt: iso(READING + 60 * MIN),
      resolvedAt: iso(READING + 20 * MIN),
      resolvedRecordedAt: iso(READING + 61 * MIN),
    });
  });

  it('a resolution timed before the firing (a condition state lost or reset) is clamped to firedAt', () => {
    store.apply('cargo.temp-high', subject, transition('firing', READING), {}, READING);
    const escalated = store.apply(
      'cargo.temp-high',
      subject,
      transition('escalated', READING - MIN),
      {},
      READING,
    );
    expect(escalated?.alert.escalatedAt).toBe(iso(READING));
    const resolved = store.apply(
      'cargo.temp-high',
      subject,
      transition('resolved', READING - 5 * MIN),
      {},
      READING,
    );
    expect(resolved?.alert.resolvedAt).toBe(iso(READING));
    expect(Date.parse(resolved!.alert.resolvedAt!)).toBeGreaterThanOrEqual(
      Date.parse(resolved!.alert.firedAt),
    );
  });

  it('retention counts from when the service recorded the resolution, not from the reading’s time', () => {
    const NOW = READING + 100 * DAY;
    // Readings 95 days old, delivered and resolved 5 days ago: kept under a 90-day retention.
    store.apply('cargo.temp-high', subject, transition('firing', READING + 5 * DAY), {}, NOW - 5 * DAY);
    store.apply(
      'cargo.temp-high',
      subject,
      transition('resolved', READING + 5 * DAY + MIN),
      {},
      NOW - 5 * DAY,
    );
    expect(store.pruneResolved(NOW - 90 * DAY)).toBe(0);
    expect(store.pruneResolved(NOW - 4 * DAY)).toBe(1);
  });
});

describe('alert reasons', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'jct-alerts-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const subject = { id: 'ICE-3', type: 'station' as const };
  const at = Date.parse('2026-02-01T03:00:00Z');

  it('a firing transition keeps the reason as data (cause) and as English text (reason)', () => {
    const store = new AlertStore(new AlertLog(dir, 50_000, 0));
    const cause = reason('ice.crack-width', { stationId: 'ICE-3', widthMm: 12, closeAtMm: 10 });
    const event = store.apply(
      'ice.crack',
      subject,
      { kind: 'firing', at, severity: 'critical', reason: cause },
      {},
      at,
    );
    expect(event?.alert).toMatchObject({
      cause,
      reason: 'station ICE-3: crack 12 mm wide (closes the lane at 10 mm)',
    });
    store.close();
  });

  it('a condition saved before reasons were data fires with its sentence and no cause', () => {
    const store = new AlertStore(new AlertLog(dir, 50_000, 0));
    const saved =
      'station ICE-3: crack 12 mm wide (closes the lane at 10 mm), as an older version wrote it' as never;
    const event = store.apply(
      'ice.crack',
      subject,
      { kind: 'firing', at, severity: 'critical', reason: saved },
      {},
      at,
    );
    expect(event?.alert.reason).toBe(saved);
    expect(event?.alert.cause).toBeUndefined();
    store.close();
  });
});

import { reason } from '@jct/rules';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    );
    expect(event?.alert).toMatchObject({
      cause,
      reason: 'station ICE-3: crack 12 mm wide (closes the lane at 10 mm)',
    });
    store.close();
  });

  it('a condition saved before reasons were data fires with its sentence and no cause', () => {
    const store = new AlertStore(new AlertLog(dir, 50_000, 0));
    const saved = 'station ICE-3: crack 12 mm wide (closes the lane at 10 mm, domain.md §2)' as never;
    const event = store.apply(
      'ice.crack',
      subject,
      { kind: 'firing', at, severity: 'critical', reason: saved },
      {},
    );
    expect(event?.alert.reason).toBe(saved);
    expect(event?.alert.cause).toBeUndefined();
    store.close();
  });
});

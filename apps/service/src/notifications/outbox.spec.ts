import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Outbox, type Delivery } from './outbox';

const T0 = Date.parse('2026-01-20T03:00:00Z');
const news = (
  key: string,
  personId: string,
): Omit<Delivery, 'status' | 'attempts' | 'createdAt' | 'nextAttemptAt'> => ({
  key,
  personId,
  to: `${personId}@example.org`,
  subject: key,
  text: key,
  html: key,
});

describe('the notification outbox', () => {
  let dir: string;
  let outbox: Outbox;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'jct-outbox-'));
    outbox = new Outbox(dir);
    outbox.open();
  });
  afterEach(() => {
    outbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('queues a key once: a repeated event queues nothing', () => {
    expect(outbox.enqueue(news('a:firing:1:op', 'op'), T0)).toBe(true);
    expect(outbox.enqueue(news('a:firing:1:op', 'op'), T0 + 1)).toBe(false);
    expect(outbox.list()).toHaveLength(1);
  });

  it('news for one person within the window leaves together when the window closes', () => {
    outbox.enqueue(news('ICE-1', 'op'), T0, 30_000);
    outbox.enqueue(news('ICE-2', 'op'), T0 + 10_000, 30_000);
    outbox.enqueue(news('ICE-3', 'op'), T0 + 29_000, 30_000);
    expect(outbox.dueGroups(T0 + 29_999)).toEqual([]);
    const groups = outbox.dueGroups(T0 + 30_000);
    expect(groups.map((g) => g.map((d) => d.key))).toEqual([['ICE-1', 'ICE-2', 'ICE-3']]);
  });

  it('news after the window closed opens a new window', () => {
    outbox.enqueue(news('ICE-1', 'op'), T0, 30_000);
    outbox.markSent(['ICE-1'], '<m1@x>', T0 + 30_000);
    outbox.enqueue(news('ICE-2', 'op'), T0 + 31_000, 30_000);
    expect(outbox.dueGroups(T0 + 60_000)).toEqual([]);
    expect(outbox.dueGroups(T0 + 61_000).map((g) => g.map((d) => d.key))).toEqual([['ICE-2']]);
  });

  it('different people get different groups', () => {
    outbox.enqueue(news('x:op', 'op'), T0, 1000);
    outbox.enqueue(news('x:owner', 'owner'), T0, 1000);
    expect(outbox.dueGroups(T0 + 1000).map((g) => g.map((d) => d.personId))).toEqual([['op'], ['owner']]);
  });

  it('news queued while a retry waits joins the retry', () => {
    outbox.enqueue(news('a', 'op'), T0);
    outbox.markRetry(['a'], 'ECONNREFUSED', 60_000, T0);
    outbox.enqueue(news('b', 'op'), T0 + 5_000, 1_000);
    expect(outbox.dueGroups(T0 + 59_999)).toEqual([]);
    expect(outbox.dueGroups(T0 + 60_000).map((g) => g.map((d) => d.key))).toEqual([['a', 'b']]);
  });

  it('after a restart the queue, the outcomes and the known keys are all still there', () => {
    outbox.enqueue(news('sent', 'op'), T0);
    outbox.enqueue(news('waiting', 'op'), T0);
    outbox.enqueue(news('refused', 'eng'), T0);
    outbox.markSent(['sent'], '<m@x>', T0);
    outbox.markFailed(['refused'], '550 no such user');
    outbox.close();

    const reopened = new Outbox(dir);
    reopened.open();
    expect(reopened.list({ status: 'queued' }).map((d) => d.key)).toEqual(['waiting']);
    expect(reopened.list({ status: 'sent' })[0]).toMatchObject({
      key: 'sent',
      messageId: '<m@x>',
      attempts: 1,
    });
    expect(reopened.list({ status: 'failed' })[0].lastError).toBe('550 no such user');
    expect(reopened.enqueue(news('sent', 'op'), T0 + 1)).toBe(false);
    reopened.close();
  });
});

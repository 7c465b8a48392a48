import { TestClock } from './test-clock';

const T0 = Date.UTC(2026, 0, 20, 3);

describe('TestClock', () => {
  it('stands still until advanced', () => {
    const clock = new TestClock(T0);
    expect(clock.now()).toBe(T0);
  });

  it('advance runs each due timer at its own time, in time order, and ends at the target', async () => {
    const clock = new TestClock(T0);
    const seen: string[] = [];
    clock.every(1000, () => seen.push(`every@${clock.now() - T0}`));
    clock.after(1500, () => seen.push(`after@${clock.now() - T0}`));
    await clock.advance(2500);
    expect(seen).toEqual(['every@1000', 'after@1500', 'every@2000']);
    expect(clock.now()).toBe(T0 + 2500);
  });

  it('a timer not yet due does not run', async () => {
    const clock = new TestClock(T0);
    let runs = 0;
    clock.after(1000, () => runs++);
    await clock.advance(999);
    expect(runs).toBe(0);
    await clock.advance(1);
    expect(runs).toBe(1);
  });

  it('waits for the work a timer returns before going on', async () => {
    const clock = new TestClock(T0);
    const seen: string[] = [];
    clock.after(10, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      seen.push('slow work done');
    });
    clock.after(20, () => seen.push('next timer'));
    await clock.advance(20);
    expect(seen).toEqual(['slow work done', 'next timer']);
  });

  it('a cancelled timer never runs, and leaves no timer behind', async () => {
    const clock = new TestClock(T0);
    let runs = 0;
    const timer = clock.every(100, () => runs++);
    await clock.advance(250);
    timer.cancel();
    await clock.advance(1000);
    expect(runs).toBe(2);
    expect(clock.timers).toBe(0);
  });

  it('an after timer runs once; work scheduled by work runs when it falls due', async () => {
    const clock = new TestClock(T0);
    const seen: number[] = [];
    clock.after(100, () => clock.after(100, () => seen.push(clock.now() - T0)));
    await clock.advance(1000);
    expect(seen).toEqual([200]);
    expect(clock.timers).toBe(0);
  });
});

import { Logger } from '@nestjs/common';
import { SystemClock } from './system-clock';

describe('SystemClock', () => {
  beforeEach(() => jest.useFakeTimers({ now: Date.UTC(2026, 0, 20, 3) }));
  afterEach(() => jest.useRealTimers());

  it('now() is the wall clock', () => {
    expect(new SystemClock().now()).toBe(Date.UTC(2026, 0, 20, 3));
  });

  it('every(ms) runs each interval until cancelled; after(ms) once', () => {
    const clock = new SystemClock();
    let ticks = 0;
    let once = 0;
    const timer = clock.every(1000, () => ticks++);
    clock.after(1500, () => once++);
    jest.advanceTimersByTime(3000);
    timer.cancel();
    jest.advanceTimersByTime(3000);
    expect({ ticks, once }).toEqual({ ticks: 3, once: 1 });
  });

  it('a failing round is logged and the timer goes on', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const clock = new SystemClock();
    let rounds = 0;
    const timer = clock.every(1000, () => {
      rounds++;
      if (rounds === 1) throw new Error('sync failure');
      return Promise.reject(new Error('async failure'));
    });
    jest.advanceTimersByTime(2000);
    timer.cancel();
    await Promise.resolve(); // the rejected round's catch
    expect(rounds).toBe(2);
    expect(logged.mock.calls.map(([message]) => String(message))).toEqual([
      expect.stringContaining('sync failure'),
      expect.stringContaining('async failure'),
    ]);
    logged.mockRestore();
  });
});

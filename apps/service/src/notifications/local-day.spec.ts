import { localTime, previousDate, startOfLocalDay } from './local-day';

describe('local days in a person’s time zone', () => {
  it('Yakutsk (UTC+9) starts 2026-01-20 at 15:00 UTC the day before', () => {
    expect(new Date(startOfLocalDay('2026-01-20', 'Asia/Yakutsk')).toISOString()).toBe(
      '2026-01-19T15:00:00.000Z',
    );
  });

  it('Shanghai (UTC+8) starts 2026-01-20 at 16:00 UTC the day before', () => {
    expect(new Date(startOfLocalDay('2026-01-20', 'Asia/Shanghai')).toISOString()).toBe(
      '2026-01-19T16:00:00.000Z',
    );
  });

  it('a day with a DST change is 23 hours long (Europe/Berlin, 2026-03-29)', () => {
    const start = startOfLocalDay('2026-03-29', 'Europe/Berlin');
    expect(startOfLocalDay('2026-03-30', 'Europe/Berlin') - start).toBe(23 * 3_600_000);
  });

  it('22:30 UTC is already 07:30 of the next day in Yakutsk', () => {
    expect(localTime(Date.parse('2026-01-19T22:30:00Z'), 'Asia/Yakutsk')).toEqual({
      date: '2026-01-20',
      minuteOfDay: 7 * 60 + 30,
    });
  });

  it('the day before 1 March 2028 is the leap day', () => {
    expect(previousDate('2028-03-01')).toBe('2028-02-29');
  });
});

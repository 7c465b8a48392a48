import { inSeason, inSpring } from './season';

const ICE = { opens: '12-20', closes: '04-10' };
const FERRY = { opens: '05-15', closes: '10-15' };
const utc = (iso: string) => Date.parse(iso);

describe('inSeason (docs/domain.md §1; local dates of the crossing)', () => {
  const cases: { name: string; season: typeof ICE; at: string; zone: string; expected: boolean }[] = [
    {
      name: 'season wrapping the new year, evaluated in Asia/Yakutsk: 19 Dec 15:00Z (= 20 Dec 00:00 local) is in season',
      season: ICE,
      at: '2025-12-19T15:00:00Z',
      zone: 'Asia/Yakutsk',
      expected: true,
    },
    {
      name: '19 Dec 14:59Z (= 19 Dec 23:59 local) is not yet in season',
      season: ICE,
      at: '2025-12-19T14:59:00Z',
      zone: 'Asia/Yakutsk',
      expected: false,
    },
    {
      name: 'the same instant in Asia/Shanghai (19 Dec 23:30 local) is not in season',
      season: ICE,
      at: '2025-12-19T15:30:00Z',
      zone: 'Asia/Shanghai',
      expected: false,
    },
    {
      name: '1 January is inside a wrapping season',
      season: ICE,
      at: '2026-01-01T03:00:00Z',
      zone: 'Asia/Yakutsk',
      expected: true,
    },
    {
      name: 'the closing day counts in full: 10 Apr 14:59Z (= 23:59 local) is in season',
      season: ICE,
      at: '2026-04-10T14:59:00Z',
      zone: 'Asia/Yakutsk',
      expected: true,
    },
    {
      name: '10 Apr 15:00Z (= 11 Apr 00:00 local) is out of season',
      season: ICE,
      at: '2026-04-10T15:00:00Z',
      zone: 'Asia/Yakutsk',
      expected: false,
    },
    {
      name: 'July is outside the ice season',
      season: ICE,
      at: '2026-07-01T03:00:00Z',
      zone: 'Asia/Yakutsk',
      expected: false,
    },
    {
      name: 'a window that does not wrap: August is in the ferry season',
      season: FERRY,
      at: '2026-08-01T03:00:00Z',
      zone: 'Asia/Yakutsk',
      expected: true,
    },
    {
      name: 'a window that does not wrap: January is not in the ferry season',
      season: FERRY,
      at: '2026-01-15T03:00:00Z',
      zone: 'Asia/Yakutsk',
      expected: false,
    },
  ];
  it.each(cases)('$name', ({ season, at, zone, expected }) => {
    expect(inSeason(season, utc(at), zone)).toBe(expected);
  });

  it('defaults to Asia/Yakutsk: 19 Dec 15:00Z is already 20 Dec', () => {
    expect(inSeason(ICE, utc('2025-12-19T15:00:00Z'))).toBe(true);
    expect(inSeason(ICE, utc('2025-12-19T14:59:59Z'))).toBe(false);
  });

  it('a date that is not MM-DD throws rather than guessing', () => {
    expect(() =>
      inSeason({ opens: '12-20', closes: '4-10' }, utc('2026-01-01T00:00:00Z'), 'Asia/Yakutsk'),
    ).toThrow(/"4-10" is not a date in the year as MM-DD/);
  });

  it('an unknown time zone throws rather than falling back to UTC', () => {
    expect(() => inSeason(ICE, utc('2026-01-01T00:00:00Z'), 'Asia/Nowhere')).toThrow(RangeError);
  });
});

describe('inSpring (docs/domain.md §2: spring ice is weaker)', () => {
  const SPRING = { ...ICE, springFrom: '03-20' };
  const cases: {
    name: string;
    season: { opens: string; closes: string; springFrom?: string };
    at: string;
    expected: boolean;
  }[] = [
    { name: 'no springFrom → never spring', season: ICE, at: '2026-04-01T03:00:00Z', expected: false },
    { name: '25 Mar, springFrom 03-20 → spring', season: SPRING, at: '2026-03-25T03:00:00Z', expected: true },
    { name: '10 Mar → not yet spring', season: SPRING, at: '2026-03-10T03:00:00Z', expected: false },
    {
      name: '19 Mar 15:00Z (= 20 Mar 00:00 local) → spring',
      season: SPRING,
      at: '2026-03-19T15:00:00Z',
      expected: true,
    },
    {
      name: '19 Mar 14:59Z (= 19 Mar 23:59 local) → not yet spring',
      season: SPRING,
      at: '2026-03-19T14:59:00Z',
      expected: false,
    },
    { name: '10 Apr, the closing day → spring', season: SPRING, at: '2026-04-10T03:00:00Z', expected: true },
    {
      name: '11 Apr local → after the season, not spring',
      season: SPRING,
      at: '2026-04-10T15:00:00Z',
      expected: false,
    },
    { name: 'January → not spring', season: SPRING, at: '2026-01-15T03:00:00Z', expected: false },
  ];
  it.each(cases)('$name', ({ season, at, expected }) => {
    expect(inSpring(season, utc(at), 'Asia/Yakutsk')).toBe(expected);
  });
});

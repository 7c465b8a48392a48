import { formatSimTime, parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['10m', 600_000],
    ['2h', 7_200_000],
    ['1.5d', 129_600_000],
    ['1h30m', 5_400_000],
    ['3d 12h', 302_400_000],
    ['250ms', 250],
    ['45', 45_000],
  ])('%s → %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', 'soon', '10 minutes', '1h30', '-5m', 'h'])('"%s" is not a duration', (text) =>
    expect(parseDuration(text)).toBeUndefined(),
  );

  it('a bare number is seconds', () => expect(parseDuration(12)).toBe(12_000));
});

describe('formatSimTime', () => {
  it('shows days only when there are some', () => {
    expect(formatSimTime(3_723_000)).toBe('01:02:03');
    expect(formatSimTime(302_400_000)).toBe('3d 12:00:00');
  });
});

/**
 * The season calendar of a crossing (docs/domain.md §1), read in the crossing's local time zone.
 * A calendar only ever closes a crossing: opening takes measurements too (crossing-status.ts).
 */

/** Jalinda, the Russian bank (docs/domain.md §0 [C]): UTC+9 all year, no DST. */
export const DEFAULT_CROSSING_TIME_ZONE = 'Asia/Yakutsk';

/** A calendar window, both ends 'MM-DD' and inclusive; it may wrap the new year (12-20 → 04-10). */
export interface SeasonWindow {
  opens: string;
  closes: string;
}

/** A season with an optional start of spring ice, 'MM-DD', inside the season. */
export interface SeasonWithSpring extends SeasonWindow {
  springFrom?: string;
}

/**
 * Whether `at` (epoch ms) falls on a day of the window, in `timeZone`. Both the opening and the
 * closing day count in full (the closing day is the last day of the season). A window whose
 * opening day comes after its closing day wraps the new year.
 * Source: docs/domain.md §1, seasons on the Upper Amur [S]; the dates themselves come from the site configuration
 */
export function inSeason(
  season: SeasonWindow,
  at: number,
  timeZone: string = DEFAULT_CROSSING_TIME_ZONE,
): boolean {
  return inWindow(parseMonthDay(season.opens), parseMonthDay(season.closes), localMonthDay(at, timeZone));
}

/**
 * Whether `at` falls in the spring part of the season: from `springFrom` to `closes`, both inclusive,
 * in `timeZone`. No `springFrom` → never spring.
 * Source: docs/domain.md §2, spring ice is 1.5–2.5× weaker than autumn ice of equal thickness [S]
 */
export function inSpring(
  season: SeasonWithSpring,
  at: number,
  timeZone: string = DEFAULT_CROSSING_TIME_ZONE,
): boolean {
  if (season.springFrom === undefined) return false;
  return inWindow(
    parseMonthDay(season.springFrom),
    parseMonthDay(season.closes),
    localMonthDay(at, timeZone),
  );
}

/** Month and day as one comparable number: 20 December → 1220. */
type MonthDayKey = number;

function inWindow(from: MonthDayKey, to: MonthDayKey, day: MonthDayKey): boolean {
  return from <= to ? day >= from && day <= to : day >= from || day <= to;
}

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * The site configuration validates its dates at boot; a bad one here is a programming error, and
 * throwing beats guessing (a wrong guess at `springFrom` would skip the spring derating).
 */
function parseMonthDay(text: string): MonthDayKey {
  const match = MONTH_DAY.exec(text);
  if (!match) throw new RangeError(`"${text}" is not a date in the year as MM-DD`);
  return Number(match[1]) * 100 + Number(match[2]);
}

// One formatter per zone: building an Intl.DateTimeFormat is far dearer than using one.
const formatters = new Map<string, Intl.DateTimeFormat>();

function localMonthDay(at: number, timeZone: string): MonthDayKey {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws a RangeError for an unknown zone: never fall back to UTC, which is a day off at night.
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, month: 'numeric', day: 'numeric' });
    formatters.set(timeZone, formatter);
  }
  let month = 0;
  let day = 0;
  for (const part of formatter.formatToParts(at)) {
    if (part.type === 'month') month = Number(part.value);
    if (part.type === 'day') day = Number(part.value);
  }
  return month * 100 + day;
}

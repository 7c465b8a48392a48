/** Calendar days in a person's time zone, with the platform's Intl time-zone data (no library). */

interface LocalTime {
  /** YYYY-MM-DD */
  date: string;
  minuteOfDay: number;
}

function parts(instant: number, timeZone: string): Record<string, number> {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return Object.fromEntries(
    format
      .formatToParts(new Date(instant))
      .filter((p) => p.type !== 'literal')
      .map((p) => [p.type, Number(p.value)]),
  );
}

const pad = (n: number) => String(n).padStart(2, '0');

export function localTime(instant: number, timeZone: string): LocalTime {
  const p = parts(instant, timeZone);
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, minuteOfDay: p.hour * 60 + p.minute };
}

/** The date before `date` (YYYY-MM-DD), on the calendar. */
export function previousDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The instant local midnight begins `date` in `timeZone`. */
export function startOfLocalDay(date: string, timeZone: string): number {
  const wall = Date.parse(`${date}T00:00:00Z`);
  // Offset at a guess, then once more at the corrected instant (a DST change near midnight).
  let instant = wall - offsetMs(wall, timeZone);
  instant = wall - offsetMs(instant, timeZone);
  return instant;
}

function offsetMs(instant: number, timeZone: string): number {
  const p = parts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

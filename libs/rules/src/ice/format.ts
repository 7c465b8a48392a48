/** Numbers, temperatures and durations as a crossing operator reads them in a status reason. */

/** At most one decimal, no trailing ".0": 58, 55.5, 14.4. */
export function formatNumber(value: number, decimals = 1): string {
  const scale = 10 ** decimals;
  return String(Math.round(value * scale) / scale);
}

/** A temperature with a real minus sign: "−4 °C". */
export function formatCelsius(value: number): string {
  const text = formatNumber(value);
  return `${text.startsWith('-') ? `−${text.slice(1)}` : text} °C`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A length of time to the minute: "45 s", "12 min", "6 h", "6 h 5 min", "2 d 3 h". Negative → 0. */
export function formatDuration(ms: number): string {
  const t = Math.max(0, ms);
  if (t < MINUTE) return `${Math.floor(t / 1000)} s`;
  if (t < HOUR) return `${Math.floor(t / MINUTE)} min`;
  if (t < 2 * DAY) {
    const hours = Math.floor(t / HOUR);
    const minutes = Math.floor((t % HOUR) / MINUTE);
    return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
  }
  const days = Math.floor(t / DAY);
  const hours = Math.floor((t % DAY) / HOUR);
  return hours === 0 ? `${days} d` : `${days} d ${hours} h`;
}

/** "2026-01-20 03:00 UTC": the engine stores UTC; readers see local time elsewhere (docs/domain.md §0). */
export function formatUtc(ts: number): string {
  return `${new Date(ts).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

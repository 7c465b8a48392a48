const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

/**
 * Simulated durations as people write them: `90s`, `10m`, `2h`, `1h30m`, `1.5d` (a bare number is seconds).
 * Returns milliseconds, or undefined when the text is not a duration.
 */
export function parseDuration(text: string | number): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? text * 1000 : undefined;
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  // `1h30m` or `1h 30m`: one or more number-unit pairs.
  const parts = trimmed.replace(/\s+/g, '').match(/\d+(?:\.\d+)?(?:ms|s|m|h|d)/g);
  if (!parts || parts.join('') !== trimmed.replace(/\s+/g, '')) return undefined;
  let total = 0;
  for (const part of parts) {
    const match = DURATION.exec(part)!;
    total += Number(match[1]) * UNITS[match[2]];
  }
  return Math.round(total);
}

/** `2h 05m 00s` for a progress line or a summary. */
export function formatSimTime(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const days = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${days > 0 ? `${days}d ` : ''}${pad(h)}:${pad(m)}:${pad(s)}`;
}

import { DEFAULT_ICE_RULES, type IceCrossingRules } from './crossing-status';

/** Shared by the ice specs: a fixed clock and the Jalinda crossing's rules. Tests only. */
export const HOUR = 3_600_000;
// Fixed clock: 1 Feb 2026 03:00Z = 12:00 in Jalinda (Asia/Yakutsk), mid-season.
export const NOW = Date.parse('2026-02-01T03:00:00Z');
export const RULES: IceCrossingRules = {
  ...DEFAULT_ICE_RULES,
  season: { opens: '12-20', closes: '04-10' },
  springFrom: '03-20',
  timeZone: 'Asia/Yakutsk',
};

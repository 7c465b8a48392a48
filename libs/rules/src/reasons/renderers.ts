import type { AlertReason, AlertReasonCode, AlertReasonParams, Language } from '../catalogue';
import type { CrossingState } from '../ice/crossing-status';
import { formatDurationIn, formatNumberIn, oneDecimalIn } from './locale';
import { CROSSING_STATE_NAMES, profileName } from './words';

/** A sentence for every reason code: the compiler refuses a language that misses one. */
export type AlertReasonRenderers = { [C in AlertReasonCode]: (params: AlertReasonParams[C]) => string };

/** At most one decimal, no trailing ".0": 58, 55.5, 14.4. */
export function num(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** A measured value with one decimal, never "-0.0": "9.0". */
export function oneDecimal(value: number): string {
  const text = value.toFixed(1);
  return text === '-0.0' ? '0.0' : text;
}

/** Minutes, one decimal at most. */
export const minutes = (ms: number): string => num(ms / 60_000);

/** A mean kinetic temperature's window as a person says it: "24-h", "30-day". */
export function windowDays(windowHours: number): { days?: number; hours: number } {
  return windowHours > 24 && windowHours % 24 === 0
    ? { days: windowHours / 24, hours: windowHours }
    : { hours: windowHours };
}

export function renderWith(renderers: AlertReasonRenderers, reason: AlertReason): string {
  const render = renderers[reason.code] as (params: AlertReason['params']) => string;
  return render(reason.params);
}

export type ByLanguage = Record<Language, AlertReasonRenderers>;

/** The number, duration and name helpers a language's renderers write with. */
export function formattersFor(language: Language) {
  const num = (value: number) => formatNumberIn(language, value);
  return {
    num,
    oneDecimal: (value: number) => oneDecimalIn(language, value),
    formatDuration: (ms: number) => formatDurationIn(language, ms),
    minutes: (ms: number) => num(ms / 60_000),
    profile: (name: string) => profileName(name, language),
    state: (name: string) => CROSSING_STATE_NAMES[name as CrossingState]?.[language] ?? name,
  };
}

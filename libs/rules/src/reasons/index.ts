import type { AlertReason, Language } from '../catalogue';
import { EN } from './en';
import { renderWith, type ByLanguage } from './renderers';
import { RU } from './ru';
import type { StatusReasonData, StatusReasonRenderers } from './status-codes';
import { STATUS_EN } from './status-en';
import { STATUS_RU } from './status-ru';
import { STATUS_ZH } from './status-zh';
import { ZH } from './zh';

export type { AlertReasonRenderers } from './renderers';
export type * from './status-codes';

/** One renderer per language; the compiler checks each covers every reason code. */
export const REASON_RENDERERS: ByLanguage = { en: EN, ru: RU, zh: ZH };

/** A reason as a sentence in a language: only at the edge (mail, the API's text, the dashboard). */
export function renderReason(reason: AlertReason, language: Language = 'en'): string {
  return renderWith(REASON_RENDERERS[language], reason);
}

export const STATUS_REASON_RENDERERS: Record<Language, StatusReasonRenderers> = {
  en: STATUS_EN,
  ru: STATUS_RU,
  zh: STATUS_ZH,
};

/** A crossing-status reason as a sentence in a language. */
export function renderStatusReason(reason: StatusReasonData, language: Language = 'en'): string {
  const render = STATUS_REASON_RENDERERS[language][reason.code] as (
    params: StatusReasonData['params'],
  ) => string;
  return render(reason.params);
}
export * from './locale';
export * from './words';

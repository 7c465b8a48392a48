import type { AlertReason, Language } from '../catalogue';
import { EN } from './en';
import { renderWith, type ByLanguage } from './renderers';
import { RU } from './ru';
import { ZH } from './zh';

export type { AlertReasonRenderers } from './renderers';

/** One renderer per language; the compiler checks each covers every reason code. */
export const REASON_RENDERERS: ByLanguage = { en: EN, ru: RU, zh: ZH };

/** A reason as a sentence in a language: only at the edge (mail, the API's text, the dashboard). */
export function renderReason(reason: AlertReason, language: Language = 'en'): string {
  return renderWith(REASON_RENDERERS[language], reason);
}

import { renderReason, type Language } from '@jct/rules';
import type { Alert } from './alert';

/**
 * An alert with its sentences in the reader's language, rendered from its causes; an alert logged
 * before reasons were data keeps its English sentences. The causes themselves stay as they are.
 */
export function alertInLanguage(alert: Alert, language: Language): Alert {
  return {
    ...alert,
    reason: alert.cause ? renderReason(alert.cause, language) : alert.reason,
    ...(alert.resolveCause ? { resolveReason: renderReason(alert.resolveCause, language) } : {}),
  };
}

import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { LANGUAGES, type Language } from '@jct/rules';
import type { Caller } from '../auth/caller';

/**
 * The language of the API's sentences (`text`, `reason`): the first language of `Accept-Language`
 * (RFC 9110 §12.5.4, by weight) the service writes, else the language of the key's person, else
 * English. Structured causes (`cause`, `code`, `params`) are the same in every language.
 */
export function readerLanguage(acceptLanguage: string | undefined, personLanguage?: Language): Language {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const weight = params.find((p) => /^\s*q=/i.test(p));
      // A weight that is no number drops its language rather than ranking it first.
      const q =
        weight === undefined
          ? 1
          : /^\s*q=(0(\.\d{0,3})?|1(\.0{0,3})?)\s*$/i.test(weight)
            ? Number(weight.split('=')[1])
            : NaN;
      return { primary: tag.trim().toLowerCase().split('-')[0]!, q, index };
    })
    .filter((entry) => entry.q > 0 && Number.isFinite(entry.q))
    // A stable order: equal weights keep the order the client wrote them in.
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const match = ranked.find((entry) => (LANGUAGES as readonly string[]).includes(entry.primary));
  return (match?.primary as Language | undefined) ?? personLanguage ?? 'en';
}

/** `@ReaderLanguage() language: Language`: see readerLanguage. */
export const ReaderLanguage = createParamDecorator((_data: unknown, context: ExecutionContext): Language => {
  const request = context
    .switchToHttp()
    .getRequest<{ headers: Record<string, string | string[] | undefined>; caller?: Caller }>();
  const header = request.headers['accept-language'];
  return readerLanguage(Array.isArray(header) ? header.join(',') : header, request.caller?.language);
});

import { severityRank } from '@jct/rules';
import { createHash } from 'node:crypto';
import type { Mail } from './messages';
import type { Delivery } from './outbox';

type Language = NonNullable<Delivery['language']>;

const HEADING: Record<Language, (count: number) => string> = {
  en: (count) => `${count} notices`,
  ru: (count) => `Сводка (${count})`,
  zh: (count) => `${count} 条通知`,
};
const MORE: Record<Language, (count: number) => string> = {
  en: (count) => `and ${count} more`,
  ru: (count) => `и ещё ${count}`,
  zh: (count) => `另有 ${count} 条`,
};

/** The most severe first, then in the order they happened. */
export function orderForMail(deliveries: readonly Delivery[]): Delivery[] {
  return [...deliveries].sort(
    (a, b) =>
      severityRank(b.severity ?? 'warning') - severityRank(a.severity ?? 'warning') ||
      a.createdAt.localeCompare(b.createdAt),
  );
}

/**
 * Several pieces of news for one person as one e-mail: the subject names the
 * most severe and how many more; the body carries each piece whole, most severe first. A single
 * piece goes out as it was composed.
 */
export function composeGroupMail(deliveries: readonly Delivery[]): Mail {
  const ordered = orderForMail(deliveries);
  const [first] = ordered;
  if (ordered.length === 1) return { subject: first.subject, text: first.text, html: first.html };
  const lang = first.language ?? 'en';
  const subject = `${first.subject} (${MORE[lang](ordered.length - 1)})`;
  const heading = HEADING[lang](ordered.length);
  const text = [heading, '', ordered.map((d) => d.text.trimEnd()).join('\n\n----------\n\n'), ''].join('\n');
  const html =
    `<!doctype html><html lang="${lang}"><body><h1>${heading}</h1>` +
    ordered.map((d) => bodyOf(d.html)).join('<hr>') +
    '</body></html>';
  return { subject, text, html };
}

/**
 * One Message-ID per e-mail, derived from what it carries: if a crash comes between sending and
 * recording it, the resend has the same Message-ID and the recipient's mail system can tell.
 */
export function messageIdFor(deliveries: readonly Delivery[]): string {
  if (deliveries.length === 1)
    return `<${deliveries[0].key.replace(/[^A-Za-z0-9.:-]/g, '')}@jalinda-crossing>`;
  const keys = deliveries.map((d) => d.key).sort();
  return `<group-${createHash('sha256').update(keys.join('\n')).digest('hex').slice(0, 32)}@jalinda-crossing>`;
}

function bodyOf(html: string): string {
  const match = /<body>([\s\S]*)<\/body>/.exec(html);
  return match ? match[1] : html;
}

import { displayUnit, METRICS, type MetricName, type UnitCode } from '@jct/contract';
import {
  formatDurationIn,
  formatNumberIn,
  LOCALES,
  metricName,
  renderReason,
  ruleName,
  SUBJECT_KIND_NAMES,
  type AlertReason,
} from '@jct/rules';
import type { Person } from '@jct/site-config';
import type { AlertEvent } from '../alerts/alert';

type Language = Person['language'];
type Text = Record<Language, string>;

const WORDS = {
  firing: { en: 'Alert', ru: 'Тревога', zh: '警报' },
  escalated: { en: 'Escalated', ru: 'Усиление', zh: '升级' },
  resolved: { en: 'Resolved', ru: 'Устранено', zh: '已解除' },
  acknowledged: { en: 'Acknowledged', ru: 'Принято', zh: '已确认' },
  reminder: { en: 'Reminder, not acknowledged', ru: 'Напоминание, не принято', zh: '提醒：尚未确认' },
  severity: { en: 'Severity', ru: 'Уровень', zh: '级别' },
  subject: { en: 'Subject', ru: 'Объект', zh: '对象' },
  time: { en: 'Time', ru: 'Время', zh: '时间' },
  recorded: { en: 'Received by the service', ru: 'Получено сервисом', zh: '服务接收时间' },
  details: { en: 'Details', ru: 'Подробности', zh: '详情' },
  value: { en: 'Reading', ru: 'Показание', zh: '读数' },
  backAfter: { en: 'back in range after', ru: 'в норме через', zh: '恢复正常，持续' },
  open: { en: 'Open the alert', ru: 'Открыть тревогу', zh: '查看警报' },
  critical: { en: 'CRITICAL', ru: 'КРИТИЧНО', zh: '严重' },
  major: { en: 'MAJOR', ru: 'ВАЖНО', zh: '重要' },
  warning: { en: 'WARNING', ru: 'ВНИМАНИЕ', zh: '警告' },
} satisfies Record<string, Text>;

export interface Mail {
  subject: string;
  text: string;
  html: string;
}

/** A reading received this much after its own time is called late in a mail. */
const LATE_MS = 60_000;

/** An alert transition as an e-mail to one person: their language and their time zone. */
export function composeAlertMail(
  event: AlertEvent,
  person: Person,
  publicUrl: string,
  reminder = false,
): Mail {
  const { alert } = event;
  const lang = person.language;
  const transition = reminder ? WORDS.reminder[lang] : WORDS[event.transition][lang];
  const rule = ruleName(alert.ruleId, lang);
  const at =
    event.transition === 'resolved'
      ? (alert.resolvedAt ?? alert.firedAt)
      : event.transition === 'escalated'
        ? (alert.escalatedAt ?? alert.firedAt)
        : alert.firedAt;
  const format = (iso: string) =>
    `${new Intl.DateTimeFormat(LOCALES[lang], { timeZone: person.timezone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))} (${person.timezone})`;
  const time = format(at);
  // The time is the reading's; a reading that arrived late (a buffered batch) also says when.
  const recordedAt =
    event.transition === 'resolved'
      ? alert.resolvedRecordedAt
      : event.transition === 'escalated'
        ? alert.escalatedRecordedAt
        : alert.firedRecordedAt;
  const late = recordedAt !== undefined && Date.parse(recordedAt) - Date.parse(at) >= LATE_MS;
  const after =
    event.transition === 'resolved'
      ? ` — ${WORDS.backAfter[lang]} ${formatDurationIn(lang, Date.parse(alert.resolvedAt ?? at) - Date.parse(alert.breachSince))}`
      : '';
  const subject = `[${WORDS[alert.severity][lang]}] ${transition}: ${alert.subjectId} — ${rule}${after}`;
  // The dashboard, where the person signs in with their key and can acknowledge; the API itself
  // would answer a browser 401.
  const base = `${publicUrl.replace(/\/$/, '')}/dashboard`;
  const link =
    alert.subjectType === 'container'
      ? `${base}/shipments.html#alert-${alert.id}`
      : `${base}/#alert-${alert.id}`;
  const rows: [string, string][] = [
    [WORDS.subject[lang], `${alert.subjectId} (${SUBJECT_KIND_NAMES[alert.subjectType][lang]})`],
    [WORDS.severity[lang], WORDS[alert.severity][lang]],
    [WORDS.time[lang], time],
    ...(late ? [[WORDS.recorded[lang], format(recordedAt)] as [string, string]] : []),
    ...(alert.trigger.metric !== undefined && alert.trigger.value !== undefined
      ? [
          [
            WORDS.value[lang],
            `${metricName(alert.trigger.metric, lang)} ${formatNumberIn(lang, alert.trigger.value, 2)} ${unitOf(alert.trigger.metric)}`.trim(),
          ] as [string, string],
        ]
      : []),
    [
      WORDS.details[lang],
      event.transition === 'resolved'
        ? reasonIn(alert.resolveCause, lang, alert.resolveReason ?? alert.reason)
        : reasonIn(alert.cause, lang, alert.reason),
    ],
  ];
  const text = [
    `${transition}: ${rule}${after}`,
    '',
    ...rows.map(([k, v]) => `${k}: ${v}`),
    '',
    `${WORDS.open[lang]}: ${link}`,
    '',
  ].join('\n');
  const html =
    `<!doctype html><html lang="${lang}"><body>` +
    `<h2>${escapeHtml(`${transition}: ${rule}${after}`)}</h2><table>` +
    rows
      .map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
      .join('') +
    `</table><p><a href="${escapeHtml(link)}">${escapeHtml(WORDS.open[lang])}</a></p></body></html>`;
  return { subject, text, html };
}

/** The reason in the reader's language; the stored English sentence for an alert logged without one. */
function reasonIn(cause: AlertReason | undefined, lang: Language, text: string): string {
  return cause ? renderReason(cause, lang) : text;
}

function unitOf(metric: string): string {
  const definition = (METRICS as Record<string, { unit: UnitCode } | undefined>)[metric as MetricName];
  return definition ? displayUnit(definition.unit) : '';
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

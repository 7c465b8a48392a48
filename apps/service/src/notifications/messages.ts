import { displayUnit, METRICS, type MetricName, type UnitCode } from '@jct/contract';
import type { Person } from '@jct/site-config';
import type { AlertEvent } from '../alerts/alert';

type Language = Person['language'];
type Text = Record<Language, string>;

/** Rule names as a person reads them; the engine's reason (with its numbers) follows in English. */
const RULES: Record<string, Text> = {
  'ice.thickness-below-required': {
    en: 'ice too thin for the design load',
    ru: 'лёд тоньше требуемого для расчётной нагрузки',
    zh: '冰层厚度不足以承受设计荷载',
  },
  'ice.fast-thinning': { en: 'ice thinning fast', ru: 'лёд быстро утончается', zh: '冰层快速变薄' },
  'ice.overflow': { en: 'water on the ice', ru: 'вода на льду (наледь)', zh: '冰面溢水' },
  'ice.crack': { en: 'crack in the ice', ru: 'трещина во льду', zh: '冰面裂缝' },
  'ice.thaw': {
    en: 'thaw: ice capacity derated',
    ru: 'оттепель: грузоподъёмность льда снижена',
    zh: '解冻：冰层承载力下调',
  },
  'station.silent': { en: 'ice station silent', ru: 'ледовая станция молчит', zh: '冰情监测站无数据' },
  'traffic.overweight-on-ice': {
    en: 'vehicle too heavy for the ice',
    ru: 'транспорт тяжелее допустимого для льда',
    zh: '车辆超过冰面允许重量',
  },
  'traffic.speed-on-ice': { en: 'speeding on the ice', ru: 'превышение скорости на льду', zh: '冰上超速' },
  'traffic.stopped-on-ice': {
    en: 'vehicle stopped on the ice',
    ru: 'остановка транспорта на льду',
    zh: '车辆在冰上停留',
  },
  'traffic.silent-on-ice': {
    en: 'vehicle silent on the ice',
    ru: 'транспорт на льду не выходит на связь',
    zh: '冰上车辆失去联系',
  },
  'traffic.spacing-on-ice': {
    en: 'vehicles too close on the ice',
    ru: 'недопустимая дистанция на льду',
    zh: '冰上车距过近',
  },
  'cargo.temp-high': { en: 'cargo too warm', ru: 'температура груза выше нормы', zh: '货物温度过高' },
  'cargo.temp-low': { en: 'cargo too cold', ru: 'температура груза ниже нормы', zh: '货物温度过低' },
  'cargo.temp-rising': { en: 'cargo warming', ru: 'груз нагревается', zh: '货物温度上升' },
  'cargo.humidity-high': { en: 'humidity too high', ru: 'влажность выше нормы', zh: '湿度过高' },
  'cargo.humidity-low': { en: 'humidity too low', ru: 'влажность ниже нормы', zh: '湿度过低' },
  'cargo.shock': { en: 'shock above the limit', ru: 'удар выше допустимого', zh: '冲击超限' },
  'cargo.mkt': {
    en: 'mean kinetic temperature above the limit',
    ru: 'средняя кинетическая температура выше нормы',
    zh: '平均动力学温度超限',
  },
  'cargo.condensation': { en: 'condensation risk', ru: 'риск конденсации', zh: '冷凝风险' },
  'cargo.door-open-outside-zone': {
    en: 'door opened outside an inspection zone',
    ru: 'дверь открыта вне зоны досмотра',
    zh: '在查验区外开门',
  },
  'device.battery-low': { en: 'tracker battery low', ru: 'низкий заряд трекера', zh: '追踪器电量低' },
  'device.silent': { en: 'tracker silent', ru: 'трекер молчит', zh: '追踪器无数据' },
  'ferry.out-of-season': {
    en: 'ferry operating out of season',
    ru: 'паром работает вне сезона',
    zh: '渡轮在非运营季运行',
  },
  'ferry.off-corridor': { en: 'ferry off its corridor', ru: 'паром вне коридора', zh: '渡轮偏离航道' },
  'ferry.stopped-midstream': {
    en: 'ferry stopped midstream',
    ru: 'паром остановился посреди реки',
    zh: '渡轮在江心停留',
  },
  'ferry.silent-midstream': {
    en: 'ferry silent midstream',
    ru: 'паром посреди реки не выходит на связь',
    zh: '渡轮在江心失去联系',
  },
  'ferry.low-water': {
    en: 'water too low for the ferry',
    ru: 'уровень воды ниже допустимого для парома',
    zh: '水位过低，渡轮无法运营',
  },
};

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

const LOCALES: Record<Language, string> = { en: 'en-GB', ru: 'ru-RU', zh: 'zh-CN' };

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
  const rule = RULES[alert.ruleId]?.[lang] ?? alert.ruleId;
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
      ? ` — ${WORDS.backAfter[lang]} ${formatDuration(Date.parse(alert.resolvedAt ?? at) - Date.parse(alert.breachSince))}`
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
    [WORDS.subject[lang], `${alert.subjectId} (${alert.subjectType})`],
    [WORDS.severity[lang], WORDS[alert.severity][lang]],
    [WORDS.time[lang], time],
    ...(late ? [[WORDS.recorded[lang], format(recordedAt)] as [string, string]] : []),
    ...(alert.trigger.metric !== undefined && alert.trigger.value !== undefined
      ? [
          [
            WORDS.value[lang],
            `${alert.trigger.metric} = ${alert.trigger.value} ${unitOf(alert.trigger.metric)}`.trim(),
          ] as [string, string],
        ]
      : []),
    [
      WORDS.details[lang],
      event.transition === 'resolved' ? (alert.resolveReason ?? alert.reason) : alert.reason,
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

function unitOf(metric: string): string {
  const definition = (METRICS as Record<string, { unit: UnitCode } | undefined>)[metric as MetricName];
  return definition ? displayUnit(definition.unit) : '';
}

export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 60_000));
  return total < 60 ? `${total} min` : `${Math.floor(total / 60)} h ${total % 60} min`;
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

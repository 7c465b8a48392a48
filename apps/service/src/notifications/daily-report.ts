import {
  formatDurationIn,
  meanKineticTemperatureC,
  oneDecimalIn,
  profileName,
  PROFILE_NAMES,
  russianNoun,
  type CargoProfile,
  type LimitRange,
} from '@jct/rules';
import type { Person } from '@jct/site-config';
import { escapeHtml, type Mail } from './messages';

/** A reading of one metric, by device time. */
export interface Sample {
  ts: number;
  value: number;
}

export interface SeriesSummary {
  count: number;
  min: number;
  max: number;
  /** Time-weighted, so a burst of readings does not outweigh a quiet hour. */
  mean: number;
  /** How long the value was outside the profile's limits. */
  outOfRangeMs: number;
}

export interface ShipmentReport {
  containerId: string;
  isoNumber: string;
  profile: CargoProfile;
  /** The recipient's local date it covers, YYYY-MM-DD. */
  day: string;
  temperature?: SeriesSummary;
  humidity?: SeriesSummary;
  /** Mean kinetic temperature over the day, for profiles judged by it (pharma). */
  mktC?: number;
  /** The forecast's advice at the tracker's latest reading, when the report is made. */
  outlook?: { minutesToLimit?: number; batteryHoursLeft?: number; hoursToArrival?: number };
}

/**
 * A reading stands for the time until the next one, but not for longer than this: beyond it the
 * tracker was silent and the report does not invent values [design; the silent-tracker alert is
 * 30 minutes].
 */
export const MAX_SAMPLE_SPAN_MS = 30 * 60_000;
/** MKT needs equally spaced samples (USP <1160>, docs/domain.md §5): readings are averaged per 10 minutes. */
const MKT_BUCKET_MS = 10 * 60_000;

/** Summary of a day's readings; undefined when there were none. `end` closes the last reading's span. */
export function summarise(
  samples: readonly Sample[],
  limits: LimitRange | undefined,
  end: number,
): SeriesSummary | undefined {
  const sorted = [...samples].sort((a, b) => a.ts - b.ts);
  if (sorted.length === 0) return undefined;
  let weighted = 0;
  let span = 0;
  let outOfRangeMs = 0;
  sorted.forEach((sample, i) => {
    const next = i + 1 < sorted.length ? sorted[i + 1].ts : end;
    const ms = Math.max(0, Math.min(next - sample.ts, MAX_SAMPLE_SPAN_MS));
    weighted += sample.value * ms;
    span += ms;
    if (
      limits &&
      ((limits.min !== undefined && sample.value < limits.min) ||
        (limits.max !== undefined && sample.value > limits.max))
    )
      outOfRangeMs += ms;
  });
  const values = sorted.map((s) => s.value);
  return {
    count: sorted.length,
    min: Math.min(...values),
    max: Math.max(...values),
    mean: span > 0 ? weighted / span : values.reduce((a, b) => a + b, 0) / values.length,
    outOfRangeMs,
  };
}

/** MKT of 10-minute means (equal spacing); undefined without readings. */
export function dailyMkt(samples: readonly Sample[]): number | undefined {
  const buckets = new Map<number, { sum: number; n: number }>();
  for (const { ts, value } of samples) {
    const key = Math.floor(ts / MKT_BUCKET_MS);
    const bucket = buckets.get(key) ?? { sum: 0, n: 0 };
    bucket.sum += value;
    bucket.n += 1;
    buckets.set(key, bucket);
  }
  if (buckets.size === 0) return undefined;
  return meanKineticTemperatureC([...buckets.values()].map((b) => b.sum / b.n));
}

type Language = Person['language'];
const WORDS = {
  title: { en: 'Daily condition report', ru: 'Суточный отчёт о состоянии груза', zh: '每日货物状况报告' },
  container: { en: 'Container', ru: 'Контейнер', zh: '集装箱' },
  profile: { en: 'Cargo profile', ru: 'Профиль груза', zh: '货物类型' },
  temperature: { en: 'Temperature', ru: 'Температура', zh: '温度' },
  humidity: { en: 'Humidity', ru: 'Влажность', zh: '湿度' },
  limits: { en: 'limits', ru: 'пределы', zh: '限值' },
  min: { en: 'min', ru: 'мин', zh: '最低' },
  max: { en: 'max', ru: 'макс', zh: '最高' },
  mean: { en: 'mean', ru: 'среднее', zh: '平均' },
  outside: { en: 'out of range', ru: 'вне пределов', zh: '超限时长' },
  noData: { en: 'no readings', ru: 'нет показаний', zh: '无读数' },
  mkt: { en: 'Mean kinetic temperature', ru: 'Средняя кинетическая температура', zh: '平均动力学温度' },
  ok: { en: 'within limits', ru: 'в пределах нормы', zh: '未超限' },
  over: { en: 'ABOVE the limit', ru: 'ВЫШЕ нормы', zh: '超过限值' },
  outlook: { en: 'Forecast (advice)', ru: 'Прогноз (рекомендация)', zh: '预报（建议）' },
  limitIn: { en: 'at the temperature limit in', ru: 'предел температуры через', zh: '距温度限值' },
  batteryLasts: { en: 'battery lasts', ru: 'батареи хватит на', zh: '电池可用' },
  arrivalIn: { en: 'arrival in', ru: 'прибытие через', zh: '距到达' },
} satisfies Record<string, Record<Language, string>>;

/** "1 reading", "3 показания", "5 показаний", "12 条读数". */
function readings(count: number, lang: Language): string {
  if (lang === 'ru') return russianNoun(count, { one: 'показание', few: 'показания', many: 'показаний' });
  return lang === 'zh' ? '条读数' : count === 1 ? 'reading' : 'readings';
}

/** The report as an e-mail to one owner's person, in their language. */
export function composeReportMail(report: ShipmentReport, person: Person, publicUrl: string): Mail {
  const lang = person.language;
  const w = (word: keyof typeof WORDS) => WORDS[word][lang];
  const { profile } = report;
  const line = (name: string, unit: string, summary: SeriesSummary | undefined, limits?: LimitRange) => {
    const bounds = limits ? ` (${w('limits')} ${limits.min ?? '−∞'}…${limits.max ?? '+∞'} ${unit})` : '';
    if (!summary) return `${name}${bounds}: ${w('noData')}`;
    const f = (n: number) => oneDecimalIn(lang, n);
    return (
      `${name}${bounds}: ${w('min')} ${f(summary.min)}, ${w('max')} ${f(summary.max)}, ` +
      `${w('mean')} ${f(summary.mean)} ${unit}; ${w('outside')} ${formatDurationIn(lang, summary.outOfRangeMs)}; ` +
      `${summary.count} ${readings(summary.count, lang)}`
    );
  };
  const rows = [
    `${w('container')}: ${report.isoNumber} (${report.containerId})`,
    `${w('profile')}: ${PROFILE_NAMES[profile.id] ? profileName(profile.id, lang) : profile.name}`,
    ...(profile.tempC || report.temperature
      ? [line(w('temperature'), '°C', report.temperature, profile.tempC)]
      : []),
    ...(profile.humidityPct || report.humidity
      ? [line(w('humidity'), '%', report.humidity, profile.humidityPct)]
      : []),
    ...(profile.mkt
      ? [
          report.mktC === undefined
            ? `${w('mkt')}: ${w('noData')}`
            : `${w('mkt')}: ${report.mktC.toFixed(2)} °C — ${report.mktC > profile.mkt.maxC ? w('over') : w('ok')} (≤ ${profile.mkt.maxC} °C)`,
        ]
      : []),
    ...outlookRows(report.outlook, lang, w),
  ];
  const subject = `${w('title')}: ${report.isoNumber} — ${report.day}`;
  const link = `${publicUrl.replace(/\/$/, '')}/dashboard/shipments.html`;
  const text = [subject, '', ...rows, '', link, ''].join('\n');
  const html =
    `<!doctype html><html lang="${lang}"><body><h2>${escapeHtml(subject)}</h2><ul>` +
    rows.map((row) => `<li>${escapeHtml(row)}</li>`).join('') +
    `</ul><p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p></body></html>`;
  return { subject, text, html };
}

/** The forecast's advice as one row, when it has something to say. */
function outlookRows(
  outlook: ShipmentReport['outlook'],
  lang: Language,
  w: (word: keyof typeof WORDS) => string,
): string[] {
  if (!outlook) return [];
  const parts = [
    ...(outlook.minutesToLimit !== undefined
      ? [`${w('limitIn')} ${formatDurationIn(lang, outlook.minutesToLimit * 60_000)}`]
      : []),
    ...(outlook.batteryHoursLeft !== undefined
      ? [
          `${w('batteryLasts')} ${formatDurationIn(lang, outlook.batteryHoursLeft * 3_600_000)}` +
            (outlook.hoursToArrival !== undefined
              ? ` (${w('arrivalIn')} ${formatDurationIn(lang, Math.max(0, outlook.hoursToArrival) * 3_600_000)})`
              : ''),
        ]
      : []),
  ];
  return parts.length > 0 ? [`${w('outlook')}: ${parts.join('; ')}`] : [];
}

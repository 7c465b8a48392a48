import type { Language } from '../catalogue';

/**
 * Numbers and lengths of time as a reader of each language writes them: a decimal comma in
 * Russian, Russian nouns in the plural form the number asks for (1 минуту, 2 минуты, 5 минут,
 * 21 минуту — CLDR plural rules through `Intl.PluralRules`, which Node ships with full ICU).
 */
export const LOCALES: Readonly<Record<Language, string>> = { en: 'en-GB', ru: 'ru-RU', zh: 'zh-CN' };

const numberFormats = new Map<string, Intl.NumberFormat>();

/** At most `decimals` decimals, no trailing zeros, the locale's decimal sign: "55.5", "55,5". */
export function formatNumberIn(language: Language, value: number, decimals = 1): string {
  const key = `${language}:${decimals}`;
  let format = numberFormats.get(key);
  if (!format) {
    // No grouping: ids, years and thresholds read the same in every language ("10000 kg").
    format = new Intl.NumberFormat(LOCALES[language], {
      maximumFractionDigits: decimals,
      useGrouping: false,
    });
    numberFormats.set(key, format);
  }
  const text = format.format(value);
  // "-0" after rounding a tiny negative reads as a sign error to a person.
  return /^-0([.,]0*)?$/.test(text) ? text.slice(1) : text;
}

/** Exactly one decimal, as a measured value is shown: "9.0", "9,0". */
export function oneDecimalIn(language: Language, value: number): string {
  const text = new Intl.NumberFormat(LOCALES[language], {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    useGrouping: false,
  }).format(value);
  return text.replace(/^-(0[.,]0)$/, '$1');
}

type RussianForms = Readonly<{ one: string; few: string; many: string }>;
const russianPlural = new Intl.PluralRules('ru-RU');

/** The Russian noun form for `count`: one (1, 21, 101), few (2–4, 22–24), many (5–20, 25…). */
export function russianNoun(count: number, forms: RussianForms): string {
  const category = russianPlural.select(count);
  // "other" is for fractions: 1,5 минуты takes the genitive singular, the same as "few".
  return category === 'one' ? forms.one : category === 'few' || category === 'other' ? forms.few : forms.many;
}

type DurationUnit = 'second' | 'minute' | 'hour' | 'day';

// Accusative forms: durations stand after a verb or "назад"/"через" ("молчит 21 минуту").
const RUSSIAN_UNITS: Record<DurationUnit, RussianForms> = {
  second: { one: 'секунду', few: 'секунды', many: 'секунд' },
  minute: { one: 'минуту', few: 'минуты', many: 'минут' },
  hour: { one: 'час', few: 'часа', many: 'часов' },
  day: { one: 'день', few: 'дня', many: 'дней' },
};
const ENGLISH_UNITS: Record<DurationUnit, string> = { second: 's', minute: 'min', hour: 'h', day: 'd' };
const CHINESE_UNITS: Record<DurationUnit, string> = { second: '秒', minute: '分钟', hour: '小时', day: '天' };

function part(language: Language, count: number, unit: DurationUnit): string {
  if (language === 'ru') return `${count} ${russianNoun(count, RUSSIAN_UNITS[unit])}`;
  return `${count} ${(language === 'zh' ? CHINESE_UNITS : ENGLISH_UNITS)[unit]}`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A length of time to the minute in a language: "45 s", "6 h 5 min", "2 d 3 h"; "6 часов 5 минут";
 * "6 小时 5 分钟". Negative → 0.
 */
export function formatDurationIn(language: Language, ms: number): string {
  const t = Math.max(0, ms);
  const parts: [number, DurationUnit][] =
    t < MINUTE
      ? [[Math.floor(t / 1000), 'second']]
      : t < HOUR
        ? [[Math.floor(t / MINUTE), 'minute']]
        : t < 2 * DAY
          ? [
              [Math.floor(t / HOUR), 'hour'],
              [Math.floor((t % HOUR) / MINUTE), 'minute'],
            ]
          : [
              [Math.floor(t / DAY), 'day'],
              [Math.floor((t % DAY) / HOUR), 'hour'],
            ];
  const [first, second] = parts;
  const shown = second && second[0] > 0 ? [first!, second] : [first!];
  return shown.map(([count, unit]) => part(language, count, unit)).join(' ');
}

import { timeChart } from './charts.js';
import { api, el, formatTime, language } from './common.js';

const HOUR = 3_600_000;

// The forecast's own words in the three languages, kept beside it (docs/domain.md §9).
const WORDS = {
  en: {
    title: 'Forecast, next 72 h (advice, not the status)',
    advice: 'Advice only: a forecast from the ice-growth model. The status above follows measurements.',
    low: 'low',
    mid: 'forecast',
    high: 'high',
    posted: 'posted',
    loadClass: 'Load class',
    allowedFrom: 'Allowed from',
    now: 'now',
    notAtThisWeather: 'not at this weather',
    lastDay: 'Estimated last open day',
    none: 'none in sight',
    noForecast: 'No forecast: a station has no thickness or there is no air temperature.',
  },
  ru: {
    title: 'Прогноз на 72 ч (рекомендация, не статус)',
    advice: 'Только рекомендация: прогноз по модели нарастания льда. Статус выше основан на измерениях.',
    low: 'мин.',
    mid: 'прогноз',
    high: 'макс.',
    posted: 'допустимо',
    loadClass: 'Класс нагрузки',
    allowedFrom: 'Допускается с',
    now: 'сейчас',
    notAtThisWeather: 'не при этой погоде',
    lastDay: 'Ожидаемый последний день работы',
    none: 'не ожидается',
    noForecast: 'Прогноза нет: у станции нет толщины льда или нет температуры воздуха.',
  },
  zh: {
    title: '未来 72 小时预报（建议，非通行状态）',
    advice: '仅供参考：依据冰层增长模型的预报。上方状态以实测为准。',
    low: '下限',
    mid: '预报',
    high: '上限',
    posted: '核定',
    loadClass: '荷载等级',
    allowedFrom: '允许通行自',
    now: '现在',
    notAtThisWeather: '按当前天气不会达到',
    lastDay: '预计最后通行日',
    none: '暂无',
    noForecast: '无预报：有监测站无冰厚数据或无气温数据。',
  },
};
const w = (name) => (WORDS[language()] ?? WORDS.en)[name];

/**
 * The forecast card of the crossing page: the allowed gross mass for 72 h as a band (low, forecast,
 * high) against the posted load, the date each load class becomes allowed and the last open day.
 */
export async function forecastCard(crossingId) {
  const forecast = await api(`/api/crossings/${crossingId}/forecast`);
  const children = [
    el('h2', {}, [w('title')]),
    el('p', { class: 'muted', id: 'forecast-advice' }, [w('advice')]),
  ];
  if (forecast.points.length === 0) {
    children.push(el('p', { id: 'forecast-none' }, [w('noForecast')]));
    return el('section', { class: 'card wide', id: 'forecast' }, children);
  }
  const series = ['low', 'mid', 'high'].map((key) => ({
    label: w(key),
    points: forecast.points.map((p) => ({ ts: Date.parse(p.ts), value: p.allowedTonnes[key] })),
  }));
  const from = Date.parse(forecast.points[0].ts);
  children.push(
    el('div', { id: 'forecast-chart' }, [
      timeChart({
        title: w('mid'),
        series,
        unit: 't',
        from,
        to: from + 72 * HOUR,
        min: 0,
        limits: [{ value: forecast.postedTonnes, label: `${w('posted')} ${forecast.postedTonnes} t` }],
      }),
    ]),
    el('table', { id: 'forecast-classes' }, [
      el('tr', {}, [el('th', {}, [w('loadClass')]), el('th', {}, [w('allowedFrom')])]),
      ...forecast.loadClasses.map((c) =>
        el('tr', { 'data-tonnes': String(c.tonnes) }, [
          el('td', {}, [`${c.tonnes} t`]),
          el('td', {}, [dateOf(c.allowedFrom, forecast.generatedAt, w('notAtThisWeather'))]),
        ]),
      ),
      el('tr', { id: 'forecast-last-day' }, [
        el('th', {}, [w('lastDay')]),
        el('td', {}, [dateOf(forecast.lastOpenAt, undefined, w('none'))]),
      ]),
    ]),
  );
  return el('section', { class: 'card wide', id: 'forecast' }, children);
}

function dateOf(iso, now, otherwise) {
  if (iso === null) return otherwise;
  return iso === now ? w('now') : formatTime(iso);
}

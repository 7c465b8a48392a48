import type { AlertReasonCode, Language } from '../catalogue';
import { formattersFor, type AlertReasonRenderers } from './renderers';

type ForecastCode = Extract<AlertReasonCode, `forecast.${string}`>;
type ForecastRenderers = Pick<AlertReasonRenderers, ForecastCode>;

/** The early warnings' sentences (docs/domain.md §9): each says it is a forecast. */
// The crossing is the alert's subject, named by the page or mail around the sentence: its id is
// not repeated in the sentence, where no reader's language has a word for it.
const en = formattersFor('en');
const ru = formattersFor('ru');
const zh = formattersFor('zh');

export const FORECAST_REASONS: Record<Language, ForecastRenderers> = {
  en: {
    'forecast.capacity-below': (p) =>
      `forecast (advice): the crossing may carry only ${en.num(p.projectedTonnes)} t in about ${p.inHours} h, below the posted ${en.num(p.postedTonnes)} t`,
    'forecast.capacity-holds': (p) =>
      `forecast (advice): the crossing keeps the posted ${en.num(p.postedTonnes)} t for the next ${p.hours} h`,
    'forecast.reefer-limit': (p) =>
      `forecast: container ${p.container} at ${en.oneDecimal(p.tempC)} °C is drifting towards the outside ${en.oneDecimal(p.ambientC)} °C ` +
      `and will be ${p.side} the ${p.limitC} °C limit of ${en.profile(p.profile)} in about ${p.minutes} min (time constant ${en.num(p.tauHours)} h)`,
    'forecast.reefer-holds': (p) =>
      `forecast: container ${p.container} stays within its limits for the next ${p.reactionMinutes} min`,
    'forecast.battery-empty': (p) =>
      `forecast: the tracker of container ${p.container} (${en.oneDecimal(p.batteryPct)} %) runs out in about ${en.num(p.hoursLeft)} h, ` +
      `${p.planned ? `before the planned arrival in ${en.num(p.hoursToArrival)} h` : `within ${en.num(p.hoursToArrival)} h`}`,
    'forecast.battery-lasts': (p) => `forecast: the tracker of container ${p.container} lasts the journey`,
  },
  ru: {
    'forecast.capacity-below': (p) =>
      `прогноз (рекомендация): через ${p.inHours} ч переправа может выдержать лишь ${ru.num(p.projectedTonnes)} т, меньше допустимых ${ru.num(p.postedTonnes)} т`,
    'forecast.capacity-holds': (p) =>
      `прогноз (рекомендация): переправа сохранит допустимые ${ru.num(p.postedTonnes)} т ближайшие ${p.hours} ч`,
    'forecast.reefer-limit': (p) =>
      `прогноз: контейнер ${p.container} (${ru.oneDecimal(p.tempC)} °C) приближается к наружной температуре ${ru.oneDecimal(p.ambientC)} °C ` +
      `и примерно через ${p.minutes} мин выйдет ${p.side === 'above' ? 'выше' : 'ниже'} предела ${p.limitC} °C для груза «${ru.profile(p.profile)}» (постоянная времени ${ru.num(p.tauHours)} ч)`,
    'forecast.reefer-holds': (p) =>
      `прогноз: контейнер ${p.container} останется в пределах ближайшие ${p.reactionMinutes} мин`,
    'forecast.battery-empty': (p) =>
      `прогноз: батарея трекера контейнера ${p.container} (${ru.oneDecimal(p.batteryPct)} %) сядет примерно через ${ru.num(p.hoursLeft)} ч, ` +
      `${p.planned ? `до планового прибытия через ${ru.num(p.hoursToArrival)} ч` : `в ближайшие ${ru.num(p.hoursToArrival)} ч`}`,
    'forecast.battery-lasts': (p) => `прогноз: батареи трекера контейнера ${p.container} хватит на рейс`,
  },
  zh: {
    'forecast.capacity-below': (p) =>
      `预报（建议）：约 ${p.inHours} 小时后冰道仅能承载 ${zh.num(p.projectedTonnes)} 吨，低于核定的 ${zh.num(p.postedTonnes)} 吨`,
    'forecast.capacity-holds': (p) =>
      `预报（建议）：未来 ${p.hours} 小时冰道保持核定的 ${zh.num(p.postedTonnes)} 吨`,
    'forecast.reefer-limit': (p) =>
      `预报：集装箱 ${p.container}（${zh.oneDecimal(p.tempC)} °C）正趋向外界温度 ${zh.oneDecimal(p.ambientC)} °C，` +
      `约 ${p.minutes} 分钟后将${p.side === 'above' ? '高于' : '低于'}${zh.profile(p.profile)}的 ${p.limitC} °C 限值（时间常数 ${zh.num(p.tauHours)} 小时）`,
    'forecast.reefer-holds': (p) =>
      `预报：集装箱 ${p.container} 未来 ${p.reactionMinutes} 分钟内保持在限值内`,
    'forecast.battery-empty': (p) =>
      `预报：集装箱 ${p.container} 的追踪器（${zh.oneDecimal(p.batteryPct)} %）约 ${zh.num(p.hoursLeft)} 小时后耗尽，` +
      `${p.planned ? `早于 ${zh.num(p.hoursToArrival)} 小时后的计划到达` : `在 ${zh.num(p.hoursToArrival)} 小时内`}`,
    'forecast.battery-lasts': (p) => `预报：集装箱 ${p.container} 的追踪器电量足以完成行程`,
  },
};

import type { AlertReasonCode, Language } from '../catalogue';
import { num, oneDecimal, type AlertReasonRenderers } from './renderers';

type ForecastCode = Extract<AlertReasonCode, `forecast.${string}`>;
type ForecastRenderers = Pick<AlertReasonRenderers, ForecastCode>;

/** The early warnings' sentences (docs/domain.md §9): each says it is a forecast. */
export const FORECAST_REASONS: Record<Language, ForecastRenderers> = {
  en: {
    'forecast.capacity-below': (p) =>
      `forecast (advice): ${p.crossingId} may carry only ${num(p.projectedTonnes)} t in about ${p.inHours} h, below the posted ${num(p.postedTonnes)} t`,
    'forecast.capacity-holds': (p) =>
      `forecast (advice): ${p.crossingId} keeps the posted ${num(p.postedTonnes)} t for the next ${p.hours} h`,
    'forecast.reefer-limit': (p) =>
      `forecast: container ${p.container} at ${oneDecimal(p.tempC)} °C is drifting towards the outside ${oneDecimal(p.ambientC)} °C ` +
      `and will be ${p.side} the ${p.limitC} °C limit of ${p.profile} in about ${p.minutes} min (time constant ${num(p.tauHours)} h)`,
    'forecast.reefer-holds': (p) =>
      `forecast: container ${p.container} stays within its limits for the next ${p.reactionMinutes} min`,
    'forecast.battery-empty': (p) =>
      `forecast: the tracker of container ${p.container} (${oneDecimal(p.batteryPct)} %) runs out in about ${num(p.hoursLeft)} h, ` +
      `${p.planned ? `before the planned arrival in ${num(p.hoursToArrival)} h` : `within ${num(p.hoursToArrival)} h`}`,
    'forecast.battery-lasts': (p) => `forecast: the tracker of container ${p.container} lasts the journey`,
  },
  ru: {
    'forecast.capacity-below': (p) =>
      `прогноз (рекомендация): через ${p.inHours} ч ${p.crossingId} может выдержать лишь ${num(p.projectedTonnes)} т, меньше допустимых ${num(p.postedTonnes)} т`,
    'forecast.capacity-holds': (p) =>
      `прогноз (рекомендация): ${p.crossingId} сохранит допустимые ${num(p.postedTonnes)} т ближайшие ${p.hours} ч`,
    'forecast.reefer-limit': (p) =>
      `прогноз: контейнер ${p.container} (${oneDecimal(p.tempC)} °C) приближается к наружной температуре ${oneDecimal(p.ambientC)} °C ` +
      `и примерно через ${p.minutes} мин выйдет ${p.side === 'above' ? 'выше' : 'ниже'} предела ${p.limitC} °C для груза «${p.profile}» (постоянная времени ${num(p.tauHours)} ч)`,
    'forecast.reefer-holds': (p) =>
      `прогноз: контейнер ${p.container} останется в пределах ближайшие ${p.reactionMinutes} мин`,
    'forecast.battery-empty': (p) =>
      `прогноз: батарея трекера контейнера ${p.container} (${oneDecimal(p.batteryPct)} %) сядет примерно через ${num(p.hoursLeft)} ч, ` +
      `${p.planned ? `до планового прибытия через ${num(p.hoursToArrival)} ч` : `в ближайшие ${num(p.hoursToArrival)} ч`}`,
    'forecast.battery-lasts': (p) => `прогноз: батареи трекера контейнера ${p.container} хватит на рейс`,
  },
  zh: {
    'forecast.capacity-below': (p) =>
      `预报（建议）：约 ${p.inHours} 小时后 ${p.crossingId} 仅能承载 ${num(p.projectedTonnes)} 吨，低于核定的 ${num(p.postedTonnes)} 吨`,
    'forecast.capacity-holds': (p) =>
      `预报（建议）：未来 ${p.hours} 小时 ${p.crossingId} 保持核定的 ${num(p.postedTonnes)} 吨`,
    'forecast.reefer-limit': (p) =>
      `预报：集装箱 ${p.container}（${oneDecimal(p.tempC)} °C）正趋向外界温度 ${oneDecimal(p.ambientC)} °C，` +
      `约 ${p.minutes} 分钟后将${p.side === 'above' ? '高于' : '低于'}${p.profile}的 ${p.limitC} °C 限值（时间常数 ${num(p.tauHours)} 小时）`,
    'forecast.reefer-holds': (p) =>
      `预报：集装箱 ${p.container} 未来 ${p.reactionMinutes} 分钟内保持在限值内`,
    'forecast.battery-empty': (p) =>
      `预报：集装箱 ${p.container} 的追踪器（${oneDecimal(p.batteryPct)} %）约 ${num(p.hoursLeft)} 小时后耗尽，` +
      `${p.planned ? `早于 ${num(p.hoursToArrival)} 小时后的计划到达` : `在 ${num(p.hoursToArrival)} 小时内`}`,
    'forecast.battery-lasts': (p) => `预报：集装箱 ${p.container} 的追踪器电量足以完成行程`,
  },
};

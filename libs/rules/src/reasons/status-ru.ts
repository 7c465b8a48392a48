import { formatUtc } from '../ice/format';
import { formatDurationIn, formatNumberIn } from './locale';
import type { StatusReasonRenderers } from './status-codes';

const n = (value: number, decimals = 1) => formatNumberIn('ru', value, decimals);
const formatDuration = (ms: number) => formatDurationIn('ru', ms);
/** A temperature with a real minus sign: "−4 °C". */
const formatCelsius = (value: number) => `${n(value).replace(/^-/, '−')} °C`;

export const STATUS_RU: StatusReasonRenderers = {
  out_of_season: (p) =>
    p.ferry
      ? `закрыта: вне сезона паромной переправы (с ${p.opens} по ${p.closes}, местные даты ${p.timeZone}): ледоход или лёд, безопасной переправы нет`
      : `закрыта: вне ледового сезона (с ${p.opens} по ${p.closes}, местные даты ${p.timeZone}), каким бы ни был лёд`,
  no_stations: () =>
    'неизвестно: ни одна ледовая станция не передаёт данные; по одному календарю переправа не открывается',
  no_thickness: (p) => `неизвестно: станция ${p.stationId} не передавала толщину льда`,
  stale_thickness: (p) =>
    `неизвестно: станция ${p.stationId} молчит ${formatDuration(p.silentMs)} ` +
    `(последняя толщина льда в ${formatUtc(p.lastTs)}); ` +
    `показаниям доверяем только ${formatDuration(p.staleAfterMs)}`,
  stuck_thickness: (p) =>
    `неизвестно: станция ${p.stationId} показывает ровно ${n(p.valueCm)} см с ${formatUtc(p.sinceTs)}, ` +
    `хотя температура воздуха изменилась на ${n(p.airSwingC)} °C; зависший датчик считается молчащим`,
  unconfirmed_thickness: (p) =>
    `станция ${p.stationId} сообщила ${n(p.reportedCm)} см в ${formatUtc(p.reportedTs)} — больше, чем может нарасти лёд ` +
    `(не более ${n(p.allowedRiseCm)} см сверх ${n(p.believedCm)} см от ${formatUtc(p.believedTs)}); ` +
    `до подтверждения принимаем ${n(p.believedCm)} см`,
  manual_thickness: (p) =>
    `станция ${p.stationId}: ${n(p.valueCm)} см подтверждено ручным замером (${p.by}, ${formatUtc(p.ts)})`,
  crack: (p) =>
    `закрыта: открытая или мокрая трещина шириной ${n(p.widthMm)} мм у станции ${p.stationId} ` +
    `(сообщено ${formatDuration(p.agoMs)} назад; закрытие при ${n(p.closeAtMm)} мм): ` +
    'движение запрещено при любой толщине',
  governing_station: (p) => {
    const which = p.stationCount > 1 ? `, слабейшая из ${p.stationCount}` : '';
    const layers =
      p.whiteCm === undefined
        ? `всего ${n(p.totalCm)} см, белый лёд не сообщён`
        : `всего ${n(p.totalCm)} см, белого ${n(p.whiteCm)} см`;
    return (
      `станция ${p.stationId}${which}: эффективная толщина ${n(p.effectiveCm)} см (${layers}); ` +
      `грузовику ${n(p.designLoadTonnes)} т нужно ${n(p.requiredCm)} см ` +
      `(Голд, A = ${n(p.goldA, 2)}${p.derated ? ', с учётом понижений ниже' : ''})`
    );
  },
  thaw: (p) =>
    `${p.meanAirC === undefined ? 'нет средней температуры воздуха за 3 суток' : `средняя температура воздуха за 3 суток ${formatCelsius(p.meanAirC)}`}, ` +
    `строка таблицы оттепели ${p.row}: требуемая толщина × ${n(p.thicknessFactor, 2)}, грузоподъёмность × ${n(p.capacityFactor, 2)}`,
  overflow: (p) =>
    `вода на льду у станции ${p.stations.map((s) => `${s.stationId} (сообщено ${formatDuration(s.agoMs)} назад)`).join(', ')}: ` +
    `грузоподъёмность × ${n(p.capacityFactor, 2)}`,
  spring_ice: (p) =>
    `весенний лёд (с ${p.from} по ${p.closes}): грузоподъёмность × ${n(p.capacityFactor, 2)}`,
  open: (p) => {
    if ('ratedTonnes' in p) {
      return (
        `открыта для ${n(p.ratedTonnes)} т` +
        (p.levelCm !== undefined && p.minimumCm !== undefined
          ? `: уровень воды ${n(p.levelCm)} см (нужно ${n(p.minimumCm)} см)`
          : '')
      );
    }
    return `открыта: лёд выдерживает ${n(p.maxTonnes)} т полной массы (${basis(p)}), не меньше расчётной нагрузки ${n(p.designLoadTonnes)} т`;
  },
  restricted: (p) =>
    `ограничена: транспорт полной массой не более ${n(p.maxTonnes)} т (${basis(p)}), меньше расчётной нагрузки ${n(p.designLoadTonnes)} т`,
  below_minimum: (p) =>
    `закрыта: лёд выдерживает лишь ${n(p.maxTonnes)} т полной массы (${basis(p)}), меньше минимума ${n(p.minOpenTonnes)} т для открытия`,
  no_water_level: (p) => `неизвестно: уровень воды не сообщён; парому нужно ${n(p.minimumCm)} см`,
  stale_water_level: (p) => `неизвестно: последний уровень воды получен ${formatDuration(p.ageMs)} назад`,
  low_water: (p) => `закрыта: уровень воды ${n(p.levelCm)} см, ниже ${n(p.minimumCm)} см, нужных парому`,
};

function basis(p: { goldTonnes: number; effectiveCm: number; capacityFactor: number }): string {
  return (
    `по Голду ${n(p.goldTonnes)} т при ${n(p.effectiveCm)} см` +
    (p.capacityFactor < 1 ? ` × ${n(p.capacityFactor, 3)} с учётом условий ниже` : '')
  );
}

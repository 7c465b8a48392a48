import type { AlertReasonParams, Side } from '../catalogue';
import { FORECAST_REASONS } from './forecast-reasons';
import { formattersFor, windowDays, type AlertReasonRenderers } from './renderers';
import { subjectLabel } from './words';

const { num, oneDecimal, formatDuration, minutes, profile, state } = formattersFor('ru');

const lead = (subject?: string) => (subject ? `${subjectLabel(subject, 'ru')}: ` : '');
const celsius = (value: number) => `${oneDecimal(value)} °C`;
const limit = (value: number) => `${num(value)} °C`;
const side = (value: Side) => (value === 'above' ? 'выше' : 'ниже');
const at = (lat?: number, lon?: number) =>
  lat !== undefined && lon !== undefined ? ` в точке ${lat.toFixed(4)}, ${lon.toFixed(4)}` : '';

function mktName(windowHours: number): string {
  const { days, hours } = windowDays(windowHours);
  return `средняя кинетическая температура за ${days !== undefined ? `${days} сут` : `${hours} ч`}`;
}

function mktVerdict(p: { windowHours: number; mktMaxC: number; mktC?: number }): string {
  const name = mktName(p.windowHours);
  if (p.mktC === undefined)
    return `отклонение допустимо, пока ${name} не выше ${limit(p.mktMaxC)} (USP <659>)`;
  return `${name} ${celsius(p.mktC)} — ${p.mktC > p.mktMaxC ? 'выше' : 'в пределах'} ${limit(p.mktMaxC)} (USP <659>)`;
}

function temperatureWithin(p: AlertReasonParams['cargo.temp-within']): string {
  const bound =
    p.limitC === undefined
      ? 'без предела'
      : `в пределах ${p.hard ? 'жёсткого ' : ''}предела ${limit(p.limitC)}`;
  return `${lead(p.subject)}${celsius(p.tempC)}, ${bound} для груза «${profile(p.profile)}»`;
}

export const RU: AlertReasonRenderers = {
  ...FORECAST_REASONS.ru,
  'ice.effective-thickness': (p) =>
    `станция ${p.stationId}: эффективная толщина льда ${num(p.effectiveCm)} см (всего ${num(p.totalCm)} см, белого ${num(p.whiteCm)} см); ` +
    `грузовику ${num(p.designLoadTonnes)} т нужно ${num(p.requiredCm)} см (Голд, A = ${num(p.goldA)}${p.derated ? ', с понижением' : ''})`,
  'ice.water-on-ice': (p) =>
    `станция ${p.stationId}: вода на льду; расчётная нагрузка снижена на ${num(p.loadCutPct)} %`,
  'ice.no-water-on-ice': (p) => `станция ${p.stationId}: воды на льду нет`,
  'ice.crack-width': (p) =>
    `станция ${p.stationId}: трещина шириной ${num(p.widthMm)} мм (полоса закрывается при ${num(p.closeAtMm)} мм)`,
  'ice.thinning-rate': (p) =>
    `станция ${p.stationId}: лёд утончается на ${num(p.cmPerDay)} см/сут (${num(p.fromCm)} → ${num(p.toCm)} см эффективной толщины); тревога выше ${num(p.limitCmPerDay)} см/сут`,
  'ice.thaw-mean': (p) =>
    `${p.crossingId}: средняя температура воздуха за 3 суток ${num(p.meanAirC)} °C; грузоподъёмность льда снижена (×${p.capacityFactor})`,
  'station.no-thickness': (p) =>
    `станция ${p.stationId} не присылала толщину льда; состояние ${p.crossingId} неизвестно, переправа не открыта`,
  'station.silent-for': (p) =>
    `станция ${p.stationId} молчит ${formatDuration(p.silentMs)}; состояние ${p.crossingId} неизвестно, переправа не открыта`,
  'station.thickness-unconfirmed': (p) =>
    `станция ${p.stationId} показывает ${num(p.reportedCm)} см льда — рост быстрее, чем может расти лёд (не более ${num(p.allowedRiseCm)} см от ${num(p.believedCm)} см); до подтверждения принимаем ${num(p.believedCm)} см`,
  'station.thickness-plausible': (p) => `станция ${p.stationId}: показания толщины льда снова правдоподобны`,
  'station.stuck-gauge': (p) =>
    `станция ${p.stationId} ${num(p.hours)} ч показывает ровно ${num(p.valueCm)} см, хотя температура воздуха изменилась на ${num(p.airSwingC)} °C; датчик считается молчащим`,
  'station.gauge-varies': (p) => `станция ${p.stationId}: датчик толщины льда снова меняет показания`,
  'traffic.mass-on-ice': (p) =>
    `транспорт ${p.vehicleId} ${p.tonnes === undefined ? 'неизвестной массы' : `(${num(p.tonnes)} т)`} на ${p.crossingId}, где сейчас допускается ` +
    `${p.allowedTonnes > 0 ? `${num(p.allowedTonnes)} т` : `движение запрещено (${state(p.crossingState)})`}`,
  'traffic.off-ice': (p) => `транспорт ${p.vehicleId} не на льду`,
  'traffic.too-fast': (p) =>
    `транспорт ${p.vehicleId}: ${num(p.speedKmh)} км/ч на ${p.crossingId}, выше предела ${num(p.limitKmh)} км/ч (ОДН 218.010-98 §8.2)`,
  'traffic.resonant-speed': (p) =>
    `транспорт ${p.vehicleId}: ${num(p.speedKmh)} км/ч на ${p.crossingId}, в резонансном диапазоне ` +
    `${num(p.fromKmh)}–${num(p.toKmh)} км/ч при глубине ${num(p.waterDepthM)} м`,
  'traffic.speed-ok': (p) => `транспорт ${p.vehicleId}: скорость в пределах нормы`,
  'traffic.stopped': (p) =>
    `транспорт ${p.vehicleId} стоит на ${p.crossingId} ${num(p.minutes)} мин или дольше: остановка на льду запрещена`,
  'traffic.moving': (p) => `транспорт ${p.vehicleId} движется или не на льду`,
  'traffic.too-close': (p) =>
    `транспорт ${p.vehicleId} в ${num(p.metres)} м от ${p.otherId} на ${p.crossingId}; требуется не менее ${num(p.neededM)} м`,
  'traffic.spacing-kept': (p) => `транспорт ${p.vehicleId}: дистанция соблюдается`,
  'traffic.silent': (p) =>
    `транспорт ${p.vehicleId} последний раз был на ${p.crossingId} ${minutes(p.silentMs)} мин назад и с тех пор молчит: где он?`,
  'traffic.reporting': (p) => `транспорт ${p.vehicleId} на связи или не на льду`,
  'ferry.water-level': (p) =>
    `${p.crossingId}: уровень воды ${num(p.levelCm)} см, ниже ${num(p.minimumCm)} см, нужных парому`,
  'ferry.out-of-season': (p) =>
    `паром ${p.ferryId} работает на ${p.crossingId} вне сезона ${p.opens} – ${p.closes} (ледоход, безопасной переправы нет)`,
  'ferry.off-corridor': (p) =>
    `паром ${p.ferryId} в ${num(Math.max(0, p.offByM))} м за пределами коридора ${num(p.corridorWidthM)} м переправы ${p.crossingId}`,
  'ferry.stopped': (p) =>
    `паром ${p.ferryId} стоит посреди реки на ${p.crossingId} ${num(p.minutes)} мин или дольше`,
  'ferry.silent': (p) =>
    `паром ${p.ferryId} последний раз был посреди реки на ${p.crossingId} ${minutes(p.silentMs)} мин назад и с тех пор молчит`,
  'ferry.reporting': (p) => `паром ${p.ferryId} на связи или у причала`,
  'cargo.shock': (p) =>
    `${lead(p.subject)}удар ${oneDecimal(p.shockG)} g, ${p.breached ? 'выше' : 'в пределах'} предела ${num(p.limitG)} g для груза «${profile(p.profile)}»`,
  'cargo.condensation': (p) =>
    `${lead(p.subject)}поверхность на уровне точки росы внутреннего воздуха или ниже: конденсация («контейнерный дождь», GDV Container Handbook)`,
  'cargo.no-condensation': (p) => `${lead(p.subject)}поверхности выше точки росы внутреннего воздуха`,
  'cargo.temp-hard-limit': (p) =>
    `${lead(p.subject)}${celsius(p.tempC)}, ${side(p.side)} жёсткого предела ${limit(p.limitC)} для груза «${profile(p.profile)}»: тревога сразу, независимо от средней кинетической температуры`,
  'cargo.temp-within': temperatureWithin,
  'cargo.temp-excursion-mkt': (p) =>
    `${lead(p.subject)}${celsius(p.tempC)}, ${side(p.side)} предела ${limit(p.limitC)} для груза «${profile(p.profile)}»; ${mktVerdict(p)}`,
  'cargo.temp-defrost': (p) =>
    `${lead(p.subject)}${celsius(p.tempC)}, выше предела ${limit(p.limitC)} для груза «${profile(p.profile)}» на ${celsius(p.riseC)}, ` +
    `в пределах допуска на оттайку ${celsius(p.toleranceC)} в течение ${num(p.maxMinutes)} мин`,
  'cargo.temp-outside': (p) =>
    `${lead(p.subject)}${celsius(p.tempC)}, ${side(p.side)} предела ${limit(p.limitC)} для груза «${profile(p.profile)}»` +
    (p.beyondDefrost
      ? ` на ${celsius(p.beyondDefrost.riseC)}, больше допуска на оттайку ${celsius(p.beyondDefrost.toleranceC)}`
      : ''),
  'cargo.mkt-above': (p) =>
    `${lead(p.subject)}${mktName(p.windowHours)} ${celsius(p.mktC)} выше предела ${limit(p.limitC)} для груза «${profile(p.profile)}» (USP <659>)`,
  'cargo.mkt-within': (p) =>
    `${lead(p.subject)}${mktVerdict({ windowHours: p.windowHours, mktMaxC: p.limitC, mktC: p.mktC })}`,
  'cargo.humidity': (p) =>
    `${lead(p.subject)}относительная влажность ${oneDecimal(p.humidityPct)} %, ${p.breached ? side(p.side) : 'в пределах'} предела ${num(p.limitPct)} % для груза «${profile(p.profile)}»`,
  'cargo.door-open': (p) => {
    const zone = {
      unknown: 'зона досмотра неизвестна',
      outside: 'вне зоны досмотра',
      inside: 'в зоне досмотра',
    }[p.zone];
    return `${lead(p.subject)}дверь открыта${at(p.lat, p.lon)}, ${zone}${p.breached ? ' (DCSA DRO «дверь открыта»)' : ''}`;
  },
  'cargo.door-closed': (p) => `${lead(p.subject)}дверь закрыта${at(p.lat, p.lon)}`,
  'cargo.warming': (p) =>
    `контейнер ${p.container}: нагрев на ${oneDecimal(p.risePerHourC)} °C за час (сейчас ${oneDecimal(p.tempC)} °C; груз «${profile(p.profile)}» должен быть не выше ${num(p.maxC)} °C)`,
  'device.battery': (p) =>
    `${lead(p.subject)}заряд батареи ${oneDecimal(p.batteryPct)} %, ${p.breached ? 'ниже' : 'не ниже'} ${num(p.limitPct)} %`,
  'device.tracker-silent': (p) => `трекер контейнера ${p.container} молчит ${formatDuration(p.silentMs)}`,
};

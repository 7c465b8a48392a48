import type { AlertReasonParams, Side } from '../catalogue';
import { FORECAST_REASONS } from './forecast-reasons';
import { formattersFor, windowDays, type AlertReasonRenderers } from './renderers';
import { subjectLabel } from './words';

const { num, oneDecimal, formatDuration, minutes, profile, state } = formattersFor('zh');

const lead = (subject?: string) => (subject ? `${subjectLabel(subject, 'zh')}：` : '');
const celsius = (value: number) => `${oneDecimal(value)} °C`;
const limit = (value: number) => `${num(value)} °C`;
const side = (value: Side) => (value === 'above' ? '高于' : '低于');
const at = (lat?: number, lon?: number) =>
  lat !== undefined && lon !== undefined ? `（位置 ${lat.toFixed(4)}, ${lon.toFixed(4)}）` : '';

function mktName(windowHours: number): string {
  const { days, hours } = windowDays(windowHours);
  return `${days !== undefined ? `${days} 天` : `${hours} 小时`}平均动力学温度`;
}

function mktVerdict(p: { windowHours: number; mktMaxC: number; mktC?: number }): string {
  const name = mktName(p.windowHours);
  if (p.mktC === undefined) return `只要${name}不超过 ${limit(p.mktMaxC)}，允许短时偏离（USP <659>）`;
  return `${name} ${celsius(p.mktC)}，${p.mktC > p.mktMaxC ? '高于' : '未超过'} ${limit(p.mktMaxC)}（USP <659>）`;
}

function temperatureWithin(p: AlertReasonParams['cargo.temp-within']): string {
  const bound =
    p.limitC === undefined
      ? '无限值'
      : `在${profile(p.profile)}的 ${limit(p.limitC)} ${p.hard ? '硬' : ''}限值内`;
  return `${lead(p.subject)}${celsius(p.tempC)}，${bound}`;
}

export const ZH: AlertReasonRenderers = {
  ...FORECAST_REASONS.zh,
  'ice.effective-thickness': (p) =>
    `监测站 ${p.stationId}：有效冰厚 ${num(p.effectiveCm)} 厘米（总厚 ${num(p.totalCm)} 厘米，白冰 ${num(p.whiteCm)} 厘米）；` +
    `${num(p.designLoadTonnes)} 吨货车需要 ${num(p.requiredCm)} 厘米（戈尔德（Gold）公式，A = ${num(p.goldA)}${p.derated ? '，已折减' : ''}）`,
  'ice.water-on-ice': (p) => `监测站 ${p.stationId}：冰面有水；设计荷载降低 ${num(p.loadCutPct)} %`,
  'ice.no-water-on-ice': (p) => `监测站 ${p.stationId}：冰面无水`,
  'ice.crack-width': (p) =>
    `监测站 ${p.stationId}：裂缝宽 ${num(p.widthMm)} 毫米（达到 ${num(p.closeAtMm)} 毫米时关闭车道）`,
  'ice.thinning-rate': (p) =>
    `监测站 ${p.stationId}：冰层每天变薄 ${num(p.cmPerDay)} 厘米（有效冰厚 ${num(p.fromCm)} → ${num(p.toCm)} 厘米）；超过每天 ${num(p.limitCmPerDay)} 厘米报警`,
  'ice.thaw-mean': (p) =>
    `${p.crossingId}：3 天平均气温 ${num(p.meanAirC)} °C；冰层承载力下调（×${p.capacityFactor}）`,
  'station.no-thickness': (p) => `监测站 ${p.stationId} 未发送冰厚数据；${p.crossingId} 状态未知，不开放`,
  'station.silent-for': (p) =>
    `监测站 ${p.stationId} 已 ${formatDuration(p.silentMs)} 无数据；${p.crossingId} 状态未知，不开放`,
  'station.thickness-unconfirmed': (p) =>
    `监测站 ${p.stationId} 报告冰厚 ${num(p.reportedCm)} 厘米，增长快于冰的生长极限（自 ${num(p.believedCm)} 厘米起最多 ${num(p.allowedRiseCm)} 厘米）；确认前仍按 ${num(p.believedCm)} 厘米计`,
  'station.thickness-plausible': (p) => `监测站 ${p.stationId}：冰厚读数恢复合理`,
  'station.stuck-gauge': (p) =>
    `监测站 ${p.stationId} 已 ${num(p.hours)} 小时读数恒为 ${num(p.valueCm)} 厘米，而气温变化了 ${num(p.airSwingC)} °C；该传感器按无数据处理`,
  'station.gauge-varies': (p) => `监测站 ${p.stationId}：冰厚传感器读数恢复变化`,
  'traffic.mass-on-ice': (p) =>
    `车辆 ${p.vehicleId}${p.tonnes === undefined ? '（重量未知）' : `（${num(p.tonnes)} 吨）`}在 ${p.crossingId} 上，该通道目前` +
    `${p.allowedTonnes > 0 ? `允许 ${num(p.allowedTonnes)} 吨` : `禁止通行（${state(p.crossingState)}）`}`,
  'traffic.off-ice': (p) => `车辆 ${p.vehicleId} 不在冰面上`,
  'traffic.too-fast': (p) =>
    `车辆 ${p.vehicleId} 在 ${p.crossingId} 上以 ${num(p.speedKmh)} 公里/小时行驶：超过 ${num(p.limitKmh)} 公里/小时限速（ОДН 218.010-98 §8.2）`,
  'traffic.resonant-speed': (p) =>
    `车辆 ${p.vehicleId} 在 ${p.crossingId} 上以 ${num(p.speedKmh)} 公里/小时行驶：处于水深 ${num(p.waterDepthM)} 米时的共振速度区间 ` +
    `${num(p.fromKmh)}–${num(p.toKmh)} 公里/小时`,
  'traffic.speed-ok': (p) => `车辆 ${p.vehicleId}：速度正常`,
  'traffic.stopped': (p) =>
    `车辆 ${p.vehicleId} 在 ${p.crossingId} 上停留 ${num(p.minutes)} 分钟或更久：禁止在冰上停车`,
  'traffic.moving': (p) => `车辆 ${p.vehicleId} 在行驶或不在冰面上`,
  'traffic.too-close': (p) =>
    `车辆 ${p.vehicleId} 在 ${p.crossingId} 上距 ${p.otherId} ${num(p.metres)} 米；至少需要 ${num(p.neededM)} 米`,
  'traffic.spacing-kept': (p) => `车辆 ${p.vehicleId}：车距正常`,
  'traffic.silent': (p) =>
    `车辆 ${p.vehicleId} 最后一次出现在 ${p.crossingId} 上是 ${minutes(p.silentMs)} 分钟前，此后失去联系：车辆在哪里？`,
  'traffic.reporting': (p) => `车辆 ${p.vehicleId} 保持联系或不在冰面上`,
  'ferry.water-level': (p) =>
    `${p.crossingId}：水位 ${num(p.levelCm)} 厘米，低于渡轮所需的 ${num(p.minimumCm)} 厘米`,
  'ferry.out-of-season': (p) =>
    `渡轮 ${p.ferryId} 在运营季 ${p.opens} – ${p.closes} 之外于 ${p.crossingId} 运行（流冰期，无安全渡江条件）`,
  'ferry.off-corridor': (p) =>
    `渡轮 ${p.ferryId} 偏离 ${p.crossingId} 的 ${num(p.corridorWidthM)} 米航道 ${num(Math.max(0, p.offByM))} 米`,
  'ferry.stopped': (p) => `渡轮 ${p.ferryId} 在 ${p.crossingId} 江心停留 ${num(p.minutes)} 分钟或更久`,
  'ferry.silent': (p) =>
    `渡轮 ${p.ferryId} 最后一次出现在 ${p.crossingId} 江心是 ${minutes(p.silentMs)} 分钟前，此后失去联系`,
  'ferry.reporting': (p) => `渡轮 ${p.ferryId} 保持联系或在码头`,
  'cargo.shock': (p) =>
    `${lead(p.subject)}冲击 ${oneDecimal(p.shockG)} g，${p.breached ? '超过' : '未超过'}${profile(p.profile)}的 ${num(p.limitG)} g 限值`,
  'cargo.condensation': (p) =>
    `${lead(p.subject)}有表面温度达到或低于箱内空气露点：冷凝（“集装箱雨”，GDV Container Handbook）`,
  'cargo.no-condensation': (p) => `${lead(p.subject)}各表面温度高于箱内空气露点`,
  'cargo.temp-hard-limit': (p) =>
    `${lead(p.subject)}${celsius(p.tempC)}，${side(p.side)}${profile(p.profile)}的 ${limit(p.limitC)} 硬限值：立即报警，不论平均动力学温度`,
  'cargo.temp-within': temperatureWithin,
  'cargo.temp-excursion-mkt': (p) =>
    `${lead(p.subject)}${celsius(p.tempC)}，${side(p.side)}${profile(p.profile)}的 ${limit(p.limitC)} 限值；${mktVerdict(p)}`,
  'cargo.temp-defrost': (p) =>
    `${lead(p.subject)}${celsius(p.tempC)}，比${profile(p.profile)}的 ${limit(p.limitC)} 限值高 ${celsius(p.riseC)}，` +
    `在 ${celsius(p.toleranceC)} 除霜容差内（最长 ${num(p.maxMinutes)} 分钟）`,
  'cargo.temp-outside': (p) =>
    `${lead(p.subject)}${celsius(p.tempC)}，${side(p.side)}${profile(p.profile)}的 ${limit(p.limitC)} 限值` +
    (p.beyondDefrost
      ? ` ${celsius(p.beyondDefrost.riseC)}，超出 ${celsius(p.beyondDefrost.toleranceC)} 除霜容差`
      : ''),
  'cargo.mkt-above': (p) =>
    `${lead(p.subject)}${mktName(p.windowHours)} ${celsius(p.mktC)}，高于${profile(p.profile)}的 ${limit(p.limitC)} 限值（USP <659>）`,
  'cargo.mkt-within': (p) =>
    `${lead(p.subject)}${mktVerdict({ windowHours: p.windowHours, mktMaxC: p.limitC, mktC: p.mktC })}`,
  'cargo.humidity': (p) =>
    `${lead(p.subject)}相对湿度 ${oneDecimal(p.humidityPct)} %，${p.breached ? side(p.side) : '未超出'}${profile(p.profile)}的 ${num(p.limitPct)} % 限值`,
  'cargo.door-open': (p) => {
    const zone = { unknown: '查验区未知', outside: '在查验区外', inside: '在查验区内' }[p.zone];
    return `${lead(p.subject)}箱门打开${at(p.lat, p.lon)}，${zone}${p.breached ? '（DCSA DRO “开门”）' : ''}`;
  },
  'cargo.door-closed': (p) => `${lead(p.subject)}箱门关闭${at(p.lat, p.lon)}`,
  'cargo.warming': (p) =>
    `集装箱 ${p.container}：一小时内升温 ${oneDecimal(p.risePerHourC)} °C（当前 ${oneDecimal(p.tempC)} °C；${profile(p.profile)}须保持在 ${num(p.maxC)} °C 或以下）`,
  'device.battery': (p) =>
    `${lead(p.subject)}电量 ${oneDecimal(p.batteryPct)} %，${p.breached ? '低于' : '不低于'} ${num(p.limitPct)} %`,
  'device.tracker-silent': (p) => `集装箱 ${p.container} 的追踪器已 ${formatDuration(p.silentMs)} 无数据`,
};

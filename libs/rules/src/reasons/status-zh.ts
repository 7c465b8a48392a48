import { formatUtc } from '../ice/format';
import { formatDurationIn, formatNumberIn } from './locale';
import type { StatusReasonRenderers } from './status-codes';

const n = (value: number, decimals = 1) => formatNumberIn('zh', value, decimals);
const formatDuration = (ms: number) => formatDurationIn('zh', ms);
/** A temperature with a real minus sign: "−4 °C". */
const formatCelsius = (value: number) => `${n(value).replace(/^-/, '−')} °C`;

export const STATUS_ZH: StatusReasonRenderers = {
  out_of_season: (p) =>
    p.ferry
      ? `关闭：不在渡运季（${p.opens} 至 ${p.closes}，${p.timeZone} 当地日期）：流冰或封冻，无安全渡江条件`
      : `关闭：不在冰期（${p.opens} 至 ${p.closes}，${p.timeZone} 当地日期），与冰情无关`,
  no_stations: () => '未知：本通道没有冰情监测站数据；不能仅凭日历开放',
  no_thickness: (p) => `未知：监测站 ${p.stationId} 尚未报告冰厚`,
  stale_thickness: (p) =>
    `未知：监测站 ${p.stationId} 已 ${formatDuration(p.silentMs)} 无数据` +
    `（最后冰厚时间 ${formatUtc(p.lastTs)}）；` +
    `超过 ${formatDuration(p.staleAfterMs)} 的读数不可信`,
  stuck_thickness: (p) =>
    `未知：监测站 ${p.stationId} 自 ${formatUtc(p.sinceTs)} 起读数恒为 ${n(p.valueCm)} 厘米，` +
    `而气温变化了 ${n(p.airSwingC)} °C；卡滞的传感器按无数据处理`,
  unconfirmed_thickness: (p) =>
    `监测站 ${p.stationId} 于 ${formatUtc(p.reportedTs)} 报告 ${n(p.reportedCm)} 厘米，超过冰的生长极限` +
    `（自 ${formatUtc(p.believedTs)} 的 ${n(p.believedCm)} 厘米起最多 ${n(p.allowedRiseCm)} 厘米）；` +
    `确认前按 ${n(p.believedCm)} 厘米计`,
  manual_thickness: (p) =>
    `监测站 ${p.stationId}：${n(p.valueCm)} 厘米已由 ${p.by} 于 ${formatUtc(p.ts)} 人工测量确认`,
  crack: (p) =>
    `关闭：监测站 ${p.stationId} 处有宽 ${n(p.widthMm)} 毫米的开口或湿裂缝` +
    `（${formatDuration(p.agoMs)} 前报告；达到 ${n(p.closeAtMm)} 毫米即关闭）：` +
    '无论冰厚多少均禁止通行',
  governing_station: (p) => {
    const which = p.stationCount > 1 ? `（${p.stationCount} 个站中最薄弱）` : '';
    const layers =
      p.whiteCm === undefined
        ? `总厚 ${n(p.totalCm)} 厘米，未报告白冰`
        : `总厚 ${n(p.totalCm)} 厘米，白冰 ${n(p.whiteCm)} 厘米`;
    return (
      `监测站 ${p.stationId}${which}：有效冰厚 ${n(p.effectiveCm)} 厘米（${layers}）；` +
      `${n(p.designLoadTonnes)} 吨货车需要 ${n(p.requiredCm)} 厘米` +
      `（戈尔德（Gold）公式，A = ${n(p.goldA, 2)}${p.derated ? '，已按下列条件折减' : ''}）`
    );
  },
  thaw: (p) =>
    `${p.meanAirC === undefined ? '无 3 天平均气温' : `3 天平均气温 ${formatCelsius(p.meanAirC)}`}，` +
    `解冻折减表 ${p.row}：所需冰厚 × ${n(p.thicknessFactor, 2)}，承载力 × ${n(p.capacityFactor, 2)}`,
  overflow: (p) =>
    `监测站 ${p.stations.map((s) => `${s.stationId}（${formatDuration(s.agoMs)} 前报告）`).join('、')} 冰面有水：` +
    `承载力 × ${n(p.capacityFactor, 2)}`,
  spring_ice: (p) => `春季冰（${p.from} 至 ${p.closes}）：承载力 × ${n(p.capacityFactor, 2)}`,
  open: (p) => {
    if ('ratedTonnes' in p) {
      return (
        `开放，限 ${n(p.ratedTonnes)} 吨` +
        (p.levelCm !== undefined && p.minimumCm !== undefined
          ? `：水位 ${n(p.levelCm)} 厘米（需要 ${n(p.minimumCm)} 厘米）`
          : '')
      );
    }
    return `开放：冰面可承受总重 ${n(p.maxTonnes)} 吨（${basis(p)}），不低于 ${n(p.designLoadTonnes)} 吨设计荷载`;
  },
  restricted: (p) =>
    `限行：仅限总重不超过 ${n(p.maxTonnes)} 吨的车辆（${basis(p)}），低于 ${n(p.designLoadTonnes)} 吨设计荷载`,
  below_minimum: (p) =>
    `关闭：冰面仅可承受总重 ${n(p.maxTonnes)} 吨（${basis(p)}），低于开放所需的 ${n(p.minOpenTonnes)} 吨`,
  no_water_level: (p) => `未知：没有水位报告；渡轮需要 ${n(p.minimumCm)} 厘米`,
  stale_water_level: (p) => `未知：最新水位已是 ${formatDuration(p.ageMs)} 前的数据`,
  low_water: (p) => `关闭：水位 ${n(p.levelCm)} 厘米，低于渡轮所需的 ${n(p.minimumCm)} 厘米`,
};

function basis(p: { goldTonnes: number; effectiveCm: number; capacityFactor: number }): string {
  return (
    `戈尔德（Gold）公式 ${n(p.effectiveCm)} 厘米时 ${n(p.goldTonnes)} 吨` +
    (p.capacityFactor < 1 ? ` × ${n(p.capacityFactor, 3)}（按下列条件）` : '')
  );
}

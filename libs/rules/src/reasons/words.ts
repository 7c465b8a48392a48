import type { Language, SubjectKind } from '../catalogue';
import type { Severity } from '../alerts/severity';
import type { CrossingState } from '../ice/crossing-status';

/**
 * The words around a reason, in each language a person may read: severities, states, what an alert
 * is about, cargo profiles and measured quantities. The mails, the API's text and the dashboard
 * (GET /dashboard/i18n.json) take them from here, so a word is translated once.
 */
type Words<K extends string> = Readonly<Record<K, Readonly<Record<Language, string>>>>;

export const SEVERITY_NAMES: Words<Severity> = {
  warning: { en: 'warning', ru: 'предупреждение', zh: '警告' },
  major: { en: 'major', ru: 'важно', zh: '重要' },
  critical: { en: 'critical', ru: 'критично', zh: '严重' },
};

export const CROSSING_STATE_NAMES: Words<CrossingState> = {
  open: { en: 'open', ru: 'открыта', zh: '开放' },
  restricted: { en: 'restricted', ru: 'ограничена', zh: '限制通行' },
  closed: { en: 'closed', ru: 'закрыта', zh: '关闭' },
  unknown: { en: 'unknown', ru: 'неизвестно', zh: '未知' },
};

export type AlertStateName = 'firing' | 'acknowledged' | 'resolved' | 'silenced';
export const ALERT_STATE_NAMES: Words<AlertStateName> = {
  firing: { en: 'firing', ru: 'активна', zh: '告警中' },
  acknowledged: { en: 'acknowledged', ru: 'принята', zh: '已确认' },
  resolved: { en: 'resolved', ru: 'устранена', zh: '已解除' },
  silenced: { en: 'silenced', ru: 'заглушена', zh: '已静默' },
};

export const SUBJECT_KIND_NAMES: Words<SubjectKind> = {
  crossing: { en: 'crossing', ru: 'переправа', zh: '过江通道' },
  station: { en: 'station', ru: 'станция', zh: '监测站' },
  vehicle: { en: 'vehicle', ru: 'транспорт', zh: '车辆' },
  container: { en: 'container', ru: 'контейнер', zh: '集装箱' },
  ferry: { en: 'ferry', ru: 'паром', zh: '渡轮' },
  device: { en: 'device', ru: 'устройство', zh: '设备' },
};

/** The built-in cargo profiles by id (cargo/cargo-profiles.ts); the English name is the profile's own. */
export const PROFILE_NAMES: Words<string> = {
  frozen: { en: 'quick-frozen food', ru: 'быстрозамороженные продукты', zh: '速冻食品' },
  'ice-cream': { en: 'ice cream', ru: 'мороженое', zh: '冰淇淋' },
  'chilled-meat': { en: 'chilled red meat', ru: 'охлаждённое красное мясо', zh: '冷鲜红肉' },
  poultry: { en: 'poultry', ru: 'мясо птицы', zh: '禽肉' },
  dairy: { en: 'dairy products', ru: 'молочные продукты', zh: '乳制品' },
  'fresh-produce': { en: 'fresh produce (apples)', ru: 'свежие фрукты (яблоки)', zh: '新鲜果蔬（苹果）' },
  'pharma-2-8': { en: 'pharma 2–8 °C', ru: 'лекарства 2–8 °C', zh: '药品 2–8 °C' },
  'pharma-crt': {
    en: 'pharma controlled room temperature',
    ru: 'лекарства при контролируемой комнатной температуре',
    zh: '药品（受控室温）',
  },
  metals: { en: 'steel and metals', ru: 'сталь и металлы', zh: '钢材及金属' },
  timber: { en: 'sawn timber', ru: 'пиломатериалы', zh: '锯材' },
  'no-freeze': {
    en: 'liquids and paints (keep from freezing)',
    ru: 'жидкости и краски (не замораживать)',
    zh: '液体及涂料（防冻）',
  },
  equipment: { en: 'industrial equipment', ru: 'промышленное оборудование', zh: '工业设备' },
  general: { en: 'general cargo', ru: 'генеральный груз', zh: '普通货物' },
};

/** The measured quantities of the telemetry contract, by metric name (libs/contract metrics). */
export const METRIC_NAMES: Words<string> = {
  iceThicknessCm: { en: 'ice thickness', ru: 'толщина льда', zh: '冰厚' },
  whiteIceCm: { en: 'white ice', ru: 'белый лёд', zh: '白冰厚度' },
  snowDepthCm: { en: 'snow depth', ru: 'толщина снега', zh: '积雪深度' },
  iceTempC: { en: 'ice temperature', ru: 'температура льда', zh: '冰温' },
  airTempC: { en: 'air temperature', ru: 'температура воздуха', zh: '气温' },
  waterLevelCm: { en: 'water level', ru: 'уровень воды', zh: '水位' },
  overflow: { en: 'water on the ice', ru: 'вода на льду', zh: '冰面溢水' },
  crackWidthMm: { en: 'crack width', ru: 'ширина трещины', zh: '裂缝宽度' },
  lat: { en: 'latitude', ru: 'широта', zh: '纬度' },
  lon: { en: 'longitude', ru: 'долгота', zh: '经度' },
  speedKmh: { en: 'speed', ru: 'скорость', zh: '速度' },
  headingDeg: { en: 'heading', ru: 'курс', zh: '航向' },
  grossMassKg: { en: 'gross mass', ru: 'полная масса', zh: '总质量' },
  tempC: { en: 'temperature', ru: 'температура', zh: '温度' },
  humidityPct: { en: 'relative humidity', ru: 'относительная влажность', zh: '相对湿度' },
  shockG: { en: 'shock', ru: 'удар', zh: '冲击' },
  doorOpen: { en: 'door open', ru: 'дверь открыта', zh: '箱门打开' },
  batteryPct: { en: 'battery', ru: 'заряд батареи', zh: '电量' },
};

/** A cargo profile's name: looked up by id or by its English name; a site's own profile keeps its name. */
export function profileName(idOrName: string, language: Language): string {
  const entry =
    PROFILE_NAMES[idOrName] ?? Object.values(PROFILE_NAMES).find((names) => names.en === idOrName);
  return entry?.[language] ?? idOrName;
}

export function metricName(metric: string, language: Language): string {
  return METRIC_NAMES[metric]?.[language] ?? metric;
}

/** "container CSQU3054383" → "контейнер CSQU3054383": a subject label is a kind and an id. */
export function subjectLabel(label: string, language: Language): string {
  const match = /^(\w+) (.+)$/.exec(label);
  const kind = match?.[1] as SubjectKind | undefined;
  if (!match || !kind || !Object.hasOwn(SUBJECT_KIND_NAMES, kind)) return label;
  return `${SUBJECT_KIND_NAMES[kind][language]} ${match[2]}`;
}

import type { Severity } from './alerts/severity';

/**
 * Every alert rule the service knows, in one place: what it watches, how bad it is by default, who
 * is told, and its name in each language a person may read. Routing, caller scope, mails, the
 * shipments API and the dashboard look rules up here; nothing matches rule ids by prefix, so a new
 * rule is one entry here and one condition beside the others.
 */
export type Language = 'en' | 'ru' | 'zh';
export const LANGUAGES: readonly Language[] = ['en', 'ru', 'zh'];

export type RuleFamily = 'ice' | 'traffic' | 'ferry' | 'cargo' | 'device';

/** What an alert is about: the subject of a (rule, subject) condition. */
export type SubjectKind = 'crossing' | 'station' | 'vehicle' | 'container' | 'ferry' | 'device';

/** Who hears of an alert: the crossing operators, the people of the container's owner, the engineers. */
export type Audience = 'operators' | 'owner' | 'engineers';

export interface RuleEntry {
  family: RuleFamily;
  subject: SubjectKind;
  /** The severity the rule fires at unless the condition says otherwise (e.g. thinner ice → critical). */
  severity: Severity;
  /** In the order they are listed in a mail's recipients. */
  audience: readonly Audience[];
  names: Readonly<Record<Language, string>>;
  /** Every reason code the rule's condition can give, breached or clear. */
  reasons: readonly AlertReasonCode[];
}

/** Which side of a limit a value is on. */
export type Side = 'above' | 'below';

/**
 * The parameters of every alert reason, by code: numbers with their unit in the name, ids, limits.
 * A reason is data; `renderReason` (reasons/) turns it into a sentence in a language at the edge —
 * the e-mail, the API's text, the dashboard.
 */
export interface AlertReasonParams {
  'ice.effective-thickness': {
    stationId: string;
    effectiveCm: number;
    totalCm: number;
    whiteCm: number;
    designLoadTonnes: number;
    requiredCm: number;
    goldA: number;
    /** The required thickness includes a derating (thaw, water on the ice, spring). */
    derated: boolean;
  };
  'ice.water-on-ice': { stationId: string; loadCutPct: number };
  'ice.no-water-on-ice': { stationId: string };
  'ice.crack-width': { stationId: string; widthMm: number; closeAtMm: number };
  'ice.thinning-rate': {
    stationId: string;
    cmPerDay: number;
    fromCm: number;
    toCm: number;
    limitCmPerDay: number;
  };
  'ice.thaw-mean': { crossingId: string; meanAirC: number; capacityFactor: number };
  'station.no-thickness': { stationId: string; crossingId: string };
  'station.silent-for': { stationId: string; crossingId: string; silentMs: number };
  'station.thickness-unconfirmed': {
    stationId: string;
    reportedCm: number;
    believedCm: number;
    allowedRiseCm: number;
  };
  'station.thickness-plausible': { stationId: string };
  'station.stuck-gauge': { stationId: string; valueCm: number; hours: number; airSwingC: number };
  'station.gauge-varies': { stationId: string };
  'traffic.mass-on-ice': {
    vehicleId: string;
    /** Unknown mass counts as too heavy. */
    tonnes?: number;
    crossingId: string;
    /** 0 when the crossing allows no traffic. */
    allowedTonnes: number;
    crossingState: string;
  };
  'traffic.off-ice': { vehicleId: string };
  'traffic.too-fast': { vehicleId: string; speedKmh: number; crossingId: string; limitKmh: number };
  'traffic.resonant-speed': {
    vehicleId: string;
    speedKmh: number;
    crossingId: string;
    fromKmh: number;
    toKmh: number;
    waterDepthM: number;
  };
  'traffic.speed-ok': { vehicleId: string };
  'traffic.stopped': { vehicleId: string; crossingId: string; minutes: number };
  'traffic.moving': { vehicleId: string };
  'traffic.too-close': {
    vehicleId: string;
    otherId: string;
    metres: number;
    crossingId: string;
    neededM: number;
  };
  'traffic.spacing-kept': { vehicleId: string };
  'traffic.silent': { vehicleId: string; crossingId: string; silentMs: number };
  'traffic.reporting': { vehicleId: string };
  'ferry.water-level': { crossingId: string; levelCm: number; minimumCm: number };
  'ferry.out-of-season': { ferryId: string; crossingId: string; opens: string; closes: string };
  'ferry.off-corridor': { ferryId: string; offByM: number; corridorWidthM: number; crossingId: string };
  'ferry.stopped': { ferryId: string; crossingId: string; minutes: number };
  'ferry.silent': { ferryId: string; crossingId: string; silentMs: number };
  'ferry.reporting': { ferryId: string };
  /** `subject` (e.g. "container CSQU3054383") starts the sentence when given. */
  'cargo.shock': { subject?: string; shockG: number; limitG: number; profile: string; breached: boolean };
  'cargo.condensation': { subject?: string };
  'cargo.no-condensation': { subject?: string };
  'cargo.temp-hard-limit': { subject?: string; tempC: number; limitC: number; side: Side; profile: string };
  /** `limitC` undefined: the profile has no limit on that side; `hard`: only a hard limit is set. */
  'cargo.temp-within': { subject?: string; tempC: number; limitC?: number; hard: boolean; profile: string };
  /** Outside the limit, but pharma excursions are judged by the mean kinetic temperature. */
  'cargo.temp-excursion-mkt': {
    subject?: string;
    tempC: number;
    limitC: number;
    side: Side;
    profile: string;
    windowHours: number;
    mktMaxC: number;
    mktC?: number;
  };
  'cargo.temp-defrost': {
    subject?: string;
    tempC: number;
    limitC: number;
    profile: string;
    riseC: number;
    toleranceC: number;
    maxMinutes: number;
  };
  'cargo.temp-outside': {
    subject?: string;
    tempC: number;
    limitC: number;
    side: Side;
    profile: string;
    /** Frozen goods above their limit by more than the defrost tolerance. */
    beyondDefrost?: { riseC: number; toleranceC: number };
  };
  'cargo.mkt-above': { subject?: string; windowHours: number; mktC: number; limitC: number; profile: string };
  'cargo.mkt-within': { subject?: string; windowHours: number; mktC: number; limitC: number };
  'cargo.humidity': {
    subject?: string;
    humidityPct: number;
    limitPct: number;
    side: Side;
    breached: boolean;
    profile: string;
  };
  'cargo.door-open': {
    subject?: string;
    lat?: number;
    lon?: number;
    zone: 'inside' | 'outside' | 'unknown';
    breached: boolean;
  };
  'cargo.door-closed': { subject?: string; lat?: number; lon?: number };
  'cargo.warming': {
    container: string;
    risePerHourC: number;
    tempC: number;
    profile: string;
    maxC: number;
  };
  'device.battery': { subject?: string; batteryPct: number; limitPct: number; breached: boolean };
  'device.tracker-silent': { container: string; silentMs: number };
  // Early warnings (docs/domain.md §9): advice from a forecast, never a measured breach.
  'forecast.capacity-below': {
    crossingId: string;
    projectedTonnes: number;
    postedTonnes: number;
    inHours: number;
  };
  'forecast.capacity-holds': { crossingId: string; postedTonnes: number; hours: number };
  'forecast.reefer-limit': {
    container: string;
    tempC: number;
    limitC: number;
    side: Side;
    minutes: number;
    ambientC: number;
    tauHours: number;
    profile: string;
  };
  'forecast.reefer-holds': { container: string; reactionMinutes: number };
  /** `planned`: the arrival is the shipment's; otherwise the next day. */
  'forecast.battery-empty': {
    container: string;
    batteryPct: number;
    hoursLeft: number;
    hoursToArrival: number;
    planned: boolean;
  };
  'forecast.battery-lasts': { container: string };
}

export type AlertReasonCode = keyof AlertReasonParams;

/** Why a condition holds or clears: a code and its parameters. */
export type AlertReason = {
  [C in AlertReasonCode]: { code: C; params: AlertReasonParams[C] };
}[AlertReasonCode];

/** A reason of a code, type-checked against its parameters. */
export function reason<C extends AlertReasonCode>(code: C, params: AlertReasonParams[C]): AlertReason {
  return { code, params } as AlertReason;
}

export const RULE_CATALOGUE = {
  'ice.thickness-below-required': {
    family: 'ice',
    subject: 'station',
    severity: 'major',
    audience: ['operators'],
    names: {
      en: 'ice too thin for the design load',
      ru: 'лёд тоньше требуемого для расчётной нагрузки',
      zh: '冰层厚度不足以承受设计荷载',
    },
    reasons: ['ice.effective-thickness'],
  },
  'ice.fast-thinning': {
    family: 'ice',
    subject: 'station',
    severity: 'warning',
    audience: ['operators'],
    names: { en: 'ice thinning fast', ru: 'лёд быстро утончается', zh: '冰层快速变薄' },
    reasons: ['ice.thinning-rate'],
  },
  'ice.overflow': {
    family: 'ice',
    subject: 'station',
    severity: 'major',
    audience: ['operators'],
    names: { en: 'water on the ice', ru: 'вода на льду (наледь)', zh: '冰面溢水' },
    reasons: ['ice.water-on-ice', 'ice.no-water-on-ice'],
  },
  'ice.crack': {
    family: 'ice',
    subject: 'station',
    severity: 'critical',
    audience: ['operators'],
    names: { en: 'crack in the ice', ru: 'трещина во льду', zh: '冰面裂缝' },
    reasons: ['ice.crack-width'],
  },
  'ice.thaw': {
    family: 'ice',
    subject: 'crossing',
    severity: 'warning',
    audience: ['operators'],
    names: {
      en: 'thaw: ice capacity derated',
      ru: 'оттепель: грузоподъёмность льда снижена',
      zh: '解冻：冰层承载力下调',
    },
    reasons: ['ice.thaw-mean'],
  },
  // A silent station turns the crossing unknown (operators) and is a device to fix (engineers).
  'station.silent': {
    family: 'ice',
    subject: 'station',
    severity: 'major',
    audience: ['operators', 'engineers'],
    names: { en: 'ice station silent', ru: 'ледовая станция молчит', zh: '冰情监测站无数据' },
    reasons: ['station.no-thickness', 'station.silent-for'],
  },
  // docs/domain.md §8: a rise faster than ice can grow is a fault until confirmed; the crossing keeps
  // the capacity it had, so this is a device to check (engineers), not a danger on the ice.
  'station.implausible-thickness': {
    family: 'ice',
    subject: 'station',
    severity: 'warning',
    audience: ['engineers'],
    names: {
      en: 'implausible ice thickness rise',
      ru: 'неправдоподобный рост толщины льда',
      zh: '冰厚增长不合理',
    },
    reasons: ['station.thickness-unconfirmed', 'station.thickness-plausible'],
  },
  // docs/domain.md §8: a stuck gauge counts as silent (the crossing turns unknown through the status).
  'station.stuck-sensor': {
    family: 'ice',
    subject: 'station',
    severity: 'major',
    audience: ['engineers'],
    names: { en: 'ice thickness gauge stuck', ru: 'датчик толщины льда завис', zh: '冰厚传感器卡滞' },
    reasons: ['station.stuck-gauge', 'station.gauge-varies'],
  },
  'traffic.overweight-on-ice': {
    family: 'traffic',
    subject: 'vehicle',
    severity: 'critical',
    audience: ['operators'],
    names: {
      en: 'vehicle too heavy for the ice',
      ru: 'транспорт тяжелее допустимого для льда',
      zh: '车辆超过冰面允许重量',
    },
    reasons: ['traffic.mass-on-ice', 'traffic.off-ice'],
  },
  'traffic.speed-on-ice': {
    family: 'traffic',
    subject: 'vehicle',
    severity: 'major',
    audience: ['operators'],
    names: { en: 'speeding on the ice', ru: 'превышение скорости на льду', zh: '冰上超速' },
    reasons: ['traffic.too-fast', 'traffic.resonant-speed', 'traffic.speed-ok'],
  },
  'traffic.stopped-on-ice': {
    family: 'traffic',
    subject: 'vehicle',
    severity: 'major',
    audience: ['operators'],
    names: { en: 'vehicle stopped on the ice', ru: 'остановка транспорта на льду', zh: '车辆在冰上停留' },
    reasons: ['traffic.stopped', 'traffic.moving'],
  },
  'traffic.silent-on-ice': {
    family: 'traffic',
    subject: 'vehicle',
    severity: 'major',
    audience: ['operators'],
    names: {
      en: 'vehicle silent on the ice',
      ru: 'транспорт на льду не выходит на связь',
      zh: '冰上车辆失去联系',
    },
    reasons: ['traffic.silent', 'traffic.reporting'],
  },
  'traffic.spacing-on-ice': {
    family: 'traffic',
    subject: 'vehicle',
    severity: 'major',
    audience: ['operators'],
    names: { en: 'vehicles too close on the ice', ru: 'недопустимая дистанция на льду', zh: '冰上车距过近' },
    reasons: ['traffic.too-close', 'traffic.spacing-kept'],
  },
  'ferry.out-of-season': {
    family: 'ferry',
    subject: 'ferry',
    severity: 'major',
    audience: ['operators'],
    names: { en: 'ferry operating out of season', ru: 'паром работает вне сезона', zh: '渡轮在非运营季运行' },
    reasons: ['ferry.out-of-season'],
  },
  'ferry.off-corridor': {
    family: 'ferry',
    subject: 'ferry',
    severity: 'major',
    audience: ['operators'],
    names: { en: 'ferry off its corridor', ru: 'паром вне коридора', zh: '渡轮偏离航道' },
    reasons: ['ferry.off-corridor'],
  },
  'ferry.stopped-midstream': {
    family: 'ferry',
    subject: 'ferry',
    severity: 'major',
    audience: ['operators'],
    names: { en: 'ferry stopped midstream', ru: 'паром остановился посреди реки', zh: '渡轮在江心停留' },
    reasons: ['ferry.stopped'],
  },
  'ferry.silent-midstream': {
    family: 'ferry',
    subject: 'ferry',
    severity: 'major',
    audience: ['operators'],
    names: {
      en: 'ferry silent midstream',
      ru: 'паром посреди реки не выходит на связь',
      zh: '渡轮在江心失去联系',
    },
    reasons: ['ferry.silent', 'ferry.reporting'],
  },
  'ferry.low-water': {
    family: 'ferry',
    subject: 'ferry',
    severity: 'major',
    audience: ['operators'],
    names: {
      en: 'water too low for the ferry',
      ru: 'уровень воды ниже допустимого для парома',
      zh: '水位过低，渡轮无法运营',
    },
    reasons: ['ferry.water-level'],
  },
  'cargo.temp-high': {
    family: 'cargo',
    subject: 'container',
    severity: 'critical',
    audience: ['owner'],
    names: { en: 'cargo too warm', ru: 'температура груза выше нормы', zh: '货物温度过高' },
    reasons: [
      'cargo.temp-hard-limit',
      'cargo.temp-within',
      'cargo.temp-excursion-mkt',
      'cargo.temp-defrost',
      'cargo.temp-outside',
    ],
  },
  'cargo.temp-low': {
    family: 'cargo',
    subject: 'container',
    severity: 'critical',
    audience: ['owner'],
    names: { en: 'cargo too cold', ru: 'температура груза ниже нормы', zh: '货物温度过低' },
    reasons: ['cargo.temp-hard-limit', 'cargo.temp-within', 'cargo.temp-excursion-mkt', 'cargo.temp-outside'],
  },
  'cargo.temp-rising': {
    family: 'cargo',
    subject: 'container',
    severity: 'warning',
    audience: ['owner'],
    names: { en: 'cargo warming', ru: 'груз нагревается', zh: '货物温度上升' },
    reasons: ['cargo.warming'],
  },
  'cargo.humidity-high': {
    family: 'cargo',
    subject: 'container',
    severity: 'major',
    audience: ['owner'],
    names: { en: 'humidity too high', ru: 'влажность выше нормы', zh: '湿度过高' },
    reasons: ['cargo.humidity'],
  },
  'cargo.humidity-low': {
    family: 'cargo',
    subject: 'container',
    severity: 'major',
    audience: ['owner'],
    names: { en: 'humidity too low', ru: 'влажность ниже нормы', zh: '湿度过低' },
    reasons: ['cargo.humidity'],
  },
  'cargo.shock': {
    family: 'cargo',
    subject: 'container',
    severity: 'major',
    audience: ['owner'],
    names: { en: 'shock above the limit', ru: 'удар выше допустимого', zh: '冲击超限' },
    reasons: ['cargo.shock'],
  },
  'cargo.mkt': {
    family: 'cargo',
    subject: 'container',
    severity: 'critical',
    audience: ['owner'],
    names: {
      en: 'mean kinetic temperature above the limit',
      ru: 'средняя кинетическая температура выше нормы',
      zh: '平均动力学温度超限',
    },
    reasons: ['cargo.mkt-above', 'cargo.mkt-within'],
  },
  'cargo.condensation': {
    family: 'cargo',
    subject: 'container',
    severity: 'warning',
    audience: ['owner'],
    names: { en: 'condensation risk', ru: 'риск конденсации', zh: '冷凝风险' },
    reasons: ['cargo.condensation', 'cargo.no-condensation'],
  },
  // A security event: the operators of the crossing are told as well as the owner.
  'cargo.door-open-outside-zone': {
    family: 'cargo',
    subject: 'container',
    severity: 'critical',
    audience: ['owner', 'operators'],
    names: {
      en: 'door opened outside an inspection zone',
      ru: 'дверь открыта вне зоны досмотра',
      zh: '在查验区外开门',
    },
    reasons: ['cargo.door-open', 'cargo.door-closed'],
  },
  'device.battery-low': {
    family: 'device',
    subject: 'container',
    severity: 'warning',
    audience: ['engineers'],
    names: { en: 'tracker battery low', ru: 'низкий заряд трекера', zh: '追踪器电量低' },
    reasons: ['device.battery'],
  },
  'device.silent': {
    family: 'device',
    subject: 'container',
    severity: 'warning',
    audience: ['engineers'],
    names: { en: 'tracker silent', ru: 'трекер молчит', zh: '追踪器无数据' },
    reasons: ['device.tracker-silent'],
  },
  // Early warnings (docs/domain.md §9): a forecast, so a warning only, to whoever can act ahead.
  'ice.capacity-forecast': {
    family: 'ice',
    subject: 'crossing',
    severity: 'warning',
    audience: ['operators'],
    names: {
      en: 'forecast: capacity falling below the posted load',
      ru: 'прогноз: грузоподъёмность упадёт ниже допустимой нагрузки',
      zh: '预报：承载力将低于核定荷载',
    },
    reasons: ['forecast.capacity-below', 'forecast.capacity-holds'],
  },
  'cargo.temp-forecast': {
    family: 'cargo',
    subject: 'container',
    severity: 'warning',
    audience: ['owner'],
    names: {
      en: 'forecast: cargo temperature will leave its range',
      ru: 'прогноз: температура груза выйдет за пределы',
      zh: '预报：货物温度将超出范围',
    },
    reasons: ['forecast.reefer-limit', 'forecast.reefer-holds'],
  },
  'device.battery-forecast': {
    family: 'device',
    subject: 'container',
    severity: 'warning',
    audience: ['engineers'],
    names: {
      en: 'forecast: tracker battery runs out before arrival',
      ru: 'прогноз: батарея трекера сядет до прибытия',
      zh: '预报：追踪器电池将在到达前耗尽',
    },
    reasons: ['forecast.battery-empty', 'forecast.battery-lasts'],
  },
} as const satisfies Record<string, RuleEntry>;

export type RuleId = keyof typeof RULE_CATALOGUE;
export const RULE_IDS = Object.keys(RULE_CATALOGUE) as RuleId[];

/** The entry of a rule id read from outside (a stored alert, a query); undefined when unknown. */
export function ruleEntry(ruleId: string): RuleEntry | undefined {
  return Object.hasOwn(RULE_CATALOGUE, ruleId) ? RULE_CATALOGUE[ruleId as RuleId] : undefined;
}

export function isRuleId(value: string): value is RuleId {
  return ruleEntry(value) !== undefined;
}

/** The rule's name in a language; the id itself for a rule this version does not know. */
export function ruleName(ruleId: string, language: Language): string {
  return ruleEntry(ruleId)?.names[language] ?? ruleId;
}

export function ruleTells(ruleId: string, audience: Audience): boolean {
  return ruleEntry(ruleId)?.audience.includes(audience) ?? false;
}

export function ruleFamily(ruleId: string): RuleFamily | undefined {
  return ruleEntry(ruleId)?.family;
}

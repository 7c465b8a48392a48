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
  },
  'ice.fast-thinning': {
    family: 'ice',
    subject: 'station',
    severity: 'warning',
    audience: ['operators'],
    names: { en: 'ice thinning fast', ru: 'лёд быстро утончается', zh: '冰层快速变薄' },
  },
  'ice.overflow': {
    family: 'ice',
    subject: 'station',
    severity: 'major',
    audience: ['operators'],
    names: { en: 'water on the ice', ru: 'вода на льду (наледь)', zh: '冰面溢水' },
  },
  'ice.crack': {
    family: 'ice',
    subject: 'station',
    severity: 'critical',
    audience: ['operators'],
    names: { en: 'crack in the ice', ru: 'трещина во льду', zh: '冰面裂缝' },
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
  },
  // A silent station turns the crossing unknown (operators) and is a device to fix (engineers).
  'station.silent': {
    family: 'ice',
    subject: 'station',
    severity: 'major',
    audience: ['operators', 'engineers'],
    names: { en: 'ice station silent', ru: 'ледовая станция молчит', zh: '冰情监测站无数据' },
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
  },
  'traffic.speed-on-ice': {
    family: 'traffic',
    subject: 'vehicle',
    severity: 'major',
    audience: ['operators'],
    names: { en: 'speeding on the ice', ru: 'превышение скорости на льду', zh: '冰上超速' },
  },
  'traffic.stopped-on-ice': {
    family: 'traffic',
    subject: 'vehicle',
    severity: 'major',
    audience: ['operators'],
    names: { en: 'vehicle stopped on the ice', ru: 'остановка транспорта на льду', zh: '车辆在冰上停留' },
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
  },
  'traffic.spacing-on-ice': {
    family: 'traffic',
    subject: 'vehicle',
    severity: 'major',
    audience: ['operators'],
    names: { en: 'vehicles too close on the ice', ru: 'недопустимая дистанция на льду', zh: '冰上车距过近' },
  },
  'ferry.out-of-season': {
    family: 'ferry',
    subject: 'ferry',
    severity: 'major',
    audience: ['operators'],
    names: { en: 'ferry operating out of season', ru: 'паром работает вне сезона', zh: '渡轮在非运营季运行' },
  },
  'ferry.off-corridor': {
    family: 'ferry',
    subject: 'ferry',
    severity: 'major',
    audience: ['operators'],
    names: { en: 'ferry off its corridor', ru: 'паром вне коридора', zh: '渡轮偏离航道' },
  },
  'ferry.stopped-midstream': {
    family: 'ferry',
    subject: 'ferry',
    severity: 'major',
    audience: ['operators'],
    names: { en: 'ferry stopped midstream', ru: 'паром остановился посреди реки', zh: '渡轮在江心停留' },
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
  },
  'cargo.temp-high': {
    family: 'cargo',
    subject: 'container',
    severity: 'critical',
    audience: ['owner'],
    names: { en: 'cargo too warm', ru: 'температура груза выше нормы', zh: '货物温度过高' },
  },
  'cargo.temp-low': {
    family: 'cargo',
    subject: 'container',
    severity: 'critical',
    audience: ['owner'],
    names: { en: 'cargo too cold', ru: 'температура груза ниже нормы', zh: '货物温度过低' },
  },
  'cargo.temp-rising': {
    family: 'cargo',
    subject: 'container',
    severity: 'warning',
    audience: ['owner'],
    names: { en: 'cargo warming', ru: 'груз нагревается', zh: '货物温度上升' },
  },
  'cargo.humidity-high': {
    family: 'cargo',
    subject: 'container',
    severity: 'major',
    audience: ['owner'],
    names: { en: 'humidity too high', ru: 'влажность выше нормы', zh: '湿度过高' },
  },
  'cargo.humidity-low': {
    family: 'cargo',
    subject: 'container',
    severity: 'major',
    audience: ['owner'],
    names: { en: 'humidity too low', ru: 'влажность ниже нормы', zh: '湿度过低' },
  },
  'cargo.shock': {
    family: 'cargo',
    subject: 'container',
    severity: 'major',
    audience: ['owner'],
    names: { en: 'shock above the limit', ru: 'удар выше допустимого', zh: '冲击超限' },
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
  },
  'cargo.condensation': {
    family: 'cargo',
    subject: 'container',
    severity: 'warning',
    audience: ['owner'],
    names: { en: 'condensation risk', ru: 'риск конденсации', zh: '冷凝风险' },
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
  },
  'device.battery-low': {
    family: 'device',
    subject: 'container',
    severity: 'warning',
    audience: ['engineers'],
    names: { en: 'tracker battery low', ru: 'низкий заряд трекера', zh: '追踪器电量低' },
  },
  'device.silent': {
    family: 'device',
    subject: 'container',
    severity: 'warning',
    audience: ['engineers'],
    names: { en: 'tracker silent', ru: 'трекер молчит', zh: '追踪器无数据' },
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

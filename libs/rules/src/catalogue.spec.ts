import type { RuleVerdict } from './alerts/rule-verdict';
import { SEVERITIES } from './alerts/severity';
import { cargoObservations, trackerSilentVerdict, warmingVerdict } from './cargo/cargo-conditions';
import { CARGO_PROFILES, mergeProfile } from './cargo/cargo-profiles';
import {
  LANGUAGES,
  RULE_CATALOGUE,
  RULE_IDS,
  ruleEntry,
  ruleFamily,
  ruleName,
  ruleTells,
  type AlertReason,
  type RuleId,
} from './catalogue';
import { earlyWarningExamples } from './forecast/early-warning-fixture';
import { ferryPositionVerdicts, lowWaterVerdict, silentMidstreamVerdict } from './ferry/ferry-conditions';
import {
  crackVerdict,
  overflowVerdict,
  stationSilentVerdict,
  implausibleThicknessVerdict,
  stuckSensorVerdict,
  thawVerdict,
  thicknessVerdict,
  thinningVerdict,
} from './ice/ice-conditions';
import {
  ALERT_STATE_NAMES,
  CROSSING_STATE_NAMES,
  PROFILE_NAMES,
  REASON_RENDERERS,
  SEVERITY_NAMES,
  STATUS_REASON_RENDERERS,
  SUBJECT_KIND_NAMES,
  profileName,
  renderReason,
  renderStatusReason,
  type StatusReasonCode,
  type StatusReasonData,
  type StatusReasonParams,
} from './reasons';
import { silentOnIceVerdict, trafficVerdicts } from './traffic/traffic-conditions';

describe('rule catalogue', () => {
  it.each(RULE_IDS)('%s has a name in English, Russian and Chinese, each its own', (ruleId) => {
    const names = RULE_CATALOGUE[ruleId].names;
    for (const language of LANGUAGES) expect(names[language].trim()).not.toBe('');
    expect(new Set(LANGUAGES.map((language) => names[language])).size).toBe(LANGUAGES.length);
  });

  it.each(RULE_IDS)('%s tells someone, at a known severity', (ruleId) => {
    const rule = RULE_CATALOGUE[ruleId];
    expect(rule.audience.length).toBeGreaterThan(0);
    expect(SEVERITIES).toContain(rule.severity);
  });

  it('cargo rules are about containers and tell their owner; device rules tell the engineers only', () => {
    for (const ruleId of RULE_IDS) {
      const rule = RULE_CATALOGUE[ruleId];
      if (rule.family === 'cargo') expect([rule.subject, rule.audience[0]]).toEqual(['container', 'owner']);
      if (rule.family === 'device') expect(rule.audience).toEqual(['engineers']);
    }
  });

  it('a silent ice station tells the operators first, then the engineers', () => {
    expect(RULE_CATALOGUE['station.silent'].audience).toEqual(['operators', 'engineers']);
    expect(ruleTells('station.silent', 'engineers')).toBe(true);
    expect(ruleTells('ice.crack', 'engineers')).toBe(false);
  });

  it('a door opened outside an inspection zone tells the owner and the operators', () => {
    expect(RULE_CATALOGUE['cargo.door-open-outside-zone'].audience).toEqual(['owner', 'operators']);
  });

  it('an id the catalogue does not know has no entry, no family, and is named by itself', () => {
    expect(ruleEntry('cargo.unheard-of')).toBeUndefined();
    expect(ruleEntry('toString')).toBeUndefined();
    expect(ruleFamily('device.')).toBeUndefined();
    expect(ruleTells('device.unheard-of', 'engineers')).toBe(false);
    expect(ruleName('cargo.unheard-of', 'ru')).toBe('cargo.unheard-of');
  });

  it('names a known rule in the reader’s language', () => {
    expect(ruleName('ice.crack', 'en')).toBe('crack in the ice');
    expect(ruleName('ice.crack', 'ru')).toBe('трещина во льду');
    expect(ruleName('ice.crack', 'zh')).toBe('冰面裂缝');
  });
});

/**
 * Every condition of every family, breached and clear, on inputs that reach each branch: what the
 * evaluators can emit. Fixed times; nothing reads a clock.
 */
function everything(): { ruleId: RuleId; reason: AlertReason }[] {
  const T0 = Date.UTC(2026, 1, 3, 9, 0);
  const JULY = Date.UTC(2026, 6, 15, 6, 0);
  const HOUR = 3_600_000;
  const verdicts: RuleVerdict[] = [];
  const thickness = { requiredCm: 100, designLoadTonnes: 40, goldA: 4, belowOpeningMinimum: false };
  for (const totalCm of [60, 120]) {
    verdicts.push(thicknessVerdict({ stationId: 'ICE-1', ts: T0, totalCm }, thickness, false));
  }
  verdicts.push(
    thinningVerdict(
      { stationId: 'ICE-1', ts: T0, effectiveCm: 80 },
      { ts: T0 - 24 * HOUR, cm: 100 },
      5,
      false,
    )!,
    overflowVerdict({ stationId: 'ICE-1', ts: T0, overflow: true }),
    overflowVerdict({ stationId: 'ICE-1', ts: T0, overflow: false }),
    crackVerdict({ stationId: 'ICE-1', ts: T0, widthMm: 12 }, 10),
    thawVerdict('ice', 1, T0, false)!,
    stationSilentVerdict(
      { stationId: 'ICE-1', crossingId: 'ice' },
      { staleAfterMs: HOUR, inSeason: true },
      T0,
    ),
    stationSilentVerdict(
      { stationId: 'ICE-1', crossingId: 'ice', lastThicknessTs: T0 - 2 * HOUR },
      { staleAfterMs: HOUR, inSeason: true },
      T0,
    ),
  );
  const heldRise = {
    reported: { value: 120, ts: T0 },
    believedCm: 60,
    believedTs: T0 - HOUR,
    allowedRiseCm: 2.1,
  };
  const stuck = { valueCm: 80, sinceTs: T0 - 24 * HOUR, readings: 25, airSwingC: 20 };
  verdicts.push(
    implausibleThicknessVerdict({ deviceId: 'ICE-1', heldRise }, T0),
    implausibleThicknessVerdict({ deviceId: 'ICE-1' }, T0),
    stuckSensorVerdict({ deviceId: 'ICE-1', stuck }, T0),
    stuckSensorVerdict({ deviceId: 'ICE-1' }, T0),
  );
  const ice = { crossingId: 'ice', state: 'restricted', maxGrossTonnes: 25, waterDepthM: 4 };
  for (const [crossing, speedKmh, grossMassKg] of [
    [ice, 0, 30_000],
    [ice, 25, undefined],
    [ice, 18, 5_000],
    [undefined, 8, 5_000],
  ] as const) {
    const stationaryForMs = speedKmh === 0 ? 10 * 60_000 : 0;
    const truck = {
      vehicleId: 'T1',
      ts: T0,
      position: [53.48, 123.9] as const,
      speedKmh,
      grossMassKg,
      stationaryForMs,
    };
    const other = { ...truck, vehicleId: 'T2', position: [53.4805, 123.9] as const };
    verdicts.push(...trafficVerdicts(truck, crossing, [other]));
    verdicts.push(silentOnIceVerdict({ vehicleId: 'T1', lastTs: T0 - HOUR }, crossing, T0));
  }
  const ferry = {
    crossingId: 'ferry',
    corridor: [
      [53.48, 123.9],
      [53.49, 123.9],
    ] as const,
    corridorWidthM: 150,
    season: { opens: '05-15', closes: '10-15' },
    timeZone: 'Asia/Yakutsk',
    minWaterLevelCm: 150,
  };
  verdicts.push(
    lowWaterVerdict({ ferryId: 'F1', ts: JULY, waterLevelCm: 100 }, ferry)!,
    ...ferryPositionVerdicts({ ferryId: 'F1', ts: T0, position: [53.485, 123.9], speedKmh: 0 }, ferry),
    silentMidstreamVerdict(
      { ferryId: 'F1', crossingId: 'ferry', lastTs: T0 - HOUR, lastSeenMidstream: true },
      T0,
    ),
    silentMidstreamVerdict({ ferryId: 'F1', crossingId: 'ferry', lastTs: T0, lastSeenMidstream: false }, T0),
  );
  const container = { deviceId: 'C1', isoNumber: 'MSKU1234565' };
  verdicts.push(
    warmingVerdict({ ...container, ts: T0, tempC: 3, risePerHourC: 4 }, CARGO_PROFILES['fresh-produce'], 0),
    trackerSilentVerdict({ ...container, lastSeen: T0 - HOUR }, T0),
  );
  const observations = [
    ...cargoObservations(
      CARGO_PROFILES.equipment,
      { ts: T0, tempC: 20, humidityPct: 90, shockG: 5, doorOpen: true, batteryPct: 5, lat: 53, lon: 123 },
      { dewPointRisk: true, label: 'container MSKU1234565' },
    ),
    ...cargoObservations(CARGO_PROFILES.general, { ts: T0, doorOpen: false }, { dewPointRisk: false }),
    ...cargoObservations(CARGO_PROFILES['pharma-2-8'], { ts: T0, tempC: 9 }, { mkt24hC: 9 }),
    ...cargoObservations(CARGO_PROFILES['pharma-2-8'], { ts: T0, tempC: 1 }, { mkt24hC: 5 }),
    ...cargoObservations(CARGO_PROFILES['pharma-2-8'], { ts: T0, tempC: -1 }, {}),
    ...cargoObservations(CARGO_PROFILES.frozen, { ts: T0, tempC: -16 }, {}),
    ...cargoObservations(CARGO_PROFILES.frozen, { ts: T0, tempC: -10 }, {}),
    ...cargoObservations(CARGO_PROFILES['fresh-produce'], { ts: T0, tempC: -3, humidityPct: 50 }, {}),
    ...cargoObservations(
      mergeProfile(CARGO_PROFILES.general, { hardLimitsC: { max: 40 } }),
      { ts: T0, tempC: 20 },
      {},
    ),
    ...cargoObservations(CARGO_PROFILES['pharma-2-8'], { ts: T0, tempC: 30 }, {}),
  ];
  verdicts.push(...earlyWarningExamples(T0));
  return [
    ...verdicts.map((v) => ({ ruleId: v.ruleId, reason: v.observation.reason })),
    ...observations.map((o) => ({ ruleId: o.ruleId, reason: o.reason })),
  ];
}

describe('the catalogue against the conditions', () => {
  const emitted = everything();

  it('every rule the conditions emit is in the catalogue, and every catalogued rule is emitted', () => {
    for (const { ruleId } of emitted) expect(ruleEntry(ruleId)).toBeDefined();
    expect(new Set(emitted.map((e) => e.ruleId))).toEqual(new Set(RULE_IDS));
  });

  it('every reason a condition gives is one its rule lists, and every listed reason is given', () => {
    for (const { ruleId, reason } of emitted)
      expect([ruleId, RULE_CATALOGUE[ruleId].reasons]).toEqual([
        ruleId,
        expect.arrayContaining([reason.code]),
      ]);
    const listed = RULE_IDS.flatMap((id) => RULE_CATALOGUE[id].reasons.map((code) => `${id} ${code}`));
    expect(new Set(emitted.map((e) => `${e.ruleId} ${e.reason.code}`))).toEqual(new Set(listed));
  });

  it('every reason code has a renderer in English, Russian and Chinese, and nothing else', () => {
    const codes = new Set(RULE_IDS.flatMap((id) => RULE_CATALOGUE[id].reasons));
    for (const language of LANGUAGES) expect(new Set(Object.keys(REASON_RENDERERS[language]))).toEqual(codes);
  });

  it('every crossing-status reason code has a renderer in English, Russian and Chinese', () => {
    const codes = Object.keys(STATUS_REASON_RENDERERS.en);
    expect(codes.length).toBeGreaterThan(0);
    for (const language of LANGUAGES) expect(Object.keys(STATUS_REASON_RENDERERS[language])).toEqual(codes);
  });

  it('every reason renders in every language as a sentence with its numbers, no "undefined" or "NaN"', () => {
    for (const { reason } of emitted) {
      const texts = LANGUAGES.map((language) => renderReason(reason, language));
      for (const text of texts) expect(text).not.toMatch(/undefined|NaN|\[object/);
      expect(new Set(texts).size).toBe(LANGUAGES.length);
    }
  });
});

/** One reason of every crossing-status code; the type makes a new code fail to compile here until added. */
const STATUS_SAMPLES: { [C in StatusReasonCode]: StatusReasonParams[C][] } = {
  out_of_season: [
    { opens: '12-20', closes: '04-10', timeZone: 'Asia/Yakutsk' },
    { opens: '05-15', closes: '10-15', timeZone: 'Asia/Yakutsk', ferry: true },
  ],
  no_stations: [{}],
  no_thickness: [{ stationId: 'ICE-1' }],
  stale_thickness: [{ stationId: 'ICE-1', silentMs: 21 * 60_000, lastTs: 0, staleAfterMs: 6 * 3_600_000 }],
  stuck_thickness: [{ stationId: 'ICE-1', valueCm: 80, sinceTs: 0, airSwingC: 12.5 }],
  unconfirmed_thickness: [
    { stationId: 'ICE-1', reportedCm: 120, reportedTs: 0, believedCm: 60, believedTs: 0, allowedRiseCm: 2.1 },
  ],
  manual_thickness: [{ stationId: 'ICE-1', valueCm: 95, by: 'op-jalinda', ts: 0 }],
  crack: [{ stationId: 'ICE-1', widthMm: 12, agoMs: 2 * 3_600_000 + 60_000, closeAtMm: 10 }],
  governing_station: [
    {
      stationId: 'ICE-1',
      stationCount: 3,
      effectiveCm: 95.5,
      totalCm: 100,
      designLoadTonnes: 40,
      requiredCm: 100,
      goldA: 4,
      derated: true,
    },
  ],
  thaw: [
    { meanAirC: -1.5, row: '−5…0 °C', thicknessFactor: 1.2, capacityFactor: 0.7 },
    { row: '—', thicknessFactor: 1, capacityFactor: 1 },
  ],
  overflow: [{ stations: [{ stationId: 'ICE-1', agoMs: 3 * 86_400_000 }], capacityFactor: 0.5 }],
  spring_ice: [{ from: '03-20', closes: '04-10', capacityFactor: 0.5 }],
  open: [
    {
      maxTonnes: 45,
      goldTonnes: 45,
      effectiveCm: 110,
      capacityFactor: 1,
      designLoadTonnes: 40,
      minOpenTonnes: 5,
    },
    { ratedTonnes: 40, levelCm: 210, minimumCm: 150 },
  ],
  restricted: [
    {
      maxTonnes: 25.5,
      goldTonnes: 30,
      effectiveCm: 80,
      capacityFactor: 0.85,
      designLoadTonnes: 40,
      minOpenTonnes: 5,
    },
  ],
  below_minimum: [
    {
      maxTonnes: 2,
      goldTonnes: 4,
      effectiveCm: 30,
      capacityFactor: 0.5,
      designLoadTonnes: 40,
      minOpenTonnes: 5,
    },
  ],
  no_water_level: [{ minimumCm: 150 }],
  stale_water_level: [{ ageMs: 22 * 60_000, staleAfterMs: 3_600_000 }],
  low_water: [{ levelCm: 120, minimumCm: 150 }],
};

/**
 * Latin letters a Russian or Chinese reader may meet: the ids in the reason's parameters (station,
 * vehicle, container, crossing ids, time zones, people), units (°C, g) and references (USP, Gold's A, the DCSA event code DRO).
 */
const ALLOWED_LATIN = ['USP', 'UTC', 'g', 'A', 'C', 'Gold', 'DCSA', 'DRO'];
/** Titles of publications, cited as they are published. */
const ALLOWED_TITLES = ['GDV Container Handbook'];

function idsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(idsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(idsIn);
  return [];
}

/** The Latin words of a text once its ids are taken out: what a ru/zh reader would meet in English. */
function latinWords(text: string, ids: string[]): string[] {
  let rest = text;
  for (const id of [...ALLOWED_TITLES, ...ids].sort((a, b) => b.length - a.length))
    rest = rest.split(id).join(' ');
  return (rest.match(/[A-Za-z]+/g) ?? []).filter((word) => !ALLOWED_LATIN.includes(word));
}

describe('every word in the reader’s language', () => {
  const statusReasons = (Object.keys(STATUS_SAMPLES) as StatusReasonCode[]).flatMap((code) =>
    STATUS_SAMPLES[code].map((params) => ({ code, params }) as StatusReasonData),
  );

  it.each(['ru', 'zh'] as const)(
    'every alert reason in %s has no English word but ids and units',
    (language) => {
      for (const { reason } of everything()) {
        const text = renderReason(reason, language);
        // The subject label is a kind and an id: only the id may stay Latin.
        const ids = idsIn(reason.params).map((id) => id.replace(/^(container|device) /, ''));
        expect([reason.code, latinWords(text, ids)]).toEqual([reason.code, []]);
      }
    },
  );

  it.each(['ru', 'zh'] as const)(
    'every crossing-status reason in %s has no English word but ids and units',
    (language) => {
      for (const reason of statusReasons) {
        const text = renderStatusReason(reason, language);
        expect([reason.code, latinWords(text, idsIn(reason.params))]).toEqual([reason.code, []]);
      }
    },
  );

  it('every crossing-status reason renders in the three languages, no "undefined" or "NaN"', () => {
    for (const reason of statusReasons) {
      const texts = LANGUAGES.map((language) => renderStatusReason(reason, language));
      for (const text of texts) expect(text).not.toMatch(/undefined|NaN|\[object/);
      expect(new Set(texts).size).toBe(LANGUAGES.length);
    }
  });

  it('Russian numbers take a decimal comma; English and Chinese a point', () => {
    const reason = {
      code: 'ice.crack-width',
      params: { stationId: 'ICE-1', widthMm: 12.5, closeAtMm: 10 },
    } as const;
    expect(renderReason(reason, 'ru')).toContain('12,5 мм');
    expect(renderReason(reason, 'en')).toContain('12.5 mm');
    expect(renderReason(reason, 'zh')).toContain('12.5');
  });

  it('a silent station’s time reads with the Russian plural the number asks for', () => {
    const silent = (silentMs: number) =>
      renderReason(
        { code: 'station.silent-for', params: { stationId: 'ICE-1', crossingId: 'ice', silentMs } },
        'ru',
      );
    expect(silent(60_000)).toContain('молчит 1 минуту;');
    expect(silent(3 * 60_000)).toContain('молчит 3 минуты;');
    expect(silent(11 * 60_000)).toContain('молчит 11 минут;');
    expect(silent(21 * 60_000)).toContain('молчит 21 минуту;');
    expect(silent(2 * 3_600_000 + 5 * 60_000)).toContain('молчит 2 часа 5 минут;');
    expect(silent(5 * 86_400_000)).toContain('молчит 5 дней;');
  });

  it.each(Object.keys(CARGO_PROFILES))(
    'cargo profile %s has a name in English, Russian and Chinese',
    (id) => {
      expect(PROFILE_NAMES[id]?.en).toBe(CARGO_PROFILES[id]!.name);
      expect(new Set(LANGUAGES.map((language) => profileName(id, language))).size).toBe(3);
    },
  );

  it('severities, crossing states, alert states and subject kinds are named in every language, each its own', () => {
    for (const words of [SEVERITY_NAMES, CROSSING_STATE_NAMES, ALERT_STATE_NAMES, SUBJECT_KIND_NAMES]) {
      for (const names of Object.values(words)) expect(new Set(LANGUAGES.map((l) => names[l])).size).toBe(3);
    }
    expect(Object.keys(SEVERITY_NAMES)).toEqual([...SEVERITIES]);
  });
});

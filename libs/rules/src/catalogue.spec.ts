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
import { REASON_RENDERERS, STATUS_REASON_RENDERERS, renderReason } from './reasons';
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

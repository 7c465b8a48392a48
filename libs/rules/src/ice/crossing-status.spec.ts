import { renderStatusReason } from '../reasons';
import { HOUR, NOW, RULES } from './crossing-fixture';
import {
  DEFAULT_ICE_RULES,
  evaluateIceCrossing,
  type CrossingState,
  type IceCrossingRules,
  type StationSnapshot,
} from './crossing-status';
const COLD = -20;

interface StationOptions {
  whiteCm?: number;
  ageMs?: number;
  overflow?: boolean;
  overflowAgeMs?: number;
  crackMm?: number;
  crackAgeMs?: number;
}

function station(
  deviceId: string,
  totalCm: number,
  options: StationOptions = {},
  now = NOW,
): StationSnapshot {
  const snapshot: StationSnapshot = {
    deviceId,
    iceThicknessCm: { value: totalCm, ts: now - (options.ageMs ?? HOUR) },
  };
  if (options.whiteCm !== undefined) snapshot.whiteIceCm = { value: options.whiteCm, ts: now - HOUR };
  if (options.overflow !== undefined) {
    snapshot.overflow = { value: options.overflow, ts: now - (options.overflowAgeMs ?? HOUR) };
  }
  if (options.crackMm !== undefined) {
    snapshot.crackWidthMm = { value: options.crackMm, ts: now - (options.crackAgeMs ?? HOUR) };
  }
  return snapshot;
}

interface Case {
  name: string;
  stations: StationSnapshot[];
  meanAirTemp3dC?: number;
  now?: number;
  rules?: Partial<IceCrossingRules>;
  status: CrossingState;
  maxGrossTonnes: number;
  governingStationId?: string;
  effectiveThicknessCm?: number;
  requiredThicknessCm?: number;
  /** Reason codes in order. */
  codes: string[];
  /** Every pattern must match some reason's text. */
  texts?: RegExp[];
}

const cases: Case[] = [
  {
    name: '110 cm clear ice, cold, A = 4 → open, 48.4 t',
    stations: [station('ICE-1', 110)],
    meanAirTemp3dC: COLD,
    status: 'open',
    maxGrossTonnes: 48.4,
    governingStationId: 'ICE-1',
    effectiveThicknessCm: 110,
    requiredThicknessCm: 100,
    codes: ['open', 'governing_station'],
    texts: [/open: the ice carries 48\.4 t gross/, /at least the 40 t design load/],
  },
  {
    name: '60 cm clear ice, cold → restricted to 14.4 t',
    stations: [station('ICE-1', 60)],
    meanAirTemp3dC: COLD,
    status: 'restricted',
    maxGrossTonnes: 14.4,
    governingStationId: 'ICE-1',
    effectiveThicknessCm: 60,
    requiredThicknessCm: 100,
    codes: ['restricted', 'governing_station'],
    texts: [/restricted to vehicles of at most 14\.4 t gross/],
  },
  {
    name: 'thickness exactly at the required thickness for the design load → open',
    stations: [station('ICE-1', 100)],
    meanAirTemp3dC: COLD,
    status: 'open',
    maxGrossTonnes: 40,
    requiredThicknessCm: 100,
    codes: ['open', 'governing_station'],
  },
  {
    name: '0.1 cm under the required thickness → restricted, 39.9 t',
    stations: [station('ICE-1', 99.9)],
    meanAirTemp3dC: COLD,
    status: 'restricted',
    maxGrossTonnes: 39.9,
    codes: ['restricted', 'governing_station'],
  },
  {
    name: 'capacity is rounded down to 0.1 t: 67 cm → 17.956 t → 17.9 t',
    stations: [station('ICE-1', 67)],
    meanAirTemp3dC: COLD,
    status: 'restricted',
    maxGrossTonnes: 17.9,
    codes: ['restricted', 'governing_station'],
  },
  {
    name: '35 cm → 4.9 t, below the 5 t minimum → closed, 0 t',
    stations: [station('ICE-1', 35)],
    meanAirTemp3dC: COLD,
    status: 'closed',
    maxGrossTonnes: 0,
    governingStationId: 'ICE-1',
    codes: ['below_minimum', 'governing_station'],
    texts: [/closed: the ice carries only 4\.9 t gross .* below the 5 t minimum/],
  },
  {
    name: '35.4 cm → 5.0 t, exactly the minimum → restricted',
    stations: [station('ICE-1', 35.4)],
    meanAirTemp3dC: COLD,
    status: 'restricted',
    maxGrossTonnes: 5,
    codes: ['restricted', 'governing_station'],
  },
  {
    name: 'white ice counts half: 66 cm total, 16 cm white → 58 cm → restricted, 13.4 t',
    stations: [station('ICE-2', 66, { whiteCm: 16 })],
    meanAirTemp3dC: COLD,
    status: 'restricted',
    maxGrossTonnes: 13.4,
    governingStationId: 'ICE-2',
    effectiveThicknessCm: 58,
    codes: ['restricted', 'governing_station'],
    texts: [
      /^station ICE-2: 58 cm effective ice \(66 cm total, 16 cm white\); a 40 t truck needs 100 cm \(Gold, A = 4\)$/,
    ],
  },
  {
    name: 'the weakest station governs: 120, 80 and 100 cm → ICE-2 at 80 cm, 25.6 t',
    stations: [station('ICE-1', 120), station('ICE-2', 80), station('ICE-3', 100)],
    meanAirTemp3dC: COLD,
    status: 'restricted',
    maxGrossTonnes: 25.6,
    governingStationId: 'ICE-2',
    effectiveThicknessCm: 80,
    codes: ['restricted', 'governing_station'],
    texts: [/^station ICE-2, the weakest of 3: 80 cm effective ice/],
  },
  {
    name: 'the weakest station is weakest by effective, not total, thickness',
    stations: [station('ICE-1', 100, { whiteCm: 60 }), station('ICE-2', 75)],
    meanAirTemp3dC: COLD,
    status: 'restricted',
    maxGrossTonnes: 19.6, // ICE-1: 40 + 30 = 70 cm → 19.6 t
    governingStationId: 'ICE-1',
    effectiveThicknessCm: 70,
    codes: ['restricted', 'governing_station'],
  },
  {
    name: '3-day mean −4 °C → capacity × 1/1.4²: 110 cm → 24.6 t, needs 140 cm',
    stations: [station('ICE-1', 110)],
    meanAirTemp3dC: -4,
    status: 'restricted',
    maxGrossTonnes: 24.6,
    requiredThicknessCm: 140,
    codes: ['restricted', 'governing_station', 'thaw'],
    texts: [
      /3-day mean air temperature −4 °C, thaw table 0 °C row .*: required thickness × 1\.4, capacity × 0\.51/,
      /needs 140 cm \(Gold, A = 4, after the derating below\)/,
    ],
  },
  {
    name: '3-day mean −7 °C → × 1/1.1²: 110 cm → 40 t, open',
    stations: [station('ICE-1', 110)],
    meanAirTemp3dC: -7,
    status: 'open',
    maxGrossTonnes: 40,
    requiredThicknessCm: 110,
    codes: ['open', 'governing_station', 'thaw'],
  },
  {
    name: 'no air temperature → the worst row (× 1/1.5²): 110 cm → 21.5 t, and says so',
    stations: [station('ICE-1', 110)],
    status: 'restricted',
    maxGrossTonnes: 21.5,
    requiredThicknessCm: 150,
    codes: ['restricted', 'governing_station', 'thaw'],
    texts: [/^no 3-day mean air temperature, thaw table above-0 °C row, assumed/],
  },
  {
    name: 'overflow on one station → capacity × 0.2: 110 cm → 9.6 t',
    stations: [station('ICE-1', 110), station('ICE-2', 120, { overflow: true })],
    meanAirTemp3dC: COLD,
    status: 'restricted',
    maxGrossTonnes: 9.6,
    governingStationId: 'ICE-1',
    requiredThicknessCm: 223.7, // √(1000·40 / (4·0.2)) = 223.61 → rounded up
    codes: ['restricted', 'governing_station', 'overflow'],
    texts: [/^water on the ice at station ICE-2 \(reported 1 h ago\): capacity × 0\.2$/],
  },
  {
    name: 'overflow reported 6 h + 1 ms ago, the station still reporting thickness without it → still applied (last known state)',
    stations: [station('ICE-1', 110, { overflow: true, overflowAgeMs: 6 * HOUR + 1 })],
    meanAirTemp3dC: COLD,
    status: 'restricted',
    maxGrossTonnes: 9.6,
    codes: ['restricted', 'governing_station', 'overflow'],
  },
  {
    name: 'mirror: overflow true then a newer overflow false → cleared, open',
    stations: [station('ICE-1', 110, { overflow: false, overflowAgeMs: 0 })],
    meanAirTemp3dC: COLD,
    status: 'open',
    maxGrossTonnes: 48.4,
    codes: ['open', 'governing_station'],
  },
  {
    name: 'overflow reported exactly staleAfterMs ago is still applied',
    stations: [station('ICE-1', 110, { overflow: true, overflowAgeMs: 6 * HOUR })],
    meanAirTemp3dC: COLD,
    status: 'restricted',
    maxGrossTonnes: 9.6,
    codes: ['restricted', 'governing_station', 'overflow'],
    texts: [/reported 6 h ago/],
  },
  {
    name: 'overflow false changes nothing',
    stations: [station('ICE-1', 110, { overflow: false })],
    meanAirTemp3dC: COLD,
    status: 'open',
    maxGrossTonnes: 48.4,
    codes: ['open', 'governing_station'],
  },
  {
    name: 'spring ice (25 Mar, from 03-20) → capacity × 0.4: 110 cm → 19.3 t',
    stations: [station('ICE-1', 110, {}, Date.parse('2026-03-25T03:00:00Z'))],
    now: Date.parse('2026-03-25T03:00:00Z'),
    meanAirTemp3dC: COLD,
    status: 'restricted',
    maxGrossTonnes: 19.3,
    codes: ['restricted', 'governing_station', 'spring_ice'],
    texts: [/^spring ice \(from 03-20 to 04-10\): capacity × 0\.4$/],
  },
  {
    name: 'thaw, overflow and spring multiply: 150 cm, −4 °C → 90/1.96 × 0.2 × 0.4 = 3.6 t → closed',
    stations: [station('ICE-1', 150, { overflow: true }, Date.parse('2026-03-25T03:00:00Z'))],
    now: Date.parse('2026-03-25T03:00:00Z'),
    meanAirTemp3dC: -4,
    status: 'closed',
    maxGrossTonnes: 0,
    codes: ['below_minimum', 'governing_station', 'thaw', 'overflow', 'spring_ice'],
  },
  {
    name: 'crack 10 mm → closed',
    stations: [station('ICE-1', 110), station('ICE-2', 120, { crackMm: 10 })],
    meanAirTemp3dC: COLD,
    status: 'closed',
    maxGrossTonnes: 0,
    codes: ['crack'],
    texts: [/^closed: open or wet crack 10 mm wide at station ICE-2 .*do not drive, whatever the thickness$/],
  },
  {
    name: 'crack 9.9 mm → does not close',
    stations: [station('ICE-1', 110, { crackMm: 9.9 })],
    meanAirTemp3dC: COLD,
    status: 'open',
    maxGrossTonnes: 48.4,
    codes: ['open', 'governing_station'],
  },
  {
    name: 'a crack reported days ago still closes until a newer reading clears it',
    stations: [station('ICE-1', 110, { crackMm: 15, crackAgeMs: 72 * HOUR })],
    meanAirTemp3dC: COLD,
    status: 'closed',
    maxGrossTonnes: 0,
    codes: ['crack'],
    texts: [/reported 3 d ago/],
  },
  {
    name: 'a crack closes even when another station is silent, and both are listed',
    stations: [station('ICE-1', 110, { crackMm: 12 }), station('ICE-2', 110, { ageMs: 7 * HOUR })],
    meanAirTemp3dC: COLD,
    status: 'closed',
    maxGrossTonnes: 0,
    codes: ['crack', 'stale_thickness'],
  },
  {
    name: 'outside season with thick ice → closed',
    stations: [station('ICE-1', 150, {}, Date.parse('2026-05-01T03:00:00Z'))],
    now: Date.parse('2026-05-01T03:00:00Z'),
    meanAirTemp3dC: COLD,
    status: 'closed',
    maxGrossTonnes: 0,
    codes: ['out_of_season'],
    texts: [
      /^closed: outside the ice season \(12-20 to 04-10, local dates in Asia\/Yakutsk\), whatever the ice$/,
    ],
  },
  {
    name: 'outside season with no data → closed, not unknown',
    stations: [],
    now: Date.parse('2026-05-01T03:00:00Z'),
    status: 'closed',
    maxGrossTonnes: 0,
    codes: ['out_of_season'],
  },
  {
    name: 'calendar in season but no data → unknown, never open',
    stations: [],
    meanAirTemp3dC: COLD,
    status: 'unknown',
    maxGrossTonnes: 0,
    codes: ['no_stations'],
    texts: [/cannot open on the calendar alone/],
  },
  {
    name: 'a station that never reported a thickness → unknown, names it',
    stations: [station('ICE-1', 150), { deviceId: 'ICE-2' }],
    meanAirTemp3dC: COLD,
    status: 'unknown',
    maxGrossTonnes: 0,
    codes: ['no_thickness'],
    texts: [/^unknown: station ICE-2 has reported no ice thickness$/],
  },
  {
    name: 'one station 1 ms past staleAfterMs → unknown, names the station',
    stations: [station('ICE-1', 150), station('ICE-2', 150, { ageMs: 6 * HOUR + 1 })],
    meanAirTemp3dC: COLD,
    status: 'unknown',
    maxGrossTonnes: 0,
    codes: ['stale_thickness'],
    texts: [
      /^unknown: station ICE-2 silent for 6 h \(last ice thickness at 2026-01-31 20:59 UTC\); readings older than 6 h are not trusted$/,
    ],
  },
  {
    name: 'a station exactly staleAfterMs old is still fresh → open',
    stations: [station('ICE-1', 150, { ageMs: 6 * HOUR })],
    meanAirTemp3dC: COLD,
    status: 'open',
    maxGrossTonnes: 90,
    codes: ['open', 'governing_station'],
  },
  {
    name: 'two silent stations → unknown, both named with how long',
    stations: [
      station('ICE-1', 150, { ageMs: 26 * HOUR + 30 * 60_000 }),
      station('ICE-2', 150),
      station('ICE-3', 150, { ageMs: 9 * HOUR }),
    ],
    meanAirTemp3dC: COLD,
    status: 'unknown',
    maxGrossTonnes: 0,
    codes: ['stale_thickness', 'stale_thickness'],
    texts: [/station ICE-1 silent for 26 h 30 min/, /station ICE-3 silent for 9 h/],
  },
  {
    name: 'a thickness that is not a number → unknown, never open',
    stations: [station('ICE-1', NaN)],
    meanAirTemp3dC: COLD,
    status: 'unknown',
    maxGrossTonnes: 0,
    codes: ['no_thickness'],
  },
  {
    name: 'a reading from the future (validated upstream) is used as it is',
    stations: [station('ICE-1', 110, { ageMs: -60_000 })],
    meanAirTemp3dC: COLD,
    status: 'open',
    maxGrossTonnes: 48.4,
    codes: ['open', 'governing_station'],
  },
  {
    name: 'site rules override the defaults: A = 8.3, 30 t design → 60.1 cm is open',
    stations: [station('ICE-1', 60.2)],
    meanAirTemp3dC: COLD,
    rules: { goldA: 8.3, designLoadTonnes: 30 },
    status: 'open',
    maxGrossTonnes: 30, // 8.3 · 60.2² / 1000 = 30.079 → 30.0
    requiredThicknessCm: 60.2, // 60.12 rounded up
    codes: ['open', 'governing_station'],
    texts: [/a 30 t truck needs 60\.2 cm \(Gold, A = 8\.3\)/],
  },
];

describe('evaluateIceCrossing (fixed clock 2026-02-01T03:00Z)', () => {
  it.each(cases)('$name', (c) => {
    const now = c.now ?? NOW;
    const result = evaluateIceCrossing({
      crossingId: 'jalinda-mohe-ice',
      rules: { ...RULES, ...c.rules },
      stations: c.stations,
      meanAirTemp3dC: c.meanAirTemp3dC,
      now,
    });
    expect(result.crossingId).toBe('jalinda-mohe-ice');
    expect(result.evaluatedAt).toBe(now);
    expect(result.status).toBe(c.status);
    expect(result.maxGrossTonnes).toBe(c.maxGrossTonnes);
    expect(result.reasons.map((r) => r.code)).toEqual(c.codes);
    if (c.governingStationId !== undefined) expect(result.governingStationId).toBe(c.governingStationId);
    if (c.effectiveThicknessCm !== undefined)
      expect(result.effectiveThicknessCm).toBeCloseTo(c.effectiveThicknessCm, 9);
    if (c.requiredThicknessCm !== undefined) expect(result.requiredThicknessCm).toBe(c.requiredThicknessCm);
    for (const pattern of c.texts ?? []) {
      expect(result.reasons.map((r) => r.text)).toEqual(
        expect.arrayContaining([expect.stringMatching(pattern)]),
      );
    }
    for (const reason of result.reasons) expect(reason.source).not.toMatch(/\.md\b|§/);
    // Every reason carries its numbers as data and is written the same in English from them; Russian
    // and Chinese are their own sentences, with no hole in them.
    for (const reason of result.reasons) {
      expect(renderStatusReason(reason, 'en')).toBe(reason.text);
      for (const language of ['ru', 'zh'] as const) {
        const text = renderStatusReason(reason, language);
        expect(text).not.toMatch(/undefined|NaN|\[object/);
        expect(text).not.toBe(reason.text);
      }
    }
  });
});

describe('evaluateIceCrossing: invariants', () => {
  const conditions: { name: string; meanAirTemp3dC?: number; overflow?: boolean; now: number }[] = [
    { name: 'cold', meanAirTemp3dC: COLD, now: NOW },
    { name: '−7 °C', meanAirTemp3dC: -7, now: NOW },
    { name: '−4 °C', meanAirTemp3dC: -4, now: NOW },
    { name: 'no air temperature', now: NOW },
    { name: 'cold with overflow', meanAirTemp3dC: COLD, overflow: true, now: NOW },
    {
      name: '+2 °C in spring with overflow',
      meanAirTemp3dC: 2,
      overflow: true,
      now: Date.parse('2026-03-25T03:00:00Z'),
    },
  ];

  it.each(conditions)(
    '$name: ice exactly at the reported required thickness → open; 1 cm less → not open',
    ({ meanAirTemp3dC, overflow, now }) => {
      const evaluate = (cm: number) =>
        evaluateIceCrossing({
          crossingId: 'x',
          rules: RULES,
          stations: [station('ICE-1', cm, overflow === undefined ? {} : { overflow }, now)],
          meanAirTemp3dC,
          now,
        });
      const required = evaluate(1).requiredThicknessCm;
      expect(evaluate(required).status).toBe('open');
      expect(evaluate(required).maxGrossTonnes).toBeGreaterThanOrEqual(RULES.designLoadTonnes);
      expect(evaluate(required - 1).status).not.toBe('open');
    },
  );

  it('never open while any station is unknown, however thick the others', () => {
    for (const silent of [{ deviceId: 'ICE-9' }, station('ICE-9', 300, { ageMs: 6 * HOUR + 1 })]) {
      const result = evaluateIceCrossing({
        crossingId: 'x',
        rules: RULES,
        stations: [station('ICE-1', 300), station('ICE-2', 300), silent],
        meanAirTemp3dC: COLD,
        now: NOW,
      });
      expect(result.status).toBe('unknown');
      expect(result.maxGrossTonnes).toBe(0);
      expect(result.governingStationId).toBeUndefined();
    }
  });

  it('the defaults are those of docs/domain.md: A = 4, 40 t, 5 t, 6 h, 10 mm, × 0.2, × 0.4', () => {
    expect(DEFAULT_ICE_RULES).toEqual({
      goldA: 4,
      designLoadTonnes: 40,
      minOpenTonnes: 5,
      staleAfterMs: 6 * HOUR,
      crackCloseMm: 10,
      overflowCapacityFactor: 0.2,
      springCapacityFactor: 0.4,
    });
    expect(Object.isFrozen(DEFAULT_ICE_RULES)).toBe(true);
  });
});

describe('evaluateIceCrossing: reasons as data', () => {
  it('white ice counts half: the governing station’s reason carries its thicknesses, load and Gold’s A', () => {
    const result = evaluateIceCrossing({
      crossingId: 'jalinda-mohe-ice',
      rules: RULES,
      stations: [station('ICE-2', 66, { whiteCm: 16 })],
      meanAirTemp3dC: COLD,
      now: NOW,
    });
    expect(result.reasons.find((r) => r.code === 'governing_station')?.params).toEqual({
      stationId: 'ICE-2',
      stationCount: 1,
      effectiveCm: 58,
      totalCm: 66,
      whiteCm: 16,
      designLoadTonnes: 40,
      requiredCm: 100,
      goldA: 4,
      derated: false,
    });
    expect(result.reasons.find((r) => r.code === 'restricted')?.params).toMatchObject({ maxTonnes: 13.4 });
  });
});

import { renderReason } from '../reasons';
import {
  atLanding,
  ferryPositionVerdicts,
  lowWaterVerdict,
  silentMidstreamVerdict,
  type FerryCrossingRules,
} from './ferry-conditions';

const MIN = 60_000;
const JULY = Date.UTC(2026, 6, 15, 6, 0); // open water; the conditions never read a clock
const FEBRUARY = Date.UTC(2026, 1, 15, 6, 0); // the river is frozen
// A straight corridor due north, about 1.1 km between the landings.
const RULES: FerryCrossingRules = {
  crossingId: 'jalinda-mohe-ferry',
  corridor: [
    [53.48, 123.9],
    [53.49, 123.9],
  ],
  corridorWidthM: 150,
  season: { opens: '05-15', closes: '10-15' },
  timeZone: 'Asia/Yakutsk',
  minWaterLevelCm: 150,
};
const LANDING = [53.48, 123.9] as const;
const MIDSTREAM = [53.485, 123.9] as const;
// 0.002° of longitude at 53.5° N is about 132 m: 57 m outside a 150 m corridor.
const OFF_CORRIDOR = [53.485, 123.902] as const;

function byRule(ts: number, position: readonly [number, number], speedKmh?: number, stationaryForMs = 0) {
  const verdicts = ferryPositionVerdicts(
    { ferryId: 'FERRY-1', ts, position, speedKmh, stationaryForMs },
    RULES,
  );
  return Object.fromEntries(verdicts.map((v) => [v.ruleId, v.observation]));
}

describe('ferryPositionVerdicts', () => {
  it.each([
    {
      name: 'crossing midstream at 8 km/h in July → nothing breached',
      ts: JULY,
      position: MIDSTREAM,
      speedKmh: 8,
      stationaryForMs: 0,
      breached: [],
    },
    {
      name: 'crossing midstream in February → operating out of season',
      ts: FEBRUARY,
      position: MIDSTREAM,
      speedKmh: 8,
      stationaryForMs: 0,
      breached: ['ferry.out-of-season'],
    },
    {
      name: 'moored at a landing in February for an hour → not operating, not out of season',
      ts: FEBRUARY,
      position: LANDING,
      speedKmh: 0,
      stationaryForMs: 60 * MIN,
      breached: [],
    },
    {
      name: 'within the GPS noise of one place midstream for 10 min in July → stopped-midstream',
      ts: JULY,
      position: MIDSTREAM,
      speedKmh: 0.5,
      stationaryForMs: 10 * MIN,
      breached: ['ferry.stopped-midstream'],
    },
    {
      name: 'GPS jitter reports 3 km/h, but it has not left one place for 10 min → still stopped',
      ts: JULY,
      position: MIDSTREAM,
      speedKmh: 3,
      stationaryForMs: 10 * MIN,
      breached: ['ferry.stopped-midstream'],
    },
    {
      name: 'mirror: reports 0 km/h but moved beyond the noise within the last 10 min → not stopped',
      ts: JULY,
      position: MIDSTREAM,
      speedKmh: 0,
      stationaryForMs: 9 * MIN,
      breached: [],
    },
    {
      name: 'moving 57 m outside the corridor → off-corridor only',
      ts: JULY,
      position: OFF_CORRIDOR,
      speedKmh: 8,
      stationaryForMs: 0,
      breached: ['ferry.off-corridor'],
    },
    {
      name: 'stopped off the corridor for 20 min → off-corridor, not stopped-midstream',
      ts: JULY,
      position: OFF_CORRIDOR,
      speedKmh: 0,
      stationaryForMs: 20 * MIN,
      breached: ['ferry.off-corridor'],
    },
  ])('$name', ({ ts, position, speedKmh, stationaryForMs, breached }) => {
    const observations = byRule(ts, position, speedKmh, stationaryForMs);
    const fired = Object.entries(observations).flatMap(([ruleId, o]) => (o.breached ? [ruleId] : []));
    expect(fired).toEqual(breached);
  });

  it('the reasons name the season, the distance outside the corridor and the stop', () => {
    const observations = byRule(FEBRUARY, OFF_CORRIDOR, 0);
    expect(renderReason(observations['ferry.out-of-season'].reason)).toBe(
      'ferry FERRY-1 operating on jalinda-mohe-ferry outside its season 05-15 – 10-15 (ice runs, no safe crossing)',
    );
    expect(renderReason(observations['ferry.off-corridor'].reason)).toMatch(
      /^ferry FERRY-1 is 5\d(\.\d)? m outside the 150 m corridor of jalinda-mohe-ferry$/,
    );
    expect(renderReason(observations['ferry.stopped-midstream'].reason)).toBe(
      'ferry FERRY-1 stopped midstream on jalinda-mohe-ferry for 10 min or more',
    );
  });
});

describe('atLanding', () => {
  it.each([
    { name: 'at the southern landing → yes', position: LANDING, expected: true },
    { name: '140 m from the northern landing → yes', position: [53.48874, 123.9] as const, expected: true },
    { name: 'midstream → no', position: MIDSTREAM, expected: false },
  ])('$name', ({ position, expected }) => {
    expect(atLanding(position, RULES.corridor)).toBe(expected);
  });
});

describe('lowWaterVerdict', () => {
  it.each([
    { name: '120 cm with 150 cm needed → breached', waterLevelCm: 120, breached: true },
    { name: 'exactly 150 cm → clear', waterLevelCm: 150, breached: false },
  ])('$name', ({ waterLevelCm, breached }) => {
    const result = lowWaterVerdict({ ferryId: 'FERRY-1', ts: JULY, waterLevelCm }, RULES)!;
    expect(result.observation).toMatchObject({ breached, value: waterLevelCm, severity: 'major' });
    expect(result.trigger).toEqual({ deviceId: 'FERRY-1', metric: 'waterLevelCm', value: waterLevelCm });
  });

  it('the reason gives the level and what the ferry needs; no minimum → no verdict', () => {
    const result = lowWaterVerdict({ ferryId: 'FERRY-1', ts: JULY, waterLevelCm: 120 }, RULES)!;
    expect(renderReason(result.observation.reason)).toBe(
      'jalinda-mohe-ferry: water level 120 cm, below the 150 cm the ferry needs',
    );
    expect(
      lowWaterVerdict({ ferryId: 'FERRY-1', ts: JULY, waterLevelCm: 1 }, { crossingId: 'x' }),
    ).toBeUndefined();
  });
});

describe('silentMidstreamVerdict', () => {
  const ferry = { ferryId: 'FERRY-1', crossingId: 'jalinda-mohe-ferry' };
  it.each([
    {
      name: 'last seen midstream 10 min ago → clear (exactly the stop allowance)',
      silentMs: 10 * MIN,
      midstream: true,
      breached: false,
    },
    {
      name: 'last seen midstream 11 min ago → breached',
      silentMs: 11 * MIN,
      midstream: true,
      breached: true,
    },
    {
      name: 'last seen at a landing an hour ago → clear: moored',
      silentMs: 60 * MIN,
      midstream: false,
      breached: false,
    },
  ])('$name', ({ silentMs, midstream, breached }) => {
    const result = silentMidstreamVerdict(
      { ...ferry, lastTs: JULY - silentMs, lastSeenMidstream: midstream },
      JULY,
    );
    expect(result.observation).toMatchObject({ breached, ts: JULY });
  });

  it('the reason gives the minutes since the ferry was seen midstream', () => {
    const result = silentMidstreamVerdict(
      { ...ferry, lastTs: JULY - 11 * MIN, lastSeenMidstream: true },
      JULY,
    );
    expect(renderReason(result.observation.reason)).toBe(
      'ferry FERRY-1 last seen midstream on jalinda-mohe-ferry 11 min ago and silent since',
    );
  });
});

import { renderReason } from '../reasons';
import {
  crackVerdict,
  overflowVerdict,
  stationSilentVerdict,
  thawVerdict,
  thicknessVerdict,
  thinningVerdict,
} from './ice-conditions';

const T0 = Date.UTC(2026, 0, 20, 3, 0); // a January night; the conditions never read a clock
const HOUR = 3_600_000;
// A 40 t truck at A = 4 needs 100 cm (docs/domain.md §2).
const RULES = { requiredCm: 100, designLoadTonnes: 40, goldA: 4, belowOpeningMinimum: false };

describe('thicknessVerdict', () => {
  const cases = [
    {
      name: '110 cm clear ice, 100 cm required → not breached',
      totalCm: 110,
      whiteCm: 0,
      firing: false,
      breached: false,
    },
    {
      name: 'exactly 100 cm required → not breached (the limit itself carries the load)',
      totalCm: 100,
      whiteCm: 0,
      firing: false,
      breached: false,
    },
    { name: '99.9 cm → breached', totalCm: 99.9, whiteCm: 0, firing: false, breached: true },
    {
      name: '110 cm with 30 cm white (95 cm effective) → breached: white ice counts half',
      totalCm: 110,
      whiteCm: 30,
      firing: false,
      breached: true,
    },
    {
      name: 'firing at 101 cm → still breached: clears only 2 cm above the requirement',
      totalCm: 101,
      whiteCm: 0,
      firing: true,
      breached: true,
    },
    { name: 'firing at 102.1 cm → clear', totalCm: 102.1, whiteCm: 0, firing: true, breached: false },
  ];
  it.each(cases)('$name', ({ totalCm, whiteCm, firing, breached }) => {
    const result = thicknessVerdict({ stationId: 'ICE-2', ts: T0, totalCm, whiteCm }, RULES, firing);
    expect(result.observation.breached).toBe(breached);
    expect(result).toMatchObject({ ruleId: 'ice.thickness-below-required', subjectId: 'ICE-2' });
    expect(result.trigger).toEqual({ deviceId: 'ICE-2', metric: 'iceThicknessCm', value: totalCm });
  });

  it('a crossing below its opening minimum makes thin ice critical, otherwise major', () => {
    const reading = { stationId: 'ICE-2', ts: T0, totalCm: 60 };
    expect(thicknessVerdict(reading, RULES, false).observation.severity).toBe('major');
    expect(
      thicknessVerdict(reading, { ...RULES, belowOpeningMinimum: true }, false).observation.severity,
    ).toBe('critical');
  });

  it('the reason gives effective, total and white ice, the load and what it needs, and says when derated', () => {
    const plain = thicknessVerdict({ stationId: 'ICE-2', ts: T0, totalCm: 60, whiteCm: 10 }, RULES, false);
    expect(renderReason(plain.observation.reason)).toBe(
      'station ICE-2: 55 cm effective ice (60 cm, 10 cm white); a 40 t truck needs 100 cm (Gold, A = 4)',
    );
    const derated = thicknessVerdict(
      { stationId: 'ICE-2', ts: T0, totalCm: 60 },
      { ...RULES, requiredCm: 110 },
      false,
    );
    expect(renderReason(derated.observation.reason)).toMatch(/needs 110 cm \(Gold, A = 4, derated\)$/);
  });
});

describe('thinningVerdict', () => {
  const station = { stationId: 'ICE-3', ts: T0, effectiveCm: 88 };
  it.each([
    {
      name: '100 → 88 cm in 24 h (12 cm/day) → breached above 5 cm/day',
      cmDayAgo: 100,
      firing: false,
      breached: true,
    },
    {
      name: '92 → 88 cm in 24 h (4 cm/day) → not breached',
      cmDayAgo: 92,
      firing: false,
      breached: false,
    },
    {
      name: 'firing at 3 cm/day → still breached: clears at half the limit',
      cmDayAgo: 91,
      firing: true,
      breached: true,
    },
    {
      name: 'firing at 2 cm/day → clear',
      cmDayAgo: 90,
      firing: true,
      breached: false,
    },
  ])('$name', ({ cmDayAgo, firing, breached }) => {
    const dayAgo = { ts: T0 - 24 * HOUR, cm: cmDayAgo };
    expect(thinningVerdict(station, dayAgo, 5, firing)?.observation.breached).toBe(breached);
  });

  it('less than 6 h of history → no verdict: too little for a rate', () => {
    expect(thinningVerdict(station, { ts: T0 - 5 * HOUR, cm: 100 }, 5, false)).toBeUndefined();
    expect(thinningVerdict(station, undefined, 5, false)).toBeUndefined();
  });

  it('the reason gives the rate, the two thicknesses and the limit', () => {
    const result = thinningVerdict(station, { ts: T0 - 24 * HOUR, cm: 100 }, 5, false)!;
    expect(renderReason(result.observation.reason)).toBe(
      'station ICE-3: ice thinning 12 cm/day (100 → 88 cm effective); alert above 5 cm/day',
    );
  });
});

describe('overflowVerdict and crackVerdict', () => {
  it('water on the ice → breached, design load cut by 80 %; dry → clear', () => {
    const wet = overflowVerdict({ stationId: 'ICE-1', ts: T0, overflow: true });
    expect(wet.observation).toMatchObject({ breached: true, severity: 'major' });
    expect(wet.trigger).toEqual({ deviceId: 'ICE-1', metric: 'overflow', value: 1 });
    expect(renderReason(wet.observation.reason)).toBe(
      'station ICE-1: water on the ice; design load cut by 80 %',
    );
    expect(overflowVerdict({ stationId: 'ICE-1', ts: T0, overflow: false }).observation.breached).toBe(false);
  });

  it.each([
    { name: 'a 9.9 mm crack with the lane closing at 10 mm → not breached', widthMm: 9.9, breached: false },
    { name: 'a crack exactly 10 mm wide → breached, critical', widthMm: 10, breached: true },
  ])('$name', ({ widthMm, breached }) => {
    const result = crackVerdict({ stationId: 'ICE-3', ts: T0, widthMm }, 10);
    expect(result.observation).toMatchObject({ breached, severity: 'critical', value: widthMm });
  });
});

describe('thawVerdict', () => {
  it.each([
    {
      name: 'mean exactly −5.0 °C → breached: "−5 °C or warmer" includes it',
      meanAirC: -5,
      firing: false,
      breached: true,
      severity: 'warning',
    },
    {
      name: 'mean −5.1 °C (mirror: just colder than the boundary) → not breached',
      meanAirC: -5.1,
      firing: false,
      breached: false,
      severity: 'warning',
    },
    {
      name: 'mean −4.9 °C → breached, a warning (capacity × 0.51)',
      meanAirC: -4.9,
      firing: false,
      breached: true,
      severity: 'warning',
    },
    {
      name: 'mean +1 °C → breached, major (capacity × 0.44)',
      meanAirC: 1,
      firing: false,
      breached: true,
      severity: 'major',
    },
    {
      name: 'firing at −5.5 °C → still breached: clears at −6 °C',
      meanAirC: -5.5,
      firing: true,
      breached: true,
      severity: 'warning',
    },
    { name: 'firing at −6.1 °C → clear', meanAirC: -6.1, firing: true, breached: false, severity: 'warning' },
  ])('$name', ({ meanAirC, firing, breached, severity }) => {
    const result = thawVerdict('jalinda-mohe-ice', meanAirC, T0, firing)!;
    expect(result.observation).toMatchObject({ breached, severity, ts: T0 });
    expect(result.trigger).toEqual({ deviceId: undefined, metric: 'airTempC', value: meanAirC });
  });

  it('no 3-day mean → no verdict', () => {
    expect(thawVerdict('jalinda-mohe-ice', undefined, T0, false)).toBeUndefined();
  });
});

describe('stationSilentVerdict', () => {
  const rules = { staleAfterMs: 6 * HOUR, inSeason: true };
  it.each([
    {
      name: 'thickness 6 h old exactly → not silent',
      lastThicknessTs: T0 - 6 * HOUR,
      inSeason: true,
      breached: false,
    },
    {
      name: 'thickness 6 h 1 ms old → silent',
      lastThicknessTs: T0 - 6 * HOUR - 1,
      inSeason: true,
      breached: true,
    },
    { name: 'no thickness ever → silent', lastThicknessTs: undefined, inSeason: true, breached: true },
    {
      name: 'silent a week out of season → not an alert: the calendar closes the crossing',
      lastThicknessTs: T0 - 7 * 24 * HOUR,
      inSeason: false,
      breached: false,
    },
  ])('$name', ({ lastThicknessTs, inSeason, breached }) => {
    const result = stationSilentVerdict(
      { stationId: 'ICE-4', crossingId: 'jalinda-mohe-ice', lastThicknessTs },
      { ...rules, inSeason },
      T0,
    );
    expect(result.observation).toMatchObject({ breached, ts: T0, severity: 'major' });
  });

  it('the reason says how long, and that the crossing is unknown, not open', () => {
    const result = stationSilentVerdict(
      { stationId: 'ICE-4', crossingId: 'jalinda-mohe-ice', lastThicknessTs: T0 - 7 * HOUR },
      rules,
      T0,
    );
    expect(renderReason(result.observation.reason)).toBe(
      'station ICE-4 silent for 7 h; jalinda-mohe-ice is unknown, not open',
    );
    expect(renderReason(result.observation.reason, 'ru')).toContain('ICE-4');
  });
});

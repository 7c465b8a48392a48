import { renderReason } from '../reasons';
import { evaluateIceCrossing } from '../ice/crossing-status';
import { NOW, RULES } from '../ice/crossing-fixture';
import { LANGUAGES } from '../catalogue';
import { earlyWarningExamples, newtonReadings, thawForecast } from './early-warning-fixture';
import { batteryForecastVerdict, capacityForecastVerdict, reeferForecastVerdict } from './early-warnings';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const crossing = { crossingId: 'jalinda-mohe-ice', postedTonnes: 40 };

describe('capacity early warning', () => {
  it('100 cm carrying the posted 40 t, +4 °C ahead: warns of the fall within 48 h, at warning severity', () => {
    const v = capacityForecastVerdict(crossing, thawForecast(NOW), NOW)!;
    expect(v.observation).toMatchObject({ breached: true, severity: 'warning' });
    expect(v.observation.reason).toMatchObject({ code: 'forecast.capacity-below' });
  });

  it('the same ice with −25 °C ahead: clear', () => {
    expect(capacityForecastVerdict(crossing, thawForecast(NOW, -25), NOW)!.observation.breached).toBe(false);
  });

  it('a crossing already below the posted load: the status speaks, not the forecast', () => {
    // 90 cm carries 32.4 t: restricted already, the thaw ahead changes nothing the status does not say.
    const v = capacityForecastVerdict(crossing, thawForecast(NOW, 4, 90), NOW)!;
    expect(v.observation.breached).toBe(false);
  });

  it('no forecast (a station without thickness): no verdict at all', () => {
    const empty = { ...thawForecast(NOW), points: [] };
    expect(capacityForecastVerdict(crossing, empty, NOW)).toBeUndefined();
  });

  it('the forecast never changes the status: the crossing stays open on its measured 100 cm while the warning fires', () => {
    const forecast = thawForecast(NOW);
    const status = evaluateIceCrossing({
      crossingId: crossing.crossingId,
      rules: RULES,
      stations: [{ deviceId: 'ICE-1', iceThicknessCm: { value: 100, ts: NOW } }],
      meanAirTemp3dC: -20,
      now: NOW,
    });
    expect(capacityForecastVerdict(crossing, forecast, NOW)!.observation.breached).toBe(true);
    expect(forecast.points.at(-1)!.allowedTonnes.mid).toBeLessThan(40);
    expect(status).toMatchObject({ status: 'open', maxGrossTonnes: 40 });
  });
});

describe('reefer early warning', () => {
  const apples = { name: 'apples', tempC: { min: -1, max: 4 } };
  const reefer = { deviceId: 'C1', isoNumber: 'MSKU1234565', profile: apples, ambientC: -25 };

  it('apples at −25 °C outside, τ = 10 h, 30 min after failure: the −1 °C limit is 41 min away, inside the 60 min reaction time', () => {
    const samples = newtonReadings(NOW, { tempC: 2, ambientC: -25, tauHours: 10 }, 30);
    const v = reeferForecastVerdict({ ...reefer, samples }, NOW + 30 * MINUTE_MS)!;
    expect(v.observation).toMatchObject({ breached: true, severity: 'warning' });
    // True crossing 10·ln(27/24) h = 70.7 min after failure; from the newest reading that leaves 40.7 min.
    expect(v.observation.value).toBeCloseTo(40.7, 0);
  });

  it("20 min after failure the box has drifted 0.9 °C, within a working unit's swing: not yet", () => {
    const samples = newtonReadings(NOW, { tempC: 2, ambientC: -25, tauHours: 10 }, 20);
    expect(reeferForecastVerdict({ ...reefer, samples }, NOW)!.observation.breached).toBe(false);
  });

  it('a reaction time of 30 min in the profile: 41 min left is not yet a warning', () => {
    const samples = newtonReadings(NOW, { tempC: 2, ambientC: -25, tauHours: 10 }, 30);
    const profile = { ...apples, reactionMinutes: 30 };
    expect(reeferForecastVerdict({ ...reefer, profile, samples }, NOW)!.observation.breached).toBe(false);
  });

  it('no outside temperature known: no verdict', () => {
    const samples = newtonReadings(NOW, { tempC: 2, ambientC: -25, tauHours: 10 }, 20);
    expect(reeferForecastVerdict({ ...reefer, ambientC: undefined, samples }, NOW)).toBeUndefined();
  });
});

describe('battery early warning', () => {
  const draining = [0, 1, 2, 3, 4].map((h) => ({ ts: NOW + h * HOUR_MS, pct: 10 - 2 * h }));
  const tracker = { deviceId: 'C1', isoNumber: 'MSKU1234565' };
  const end = NOW + 4 * HOUR_MS;

  it.each([
    ['arrival in 10 h, 1 h of battery left: warns', end + 10 * HOUR_MS, true],
    ['arrival in 30 min, 1 h left: clear', end + 30 * MINUTE_MS, false],
    ['no planned arrival, runs out within the default day: warns', undefined, true],
    ['arrival already past: clear', end - HOUR_MS, false],
  ])('%s', (_case, plannedArrival, breached) => {
    expect(batteryForecastVerdict({ ...tracker, plannedArrival }, draining, end)!.observation.breached).toBe(
      breached,
    );
  });
});

describe('every early warning renders in every language', () => {
  it.each(LANGUAGES)('%s', (language) => {
    for (const v of earlyWarningExamples(NOW)) {
      const text = renderReason(v.observation.reason, language);
      expect(text).not.toMatch(/undefined|NaN/);
      expect(text.length).toBeGreaterThan(10);
    }
  });
});

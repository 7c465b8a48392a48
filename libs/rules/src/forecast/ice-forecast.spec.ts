import { allowedLoadTonnes, requiredThicknessCm, thawDerating } from '../ice/ice-capacity';
import { forecastIce } from './ice-forecast';
import type { AirSample } from './stefan';
import { syntheticSeason } from './synthetic-season';

const DAY_MS = 86_400_000;
const NOW = Date.UTC(2026, 11, 20, 3, 0);
const swinging = (hour: number) => -24 + 7 * Math.sin((2 * Math.PI * hour) / 24);

/** 30 days of a season made with α = 1.5, cut at NOW; the 72 h after it are the truth to meet. */
function season(airAt = swinging, startCm = 20) {
  const all = syntheticSeason({
    start: NOW - 30 * DAY_MS,
    hours: 33 * 24,
    alpha: 1.5,
    startCm,
    airAt,
    noiseCm: 1,
  });
  const past = <T extends { ts: number }>(samples: T[]) => samples.filter((s) => s.ts <= NOW);
  const future = <T extends { ts: number }>(samples: T[]) => samples.filter((s) => s.ts >= NOW);
  return {
    air: past(all.air),
    readings: past(all.readings),
    futureAir: future(all.air),
    truth: future(all.truth),
  };
}

type Stations = Parameters<typeof forecastIce>[0]['stations'];
const forecastOf = (stations: Stations, air: AirSample[], airForecast?: AirSample[]) =>
  forecastIce({ stations, air, airForecast, now: NOW, goldA: 4, minOpenTonnes: 5 });

describe('the 72 h ice forecast of a synthetic season (stated error: 2 cm with the air known, 4 cm from the trend)', () => {
  it('with the true air as the outside forecast: every hour within 2 cm and 2 t of the truth', () => {
    const s = season();
    const forecast = forecastOf([{ stationId: 'ICE-1', thickness: s.readings }], s.air, s.futureAir);
    expect(forecast.points).toHaveLength(73);
    for (const point of forecast.points) {
      const truth = s.truth.find((t) => t.ts === point.ts)!.cm;
      expect(Math.abs(point.effectiveThicknessCm.mid - truth)).toBeLessThanOrEqual(2);
      expect(Math.abs(point.allowedTonnes.mid - allowedLoadTonnes(truth, 4))).toBeLessThanOrEqual(2);
    }
  });

  it('from the air-temperature trend alone: within 4 cm at 72 h, and the truth inside the band every hour', () => {
    const s = season();
    const forecast = forecastOf([{ stationId: 'ICE-1', thickness: s.readings }], s.air);
    const last = forecast.points[72];
    expect(
      Math.abs(last.effectiveThicknessCm.mid - s.truth.find((t) => t.ts === last.ts)!.cm),
    ).toBeLessThanOrEqual(4);
    for (const point of forecast.points) {
      const truth = s.truth.find((t) => t.ts === point.ts)!.cm;
      expect(point.effectiveThicknessCm.low).toBeLessThanOrEqual(truth);
      expect(point.effectiveThicknessCm.high).toBeGreaterThanOrEqual(truth);
    }
  });

  it('the weakest station governs the crossing forecast', () => {
    const thick = season(swinging, 40);
    const thin = season(swinging, 20);
    const forecast = forecastOf(
      [
        { stationId: 'ICE-1', thickness: thick.readings },
        { stationId: 'ICE-2', thickness: thin.readings },
      ],
      thin.air,
    );
    const alone = forecastOf([{ stationId: 'ICE-2', thickness: thin.readings }], thin.air);
    expect(forecast.points.map((p) => p.effectiveThicknessCm.mid)).toEqual(
      alone.points.map((p) => p.effectiveThicknessCm.mid),
    );
  });

  it('a station without any thickness: no forecast at all (fail safe)', () => {
    const s = season();
    const forecast = forecastOf(
      [
        { stationId: 'ICE-1', thickness: s.readings },
        { stationId: 'ICE-2', thickness: [] },
      ],
      s.air,
    );
    expect(forecast).toMatchObject({ advice: true, points: [], loadClasses: [] });
  });
});

describe('dates per load class and the last day', () => {
  // Constant air, so the expected dates follow from Stefan's law in closed form.
  const constant = (tempC: number, cm: number) => {
    const history = syntheticSeason({
      start: NOW - 3 * DAY_MS,
      hours: 72,
      alpha: 1.5,
      startCm: cm,
      airAt: () => tempC,
    });
    return forecastOf([{ stationId: 'ICE-1', thickness: [{ ts: NOW, cm }] }], history.air);
  };

  it('early winter at −20 °C from 30 cm: each class opens when h² − 30² = α²·20·days, within a day', () => {
    const forecast = constant(-20, 30);
    // 30 cm carries 3.6 t at A = 4 (no derating at −20 °C): no class is allowed yet. One reading
    // is too little to fit, so α is the default 1.55. 40 t would take 189 days: no date is given.
    expect(forecast.loadClasses.find((c) => c.tonnes === 40)?.allowedFrom).toBeUndefined();
    for (const { tonnes, allowedFrom } of forecast.loadClasses.filter((c) => c.tonnes < 40)) {
      const needed = requiredThicknessCm(tonnes, 4);
      const days = (needed * needed - 30 * 30) / (1.55 * 1.55 * 20);
      expect(Math.abs((allowedFrom! - NOW) / DAY_MS - days)).toBeLessThan(1);
    }
    expect(forecast.lastOpenAt).toBeUndefined();
  });

  it('a class the ice already carries is allowed now', () => {
    const forecast = constant(-20, 80);
    expect(forecast.loadClasses.find((c) => c.tonnes === 15)?.allowedFrom).toBe(NOW);
  });

  it('spring at +5 °C from 80 cm: the last day is when melt of 2.5 cm a day reaches the derated minimum, within a day', () => {
    const forecast = constant(5, 80);
    const minimumCm = requiredThicknessCm(5 / thawDerating(5).capacityFactor, 4);
    const days = (80 - minimumCm) / (0.5 * 5);
    expect(Math.abs((forecast.lastOpenAt! - NOW) / DAY_MS - days)).toBeLessThan(1);
    expect(forecast.loadClasses.find((c) => c.tonnes === 40)?.allowedFrom).toBeUndefined();
  });
});

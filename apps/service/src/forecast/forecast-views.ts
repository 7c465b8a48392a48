import { Injectable, NotFoundException } from '@nestjs/common';
import type { IceForecast } from '@jct/rules';
import { Clock } from '../clock/clock';
import { SiteRegistry } from '../site/site-registry';
import { AirForecastFeed } from './air-forecast-feed';
import { parseAirForecast } from './air-forecast-body';
import { CrossingForecasts } from './crossing-forecasts';

const iso = (ts: number | undefined) => (ts === undefined ? null : new Date(ts).toISOString());

/** The forecast as API callers read it: ISO times, and labelled as advice. */
@Injectable()
export class ForecastViews {
  constructor(
    private readonly site: SiteRegistry,
    private readonly forecasts: CrossingForecasts,
    private readonly clock: Clock,
    private readonly feed: AirForecastFeed,
  ) {}

  crossing(id: string) {
    this.iceCrossing(id);
    return view(id, this.forecasts.forecast(id, this.clock.now())!, this.forecasts.postedTonnes(id)!);
  }

  /** Validates an outside forecast (400 with every problem) and holds its hours for the crossing. */
  acceptAirForecast(id: string, body: unknown) {
    this.iceCrossing(id);
    const now = this.clock.now();
    const hours = parseAirForecast(body, now);
    this.feed.publish(id, hours, now);
    return { crossingId: id, accepted: hours.length };
  }

  private iceCrossing(id: string): void {
    const crossing = this.site.config.crossings.find((c) => c.id === id);
    if (!crossing) throw new NotFoundException(`no crossing "${id}"`);
    if (crossing.mode !== 'ice') throw new NotFoundException(`"${id}" is a ferry crossing: no ice forecast`);
  }
}

function view(crossingId: string, forecast: IceForecast, postedTonnes: number) {
  return {
    crossingId,
    advice: true,
    postedTonnes,
    note: 'Advice only: a forecast from the ice-growth model; the crossing status follows measurements.',
    generatedAt: iso(forecast.generatedAt),
    stations: forecast.stations.map((s) => ({
      stationId: s.stationId,
      fromCm: s.fromCm,
      alpha: s.alpha,
      fittedAlpha: s.fittedAlpha ?? null,
      bounded: s.bounded,
    })),
    points: forecast.points.map((p) => ({ ...p, ts: iso(p.ts) })),
    loadClasses: forecast.loadClasses.map((c) => ({ tonnes: c.tonnes, allowedFrom: iso(c.allowedFrom) })),
    lastOpenAt: iso(forecast.lastOpenAt),
  };
}

import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { DeviceTags } from '@jct/contract';
import {
  effectiveThicknessCm,
  fitStefanAlpha,
  forecastIce,
  inSpring,
  type IceForecast,
  type StefanFit,
  type ThicknessSample,
} from '@jct/rules';
import type { TelemetryStore, WindowAggregate } from '@jct/storage';
import { Clock, type Timer } from '../clock/clock';
import { CrossingMonitor, type IceCrossingView } from '../crossings/crossing-monitor.service';
import { TELEMETRY_STORE } from '../storage/telemetry-store.provider';
import { AirForecastFeed } from './air-forecast-feed';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** α is fitted on the last 30 days of a station's readings, means of 6 hours (docs/domain.md §9) [design]. */
const FIT_HISTORY_MS = 30 * DAY_MS;
const FIT_WINDOW_MS = 6 * HOUR_MS;

/**
 * The ice forecast of each crossing (docs/domain.md §9): α fitted hourly per station from the store,
 * the projection made on demand from what the CrossingMonitor holds now. Advice only — nothing here
 * feeds the crossing's status.
 */
@Injectable()
export class CrossingForecasts implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('CrossingForecasts');
  private readonly fits = new Map<string, StefanFit>();
  private timer?: Timer;

  constructor(
    private readonly monitor: CrossingMonitor,
    @Inject(TELEMETRY_STORE) private readonly store: TelemetryStore,
    private readonly clock: Clock,
    private readonly feed: AirForecastFeed,
  ) {}

  async onModuleInit(): Promise<void> {
    this.timer = this.clock.every(HOUR_MS, () => this.refit());
    await this.refit();
  }

  onModuleDestroy(): void {
    this.timer?.cancel();
  }

  /** Fits α of every station from its stored history; a station the store cannot answer for keeps its fit. */
  async refit(): Promise<void> {
    const now = this.clock.now();
    for (const view of this.monitor.iceCrossings()) {
      for (const stationId of view.stations.keys()) {
        try {
          this.fits.set(stationId, await this.fitStation(view, stationId, now));
        } catch (error) {
          this.logger.warn(`could not fit the ice growth of ${stationId}: ${(error as Error).message}`);
        }
      }
    }
  }

  /** The forecast of an ice crossing at `now`; undefined for a crossing that is not ice. */
  forecast(crossingId: string, now: number): IceForecast | undefined {
    const view = this.monitor.iceCrossings().find((v) => v.crossing.id === crossingId);
    if (!view) return undefined;
    return forecastIce({
      stations: [...view.stations.keys()].map((stationId) => ({
        stationId,
        thickness: believedHistory(view, stationId),
        fit: this.fits.get(stationId),
      })),
      air: view.airTemperature.hourly(),
      airForecast: this.feed.hours(crossingId),
      now,
      goldA: view.rules.goldA,
      otherCapacityFactor: otherCapacityFactor(view, now),
      minOpenTonnes: view.rules.minOpenTonnes,
    });
  }

  /** The load the crossing is posted for, t: what the forecast is measured against. */
  postedTonnes(crossingId: string): number | undefined {
    return this.monitor.iceCrossings().find((v) => v.crossing.id === crossingId)?.rules.designLoadTonnes;
  }

  private async fitStation(view: IceCrossingView, stationId: string, now: number): Promise<StefanFit> {
    const device: DeviceTags = {
      deviceId: stationId,
      kind: 'ice-station',
      assetId: view.crossing.id,
      siteId: '',
    };
    const windows = (metric: 'iceThicknessCm' | 'whiteIceCm' | 'airTempC', everyMs: number) =>
      this.store.range({ device, metric, from: now - FIT_HISTORY_MS, to: now + 1, everyMs }) as Promise<
        WindowAggregate[]
      >;
    const [total, white, air] = [
      await windows('iceThicknessCm', FIT_WINDOW_MS),
      await windows('whiteIceCm', FIT_WINDOW_MS),
      await windows('airTempC', HOUR_MS),
    ];
    const whiteAt = new Map(white.map((w) => [w.ts, w.mean]));
    const thickness = total.map((w) => ({
      ts: w.ts,
      cm: effectiveThicknessCm(w.mean, whiteAt.get(w.ts) ?? 0),
    }));
    return fitStefanAlpha(
      thickness,
      air.map((w) => ({ ts: w.ts, tempC: w.mean })),
    );
  }
}

/**
 * The station's effective thickness over the last 2 days, ending with what the crossing believes
 * now: a rise held as implausible (docs/domain.md §8) never starts the forecast higher.
 */
function believedHistory(view: IceCrossingView, stationId: string): ThicknessSample[] {
  const snapshot = view.stations.get(stationId);
  const believed = snapshot?.iceThicknessCm;
  const history = view.history.get(stationId) ?? [];
  if (!believed) return [];
  const now = { ts: believed.ts, cm: effectiveThicknessCm(believed.value, snapshot.whiteIceCm?.value ?? 0) };
  return [...history.filter((s) => s.ts < believed.ts), now];
}

/** Water on the ice and spring ice, as the status derates them now; held through the forecast. */
function otherCapacityFactor(view: IceCrossingView, now: number): number {
  const { rules } = view;
  const spring = inSpring({ ...rules.season, springFrom: rules.springFrom }, now, rules.timeZone);
  const flooded = [...view.stations.values()].some((s) => s.overflow?.value === true);
  return (spring ? rules.springCapacityFactor : 1) * (flooded ? rules.overflowCapacityFactor : 1);
}

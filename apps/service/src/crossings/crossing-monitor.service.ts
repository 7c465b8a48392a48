import { Inject, Injectable, Logger, Optional, type OnModuleInit } from '@nestjs/common';
import type { DeviceTags, PointBatch } from '@jct/contract';
import {
  DEFAULT_CROSSING_TIME_ZONE,
  DEFAULT_ICE_RULES,
  DEFAULT_THICKNESS_TRUST,
  effectiveThicknessCm,
  evaluateIceCrossing,
  StationReadings,
  THICKNESS_KEEP_MS,
  type IceCrossingRules,
  type IceCrossingStatus,
  type StationSnapshot,
  type ThicknessTrustRules,
} from '@jct/rules';
import type { Crossing } from '@jct/site-config';
import type { TelemetryStore } from '@jct/storage';
import { Subject } from 'rxjs';
import { Clock } from '../clock/clock';
import { MessageBus } from '../broker/message-bus';
import { LeadershipService } from '../leadership/leadership.service';
import { SiteRegistry } from '../site/site-registry';
import { TELEMETRY_STORE } from '../storage/telemetry-store.provider';
import { AirTemperatureWindow } from './air-temperature-window';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** What the monitor knows about one ice crossing. */
export interface IceCrossingView {
  crossing: Crossing;
  rules: IceCrossingRules;
  stations: Map<string, StationSnapshot>;
  airTemperature: AirTemperatureWindow;
  /** Effective thickness per station, ~every 10 min over the last 2 days, for the thinning rate. */
  history: Map<string, { ts: number; cm: number }[]>;
  /**
   * Every station's readings as the store holds them (a correction replaces, docs/domain.md §8) and
   * operators' manual measurements; `stations` is derived from these at each evaluation.
   */
  readings: Map<string, StationReadings>;
  trust: ThicknessTrustRules;
  status?: IceCrossingStatus;
}

/**
 * The live state of every ice crossing: the newest station readings (by device time), 3-day air
 * temperatures and the computed status, published retained on crossings/{id}/status whenever it
 * changes. Seeded from the store at start, so a restart does not forget the ice.
 */
@Injectable()
export class CrossingMonitor implements OnModuleInit {
  private readonly logger = new Logger('CrossingMonitor');
  private readonly views = new Map<string, IceCrossingView>();
  private readonly stationCrossing = new Map<string, string>();
  readonly status$ = new Subject<IceCrossingStatus>();

  constructor(
    site: SiteRegistry,
    @Inject(TELEMETRY_STORE) private readonly store: TelemetryStore,
    private readonly bus: MessageBus,
    private readonly clock: Clock,
    // Optional only for the benchmark, which builds the monitor by hand; the module provides it.
    @Optional() private readonly leadership?: LeadershipService,
  ) {
    for (const crossing of site.config.crossings.filter((c) => c.mode === 'ice')) {
      const overrides = crossing.rules ?? {};
      const rules: IceCrossingRules = {
        ...DEFAULT_ICE_RULES,
        goldA: crossing.goldA ?? DEFAULT_ICE_RULES.goldA,
        designLoadTonnes: overrides.designLoadTonnes ?? DEFAULT_ICE_RULES.designLoadTonnes,
        minOpenTonnes: overrides.minOpenTonnes ?? DEFAULT_ICE_RULES.minOpenTonnes,
        staleAfterMs: (overrides.staleAfterMinutes ?? DEFAULT_ICE_RULES.staleAfterMs / MINUTE_MS) * MINUTE_MS,
        crackCloseMm: overrides.crackCloseMm ?? DEFAULT_ICE_RULES.crackCloseMm,
        season: crossing.season,
        springFrom: overrides.springFrom,
        timeZone: site.config.site.timezone ?? DEFAULT_CROSSING_TIME_ZONE,
      };
      const view: IceCrossingView = {
        crossing,
        rules,
        stations: new Map(),
        airTemperature: new AirTemperatureWindow(),
        history: new Map(),
        readings: new Map(),
        trust: {
          ...DEFAULT_THICKNESS_TRUST,
          noiseCm: overrides.gaugeNoiseCm ?? DEFAULT_THICKNESS_TRUST.noiseCm,
          stuckWindowMs:
            (overrides.stuckWindowMinutes ?? DEFAULT_THICKNESS_TRUST.stuckWindowMs / MINUTE_MS) * MINUTE_MS,
          stuckResolutionCm: overrides.stuckResolutionCm ?? DEFAULT_THICKNESS_TRUST.stuckResolutionCm,
          stuckAirSwingC: overrides.stuckAirSwingC ?? DEFAULT_THICKNESS_TRUST.stuckAirSwingC,
        },
      };
      for (const device of site
        .allDevices()
        .filter((d) => d.kind === 'ice-station' && d.asset === crossing.id)) {
        view.stations.set(device.id, { deviceId: device.id });
        view.history.set(device.id, []);
        view.readings.set(device.id, new StationReadings(device.id));
        this.stationCrossing.set(device.id, crossing.id);
      }
      this.views.set(crossing.id, view);
    }
  }

  async onModuleInit(): Promise<void> {
    const now = this.clock.now();
    try {
      for (const view of this.views.values()) {
        for (const deviceId of view.stations.keys()) {
          const tags: DeviceTags = { deviceId, kind: 'ice-station', assetId: view.crossing.id, siteId: '' };
          const latest = await this.store.latest(tags);
          this.update(
            { device: tags, points: latest.map(({ metric, ts, value }) => ({ metric, ts, value })) },
            false,
          );
          // The stored thickness and white ice of the window: what the station's trust is judged on.
          for (const metric of ['iceThicknessCm', 'whiteIceCm'] as const) {
            const stored = await this.store.range({
              device: tags,
              metric,
              from: now - THICKNESS_KEEP_MS,
              to: now + 1,
            });
            for (const reading of stored as { ts: number; value: number }[])
              view.readings.get(deviceId)!.add(metric, reading.ts, reading.value);
          }
          const temps = await this.store.range({
            device: tags,
            metric: 'airTempC',
            from: now - 3 * DAY_MS,
            to: now + 1,
            everyMs: 3_600_000,
          });
          for (const window of temps as { ts: number; mean: number }[])
            view.airTemperature.add(window.ts, window.mean);
        }
      }
    } catch (error) {
      // Fail safe: without history the stations look silent and the status is unknown until data comes.
      this.logger.warn(`could not seed crossings from the store: ${(error as Error).message}`);
    }
    for (const view of this.views.values()) this.evaluate(view, now);
  }

  crossingOfStation(deviceId: string): IceCrossingView | undefined {
    const id = this.stationCrossing.get(deviceId);
    return id ? this.views.get(id) : undefined;
  }

  iceCrossings(): IceCrossingView[] {
    return [...this.views.values()];
  }

  status(crossingId: string): IceCrossingStatus | undefined {
    return this.views.get(crossingId)?.status;
  }

  /** Takes an ice station's readings; re-evaluates its crossing. Returns the crossing's view. */
  update(batch: PointBatch, evaluate = true): IceCrossingView | undefined {
    const view = this.crossingOfStation(batch.device.deviceId);
    if (!view) return undefined;
    const snapshot = view.stations.get(batch.device.deviceId)!;
    const readings = view.readings.get(batch.device.deviceId)!;
    for (const point of batch.points) {
      readings.add(point.metric, point.ts, point.value);
      if (point.metric === 'airTempC') view.airTemperature.add(point.ts, point.value as number);
    }
    // Every thickness reading goes into the history, newest or not: a station flushing its
    // buffer fills in the day behind it. (The engine hands over one reading at a time.)
    const thickness = batch.points.find((point) => point.metric === 'iceThicknessCm');
    const white = batch.points.find((point) => point.metric === 'whiteIceCm');
    if (thickness) {
      const whiteCm = (white?.value as number | undefined) ?? snapshot.whiteIceCm?.value ?? 0;
      this.remember(
        view,
        batch.device.deviceId,
        thickness.ts,
        effectiveThicknessCm(thickness.value as number, whiteCm),
      );
    }
    if (evaluate) this.evaluate(view, Math.max(this.clock.now(), ...batch.points.map((p) => p.ts)));
    return view;
  }

  /**
   * An operator's manual measurement (ManualMeasurements has stored it): believed whatever it says,
   * it confirms a held rise (docs/domain.md §8). Re-evaluates the crossing.
   */
  recordManual(
    stationId: string,
    measurement: { ts: number; valueCm: number; by: string },
    evaluate = true,
  ): void {
    const view = this.crossingOfStation(stationId);
    if (!view) return;
    view.readings.get(stationId)!.addManual(measurement);
    if (evaluate) this.evaluate(view, Math.max(this.clock.now(), measurement.ts));
  }

  /** Effective thickness of a station `hoursAgo` before its newest reading, for the thinning rate. */
  thicknessBefore(
    view: IceCrossingView,
    deviceId: string,
    ts: number,
  ): { ts: number; cm: number } | undefined {
    const samples = view.history.get(deviceId) ?? [];
    return samples.find((sample) => sample.ts >= ts);
  }

  /** Re-evaluates every crossing on the service clock: stations fall silent as time passes. */
  tick(now: number): void {
    for (const view of this.views.values()) this.evaluate(view, now);
  }

  /** Keeps samples in time order, at least 10 minutes apart, over the last 2 days. */
  private remember(view: IceCrossingView, deviceId: string, ts: number, cm: number): void {
    const samples = view.history.get(deviceId)!;
    let at = samples.length;
    while (at > 0 && samples[at - 1].ts > ts) at--;
    const near = (sample?: { ts: number }) =>
      sample !== undefined && Math.abs(sample.ts - ts) < 10 * MINUTE_MS;
    if (near(samples[at - 1]) || near(samples[at])) return;
    samples.splice(at, 0, { ts, cm });
    const newest = samples[samples.length - 1].ts;
    while (samples.length > 0 && samples[0].ts < newest - 2 * DAY_MS) samples.shift();
  }

  private evaluate(view: IceCrossingView, now: number): void {
    // What the crossing believes of each station, derived from its stored readings every time.
    const airTemps = view.airTemperature.hourly();
    for (const [deviceId, readings] of view.readings) {
      view.stations.set(deviceId, readings.snapshot(airTemps, now, view.trust));
    }
    const status = evaluateIceCrossing({
      crossingId: view.crossing.id,
      rules: view.rules,
      stations: [...view.stations.values()],
      meanAirTemp3dC: view.airTemperature.mean(now),
      now,
    });
    const previous = view.status;
    view.status = status;
    if (previous && sameStatus(previous, status)) return;
    this.status$.next(status);
    // Every instance judges the crossing (a standby is ready to lead); only the leader announces.
    if (this.leadership && !this.leadership.isLeader()) return;
    // Retained: a dashboard or a barrier controller that connects later sees the status at once.
    this.bus
      .publish(`crossings/${status.crossingId}/status`, JSON.stringify(status), { qos: 1, retain: true })
      .catch((error: Error) => {
        this.logger.warn(`could not publish the status of ${status.crossingId}: ${error.message}`);
      });
    if (previous?.status !== status.status) {
      this.logger.log(
        `${status.crossingId}: ${previous?.status ?? 'none'} → ${status.status} (${status.reasons[0]?.text ?? ''})`,
      );
    }
  }
}

function sameStatus(a: IceCrossingStatus, b: IceCrossingStatus): boolean {
  return (
    a.status === b.status &&
    a.maxGrossTonnes === b.maxGrossTonnes &&
    a.governingStationId === b.governingStationId &&
    a.reasons.map((r) => r.code).join() === b.reasons.map((r) => r.code).join()
  );
}

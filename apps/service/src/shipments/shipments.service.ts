import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { METRICS, unitFields, type DeviceTags, type MetricName } from '@jct/contract';
import {
  CARGO_PROFILES,
  meanKineticTemperatureC,
  ownsReading,
  ruleFamily,
  shipmentProfile,
  type CargoProfile,
  type Shipment,
  type Language,
} from '@jct/rules';
import type { RawPoint, TelemetryStore } from '@jct/storage';
import { alertInLanguage } from '../alerts/alert-text';
import { csvLine, storedPoints } from '../http/csv-export';
import type { Alert } from '../alerts/alert';
import { AlertStore } from '../alerts/alert-store';
import type { Caller } from '../auth/caller';
import { Clock } from '../clock/clock';
import { SiteRegistry } from '../site/site-registry';
import { TELEMETRY_STORE } from '../storage/telemetry-store.provider';
import { ShipmentBook } from './shipment-book';
import { shipmentView } from './shipment-view';

type Container = Shipment;
const DAY_MS = 86_400_000;
const TIMELINE_METRICS: MetricName[] = ['tempC', 'humidityPct', 'doorOpen', 'shockG'];
const MAX_POINTS = 5000;

/**
 * A cargo owner's view of a shipment: its profile's limits, the condition timeline, excursions and
 * the mean kinetic temperature — all within the shipment's own time (from its start to its end:
 * a tracker's readings before or after belong to other shipments). Every method takes the caller;
 * another owner's shipment is "not found".
 */
@Injectable()
export class ShipmentsService {
  constructor(
    private readonly site: SiteRegistry,
    private readonly book: ShipmentBook,
    private readonly alerts: AlertStore,
    @Inject(TELEMETRY_STORE) private readonly store: TelemetryStore,
    private readonly clock: Clock,
  ) {}

  list(caller: Caller) {
    return this.book.visibleTo(caller).map((container) => this.summary(container));
  }

  /** Excursions' `reason` in `language` (http/reader-language.ts). */
  get(caller: Caller, id: string, language: Language = 'en') {
    const container = this.container(caller, id);
    return {
      ...this.summary(container),
      profile: this.profile(container),
      excursions: this.excursions(container, language),
    };
  }

  /** Condition timeline against the profile: raw points per metric from..to (default 24 h). */
  async conditions(caller: Caller, id: string, from?: number, to?: number, language: Language = 'en') {
    const container = this.container(caller, id);
    const now = this.clock.now();
    const end = Math.min(to ?? now, container.endedAt ?? Infinity);
    // A planned shipment owns no reading yet: its window is empty.
    const start = Math.max(from ?? end - DAY_MS, container.startedAt ?? end + 1);
    const profile = this.profile(container);
    const series: Record<string, { unit: string; points: { ts: string; value: number | boolean }[] }> = {};
    let temperatures: RawPoint[] = [];
    for (const device of this.devices(container)) {
      for (const metric of TIMELINE_METRICS) {
        const points = (await this.store.range({
          device,
          metric,
          from: start,
          to: end,
          limit: MAX_POINTS,
        })) as RawPoint[];
        if (points.length === 0) continue;
        if (metric === 'tempC') temperatures = points;
        series[metric] = {
          ...unitFields(METRICS[metric].unit),
          points: points.map((p) => ({ ts: new Date(p.ts).toISOString(), value: p.value })),
        };
      }
    }
    const samples = temperatures.map((p) => p.value).filter((v): v is number => typeof v === 'number');
    return {
      shipmentId: container.id,
      from: new Date(Math.min(start, end)).toISOString(),
      to: new Date(end).toISOString(),
      limits: { tempC: profile.tempC, humidityPct: profile.humidityPct, shockMaxG: profile.shockMaxG },
      series,
      // USP <1160> MKT over the samples of the window (docs/domain.md §5); devices report at a fixed
      // period, so the samples are taken as equally spaced.
      meanKineticTemperatureC: samples.length > 0 ? round(meanKineticTemperatureC(samples), 2) : undefined,
      mktLimitC: profile.mkt?.maxC,
      excursions: this.excursions(container, language),
    };
  }

  /**
   * The condition timeline as CSV, one line per reading with the profile's limits beside it, read
   * from the store page by page (for insurers, customs, a spreadsheet). The shipment is looked up
   * now, so another owner's answers 404 before any line is sent.
   */
  conditionsCsv(caller: Caller, id: string, from?: number, to?: number): AsyncIterable<string> {
    const container = this.container(caller, id);
    const end = Math.min(to ?? this.clock.now(), container.endedAt ?? Infinity);
    const start = Math.max(from ?? end - DAY_MS, container.startedAt ?? end + 1);
    const profile = this.profile(container);
    const limits: Partial<Record<MetricName, [number | undefined, number | undefined]>> = {
      tempC: [profile.tempC?.min, profile.tempC?.max],
      humidityPct: [profile.humidityPct?.min, profile.humidityPct?.max],
      shockG: [undefined, profile.shockMaxG],
    };
    const store = this.store;
    const devices = this.devices(container);
    return (async function* () {
      yield csvLine(['ts', 'shipmentId', 'deviceId', 'metric', 'value', 'unit', 'limitMin', 'limitMax']);
      for (const device of devices)
        for (const metric of TIMELINE_METRICS) {
          const [min, max] = limits[metric] ?? [];
          for await (const point of storedPoints(store, device, metric, start, end))
            yield csvLine([
              new Date(point.ts).toISOString(),
              container.id,
              device.deviceId,
              metric,
              point.value,
              METRICS[metric].unit,
              min,
              max,
            ]);
        }
    })();
  }

  /**
   * The readings as reefer events shaped after DCSA Track & Trace 3 (docs/domain.md §6): one MEAS event
   * per reading, the container as an ISO 6346 `equipmentReference`, the values as
   * `measuredParameters` (ActiveReeferParameters). No `setpointParameters`: a cargo profile gives
   * limits, not the reefer unit's setpoint, and we do not invent one.
   */
  async reeferEvents(caller: Caller, id: string, from?: number, to?: number) {
    const timeline = await this.conditions(caller, id, from, to);
    const { containerNumber } = this.container(caller, id);
    const byTs = new Map<string, { temperatureValue?: number; humidityPercentage?: number }>();
    const fields = { tempC: 'temperatureValue', humidityPct: 'humidityPercentage' } as const;
    for (const [metric, field] of Object.entries(fields)) {
      for (const point of timeline.series[metric]?.points ?? []) {
        if (typeof point.value !== 'number') continue;
        byTs.set(point.ts, { ...byTs.get(point.ts), [field]: point.value });
      }
    }
    return [...byTs.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([ts, measured]) => ({
        eventID: `${containerNumber}:${ts}`,
        eventType: 'REEFER',
        eventClassifierCode: 'ACT',
        eventDateTime: ts,
        equipmentReference: containerNumber,
        reeferEventDetails: {
          reeferEventTypeCode: 'MEAS',
          measuredParameters: {
            ...measured,
            ...(measured.temperatureValue !== undefined ? { temperatureUnit: 'CEL' } : {}),
          },
        },
      }));
  }

  private summary(container: Container) {
    const open = this.alertsOf(container).filter((a) => a.state !== 'resolved');
    return { ...shipmentView(container), openAlerts: open.length };
  }

  /** Excursions: the cargo condition alerts of the shipment's trackers in its time, oldest first. */
  private excursions(container: Container, language: Language = 'en') {
    return this.alertsOf(container)
      .filter((alert) => ruleFamily(alert.ruleId) === 'cargo')
      .map((alert) => alertInLanguage(alert, language))
      .map((alert) => ({
        alertId: alert.id,
        ruleId: alert.ruleId,
        severity: alert.severity,
        state: alert.state,
        since: alert.breachSince,
        until: alert.resolvedAt,
        reason: alert.reason,
      }))
      .reverse();
  }

  /**
   * The shipment's alerts: those carrying its id — when a tracker moves on, its old shipment keeps
   * the alerts raised while it was attached and the new one starts with none — and, for alerts
   * saved before alerts carried a shipment, those of its trackers that began in its time.
   */
  private alertsOf(shipment: Shipment): Alert[] {
    const ids = new Set(shipment.trackers);
    return this.alerts.list({
      visible: (alert) =>
        alert.shipmentId !== undefined
          ? alert.shipmentId === shipment.id
          : ids.has(alert.subjectId) && ownsReading(shipment, Date.parse(alert.breachSince)),
    });
  }

  private profile(container: Container): CargoProfile {
    return shipmentProfile(CARGO_PROFILES[container.cargoProfile], container.overrides);
  }

  private devices(container: Container): DeviceTags[] {
    return container.trackers.flatMap((id) => {
      const tags = this.site.deviceTags(id);
      return tags ? [tags] : [];
    });
  }

  private container(caller: Caller, id: string): Container {
    const shipment = this.book.visible(caller, id);
    if (!shipment) throw new NotFoundException(`no shipment "${id}"`);
    return shipment;
  }
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

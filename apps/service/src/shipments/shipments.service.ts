import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { METRICS, unitFields, type DeviceTags, type MetricName } from '@jct/contract';
import {
  CARGO_PROFILES,
  mergeProfile,
  meanKineticTemperatureC,
  ruleFamily,
  type CargoProfile,
  type Language,
} from '@jct/rules';
import type { Asset } from '@jct/site-config';
import type { RawPoint, TelemetryStore } from '@jct/storage';
import { alertInLanguage } from '../alerts/alert-text';
import type { Alert } from '../alerts/alert';
import { AlertStore } from '../alerts/alert-store';
import type { Caller } from '../auth/caller';
import { CallerScope } from '../auth/caller-scope';
import { Clock } from '../clock/clock';
import { SiteRegistry } from '../site/site-registry';
import { TELEMETRY_STORE } from '../storage/telemetry-store.provider';

type Container = Extract<Asset, { type: 'container' }>;
const DAY_MS = 86_400_000;
const TIMELINE_METRICS: MetricName[] = ['tempC', 'humidityPct', 'doorOpen', 'shockG'];
const MAX_POINTS = 5000;

/**
 * A cargo owner's view of a shipment (one container): its profile's limits, the condition
 * timeline, excursions and the mean kinetic temperature. Every method takes the caller; another
 * owner's container is "not found".
 */
@Injectable()
export class ShipmentsService {
  constructor(
    private readonly site: SiteRegistry,
    private readonly scope: CallerScope,
    private readonly alerts: AlertStore,
    @Inject(TELEMETRY_STORE) private readonly store: TelemetryStore,
    private readonly clock: Clock,
  ) {}

  list(caller: Caller) {
    return this.scope.containersOf(caller).map((container) => this.summary(container));
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
  async conditions(caller: Caller, id: string, from?: number, to?: number) {
    const container = this.container(caller, id);
    const end = to ?? this.clock.now();
    const start = from ?? end - DAY_MS;
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
      from: new Date(start).toISOString(),
      to: new Date(end).toISOString(),
      limits: { tempC: profile.tempC, humidityPct: profile.humidityPct, shockMaxG: profile.shockMaxG },
      series,
      // USP <1160> MKT over the samples of the window (docs/domain.md §5); devices report at a fixed
      // period, so the samples are taken as equally spaced.
      meanKineticTemperatureC: samples.length > 0 ? round(meanKineticTemperatureC(samples), 2) : undefined,
      mktLimitC: profile.mkt?.maxC,
      excursions: this.excursions(container),
    };
  }

  /**
   * The readings as reefer events shaped after DCSA Track & Trace 3 (docs/domain.md §6): one MEAS event
   * per reading, the container as an ISO 6346 `equipmentReference`, the values as
   * `measuredParameters` (ActiveReeferParameters). No `setpointParameters`: a cargo profile gives
   * limits, not the reefer unit's setpoint, and we do not invent one.
   */
  async reeferEvents(caller: Caller, id: string, from?: number, to?: number) {
    const timeline = await this.conditions(caller, id, from, to);
    const container = this.container(caller, id);
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
        eventID: `${container.isoNumber}:${ts}`,
        eventType: 'REEFER',
        eventClassifierCode: 'ACT',
        eventDateTime: ts,
        equipmentReference: container.isoNumber,
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
    const devices = this.devices(container);
    const open = this.alertsOf(devices).filter((a) => a.state !== 'resolved');
    return {
      id: container.id,
      isoNumber: container.isoNumber,
      owner: container.owner,
      cargoProfile: container.cargoProfile,
      description: container.description,
      devices: devices.map((d) => d.deviceId),
      openAlerts: open.length,
    };
  }

  /** Excursions: the cargo condition alerts of the container's devices, oldest first. */
  private excursions(container: Container, language: Language = 'en') {
    return this.alertsOf(this.devices(container))
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

  private alertsOf(devices: DeviceTags[]): Alert[] {
    const ids = new Set(devices.map((d) => d.deviceId));
    return this.alerts.list({ visible: (alert) => ids.has(alert.subjectId) });
  }

  private profile(container: Container): CargoProfile {
    const base = CARGO_PROFILES[container.cargoProfile];
    return container.limits ? mergeProfile(base, container.limits) : base;
  }

  private devices(container: Container): DeviceTags[] {
    return this.site
      .allDevices()
      .filter((d) => d.asset === container.id)
      .map((d) => this.site.deviceTags(d.id)!);
  }

  private container(caller: Caller, id: string): Container {
    if (!this.scope.canSeeContainer(caller, id)) throw new NotFoundException(`no shipment "${id}"`);
    return this.scope.containersOf(caller).find((c) => c.id === id)!;
  }
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

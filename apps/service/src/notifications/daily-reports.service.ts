import { CARGO_PROFILES, mergeProfile, shipmentProfile, type Shipment } from '@jct/rules';
import type { MetricName } from '@jct/contract';
import type { RawPoint, TelemetryStore } from '@jct/storage';
import type { Person } from '@jct/site-config';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { join } from 'node:path';
import { Clock, type Timer } from '../clock/clock';
import { AppConfig } from '../config/app-config';
import { ForecastEvaluator } from '../forecast/forecast-evaluator';
import { ShipmentBook } from '../shipments/shipment-book';
import { SiteRegistry } from '../site/site-registry';
import { TELEMETRY_STORE } from '../storage/telemetry-store.provider';
import { composeReportMail, dailyMkt, summarise, type Sample, type ShipmentReport } from './daily-report';
import { localTime, previousDate, startOfLocalDay } from './local-day';
import { NotificationService } from './notification.service';
import { ReportCoverage } from './report-coverage';

/** A day of one metric: far above what a tracker sends (one a minute is 1,440). */
const MAX_POINTS_PER_DAY = 100_000;

/**
 * The daily condition report per shipment: at NOTIFY_REPORT_TIME in each cargo owner
 * person's own time zone, yesterday's (their calendar day) temperature and humidity against the
 * profile, time out of range and, for pharma, the mean kinetic temperature. A timer checks every
 * minute and once shortly after start, so a report due while the service was down goes out late
 * rather than never; the outbox key (container, day, person) sends each one once. Only days the
 * service was running and the shipment existed are reported (ReportCoverage): no report on the
 * first start for the day before.
 */
@Injectable()
export class DailyReports implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DailyReports');
  private running = false;
  private coverage?: ReportCoverage;
  private timers: Timer[] = [];

  constructor(
    private readonly config: AppConfig,
    private readonly site: SiteRegistry,
    @Inject(TELEMETRY_STORE) private readonly store: TelemetryStore,
    private readonly notifications: NotificationService,
    private readonly clock: Clock,
    private readonly book: ShipmentBook,
    private readonly forecasts: ForecastEvaluator,
  ) {}

  onApplicationBootstrap(): void {
    // Recorded even with reports off, so that turning them on later covers the days already run.
    this.coverage = new ReportCoverage(
      join(this.config.dataDir, 'reports', 'coverage.json'),
      this.site.config.assets.filter((asset) => asset.type === 'container').map((asset) => asset.id),
      this.clock.now(),
    );
    if (this.config.mail.reportAtMinute === undefined) return;
    this.timers = [
      // Shortly after start, once the spool has had a moment to hand the store what it held.
      this.clock.after(5_000, () => this.run()),
      this.clock.every(60_000, () => this.run()),
    ];
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers) timer.cancel();
  }

  /** Queues every report that is due and not queued yet; returns how many it queued. */
  async run(now = this.clock.now()): Promise<number> {
    const reportAt = this.config.mail.reportAtMinute;
    if (reportAt === undefined || this.running) return 0;
    this.running = true;
    let queued = 0;
    try {
      const { config } = this.site;
      for (const person of config.people.filter((p) => p.role === 'cargo-owner' && p.owner)) {
        const local = localTime(now, person.timezone);
        if (local.minuteOfDay < reportAt) continue;
        const day = previousDate(local.date);
        const from = startOfLocalDay(day, person.timezone);
        const to = startOfLocalDay(local.date, person.timezone);
        for (const asset of config.assets) {
          if (asset.type !== 'container' || asset.owner !== person.owner) continue;
          if (!this.coverage?.covers(asset.id, to)) continue;
          for (const device of this.site
            .allDevices()
            .filter((d) => d.asset === asset.id && d.kind === 'container')) {
            const key = `report:${device.id}:${day}:${person.id}`;
            if (this.notifications.outbox.has(key)) continue;
            const base = CARGO_PROFILES[asset.cargoProfile];
            const profile = asset.limits ? mergeProfile(base, asset.limits) : base;
            const temperatures = await this.samples(device.id, 'tempC', from, to);
            const humidities = await this.samples(device.id, 'humidityPct', from, to);
            const report: ShipmentReport = {
              containerId: device.id,
              isoNumber: asset.isoNumber,
              profile,
              day,
              temperature: summarise(temperatures, profile.tempC, to),
              humidity: summarise(humidities, profile.humidityPct, to),
              mktC: profile.mkt ? dailyMkt(temperatures) : undefined,
              outlook: this.outlookOf(this.book.get(asset.id), device.id),
            };
            const mail = composeReportMail(report, person, this.config.mail.publicUrl);
            if (this.notifications.queue(person, key, mail)) queued += 1;
          }
        }
        for (const shipment of this.book.ownedBy(person.owner!))
          queued += await this.reportRegistered(shipment, person, day, from, to);
      }
      // Awaited, so the run ends when the round it started does: none still in flight when the
      // next round is due (a settable clock in the tests runs them back to back).
      if (queued > 0) await this.notifications.sendDue();
    } catch (error) {
      // The store may be down: the next minute tries again, and the keys keep it to once.
      this.logger.warn(`daily reports postponed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
    return queued;
  }

  /**
   * The reports of a shipment registered through the API for one day: the part of the day inside
   * the shipment's own time (a tracker's readings before or after it belong to other journeys), so
   * a shipment that ended keeps its reports and the tracker's next shipment starts its own.
   */
  private async reportRegistered(
    shipment: Shipment,
    person: Person,
    day: string,
    dayStart: number,
    dayEnd: number,
  ): Promise<number> {
    if (shipment.origin === 'yaml' || shipment.startedAt === undefined) return 0;
    const from = Math.max(dayStart, shipment.startedAt);
    const to = Math.min(dayEnd, shipment.endedAt ?? Infinity);
    if (from >= to) return 0;
    // Checked when the shipment was registered: the profile exists and the overrides fit.
    const profile = shipmentProfile(CARGO_PROFILES[shipment.cargoProfile], shipment.overrides);
    let queued = 0;
    for (const tracker of shipment.trackers) {
      if (!this.site.deviceTags(tracker)) continue;
      const key = `report:${shipment.id}:${tracker}:${day}:${person.id}`;
      if (this.notifications.outbox.has(key)) continue;
      const temperatures = await this.samples(tracker, 'tempC', from, to);
      const humidities = await this.samples(tracker, 'humidityPct', from, to);
      const report: ShipmentReport = {
        containerId: shipment.id,
        isoNumber: shipment.containerNumber,
        profile,
        day,
        temperature: summarise(temperatures, profile.tempC, to),
        humidity: summarise(humidities, profile.humidityPct, to),
        mktC: profile.mkt ? dailyMkt(temperatures) : undefined,
        outlook: this.outlookOf(shipment, tracker),
      };
      if (
        this.notifications.queue(person, key, composeReportMail(report, person, this.config.mail.publicUrl))
      )
        queued += 1;
    }
    return queued;
  }

  /** The forecast's advice at the tracker's latest reading, for a shipment still on its way. */
  private outlookOf(shipment: Shipment | undefined, deviceId: string): ShipmentReport['outlook'] {
    if (!shipment || shipment.endedAt !== undefined) return undefined;
    const outlook = this.forecasts.outlook(shipment, deviceId);
    if (!outlook) return undefined;
    const { minutesToLimit, batteryHoursLeft, hoursToArrival } = outlook;
    return { minutesToLimit, batteryHoursLeft, hoursToArrival };
  }

  private async samples(deviceId: string, metric: MetricName, from: number, to: number): Promise<Sample[]> {
    const device = this.site.deviceTags(deviceId)!;
    const points = (await this.store.range({
      device,
      metric,
      from,
      to,
      limit: MAX_POINTS_PER_DAY,
    })) as RawPoint[];
    return points.flatMap((p) => (typeof p.value === 'number' ? [{ ts: p.ts, value: p.value }] : []));
  }
}

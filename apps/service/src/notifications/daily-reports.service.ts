import { CARGO_PROFILES, mergeProfile } from '@jct/rules';
import type { MetricName } from '@jct/contract';
import type { RawPoint, TelemetryStore } from '@jct/storage';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Cron, SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config';
import { SiteRegistry } from '../site/site-registry';
import { TELEMETRY_STORE } from '../storage/telemetry-store.provider';
import { composeReportMail, dailyMkt, summarise, type Sample, type ShipmentReport } from './daily-report';
import { localTime, previousDate, startOfLocalDay } from './local-day';
import { NotificationService } from './notification.service';

/** A day of one metric: far above what a tracker sends (one a minute is 1,440). */
const MAX_POINTS_PER_DAY = 100_000;

/**
 * The daily condition report per shipment: at NOTIFY_REPORT_TIME in each cargo owner
 * person's own time zone, yesterday's (their calendar day) temperature and humidity against the
 * profile, time out of range and, for pharma, the mean kinetic temperature. A cron checks every
 * minute and once shortly after start, so a report due while the service was down goes out late
 * rather than never; the outbox key (container, day, person) sends each one once.
 */
@Injectable()
export class DailyReports implements OnApplicationBootstrap {
  private readonly logger = new Logger('DailyReports');
  private running = false;

  constructor(
    private readonly config: AppConfig,
    private readonly site: SiteRegistry,
    @Inject(TELEMETRY_STORE) private readonly store: TelemetryStore,
    private readonly notifications: NotificationService,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.mail.reportAtMinute === undefined) return;
    // Shortly after start, once the spool has had a moment to hand the store what it held.
    this.scheduler.addTimeout(
      'daily-shipment-reports-at-start',
      setTimeout(() => void this.run(), 5_000),
    );
  }

  @Cron('0 * * * * *', { name: 'daily-shipment-reports' })
  tick(): void {
    void this.run();
  }

  /** Queues every report that is due and not queued yet; returns how many it queued. */
  async run(now = Date.now()): Promise<number> {
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
            };
            const mail = composeReportMail(report, person, this.config.mail.publicUrl);
            if (this.notifications.queue(person, key, mail)) queued += 1;
          }
        }
      }
      if (queued > 0) void this.notifications.sendDue();
    } catch (error) {
      // The store may be down: the next minute tries again, and the keys keep it to once.
      this.logger.warn(`daily reports postponed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
    return queued;
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

import { Clock } from '../clock/clock';
import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import type { CrossingState, StationSnapshot } from '@jct/rules';
import { AlertStore } from '../alerts/alert-store';
import { CrossingMonitor } from '../crossings/crossing-monitor.service';
import { MessageBus } from '../broker/message-bus';
import { LeadershipService } from '../leadership/leadership.service';
import { NotificationService } from '../notifications/notification.service';
import { MetricsService } from './metrics.service';

const CROSSING_STATES: CrossingState[] = ['open', 'restricted', 'closed', 'unknown'];

/**
 * Gauges of the domain, read from the services at scrape time (nothing to keep in step). Labels
 * are bounded by the site configuration: rules, severities, crossings, stations.
 */
@Injectable()
export class DomainMetrics {
  constructor(
    metrics: MetricsService,
    alerts: AlertStore,
    crossings: CrossingMonitor,
    notifications: NotificationService,
    bus: MessageBus,
    clock: Clock,
    leadership: LeadershipService,
  ) {
    const registers = [metrics.registry];
    new Gauge({
      name: 'jct_leader',
      help: 'Role of this instance: 1 while it leads (evaluates rules, sends mail), 0 while it stands by',
      registers,
      collect() {
        this.set(leadership.role === 'leader' ? 1 : 0);
      },
    });
    new Gauge({
      name: 'jct_leader_lease_age_seconds',
      help: 'How long this instance has led without a break (0 while it stands by)',
      registers,
      collect() {
        this.set(leadership.leaseAgeSeconds);
      },
    });
    new Gauge({
      name: 'jct_leader_acquisitions',
      help: 'Times this instance became leader since it started (a rise on a standby is a failover)',
      registers,
      collect() {
        this.set(leadership.acquisitions);
      },
    });
    new Gauge({
      name: 'jct_alerts_firing',
      help: 'Unresolved alerts (firing or acknowledged), by rule and severity',
      labelNames: ['rule', 'severity'] as const,
      registers,
      collect() {
        this.reset();
        for (const alert of alerts.list({ state: 'active' }))
          this.inc({ rule: alert.ruleId, severity: alert.severity });
      },
    });
    new Gauge({
      name: 'jct_crossing_status',
      help: 'Status of each ice crossing: 1 for the current status, 0 for the others',
      labelNames: ['crossing', 'status'] as const,
      registers,
      collect() {
        for (const view of crossings.iceCrossings()) {
          const current = view.status?.status ?? 'unknown';
          for (const status of CROSSING_STATES)
            this.set({ crossing: view.crossing.id, status }, status === current ? 1 : 0);
        }
      },
    });
    new Gauge({
      name: 'jct_crossing_allowed_gross_tonnes',
      help: 'Largest gross vehicle mass each ice crossing allows now (0 unless open or restricted)',
      labelNames: ['crossing'] as const,
      registers,
      collect() {
        for (const view of crossings.iceCrossings())
          this.set({ crossing: view.crossing.id }, view.status?.maxGrossTonnes ?? 0);
      },
    });
    new Gauge({
      name: 'jct_station_newest_reading_age_seconds',
      help: 'Age of the newest reading of each ice station, by device time (+Inf: none yet)',
      labelNames: ['crossing', 'station'] as const,
      registers,
      collect() {
        const now = clock.now();
        for (const view of crossings.iceCrossings()) {
          for (const snapshot of view.stations.values()) {
            const newest = newestReading(snapshot);
            this.set(
              { crossing: view.crossing.id, station: snapshot.deviceId },
              newest === undefined ? Infinity : Math.max(0, now - newest) / 1000,
            );
          }
        }
      },
    });
    new Gauge({
      name: 'jct_notification_outbox_queued',
      help: 'E-mails queued in the outbox, not yet sent',
      registers,
      collect() {
        this.set(notifications.outbox.list({ status: 'queued' }).length);
      },
    });
    // Only the embedded broker knows who is connected; with an external broker ask that broker.
    if (bus.connectedDevices() !== undefined) {
      new Gauge({
        name: 'jct_mqtt_connected_devices',
        help: 'Devices of the site configuration connected to the embedded broker',
        registers,
        collect() {
          this.set(bus.connectedDevices() ?? 0);
        },
      });
    }
  }
}

function newestReading(snapshot: StationSnapshot): number | undefined {
  const times = [snapshot.iceThicknessCm, snapshot.whiteIceCm, snapshot.overflow, snapshot.crackWidthMm]
    .filter((sample) => sample !== undefined)
    .map((sample) => sample.ts);
  return times.length > 0 ? Math.max(...times) : undefined;
}

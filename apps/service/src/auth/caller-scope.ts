import { Injectable } from '@nestjs/common';
import { isActive, ruleTells } from '@jct/rules';
import type { Asset } from '@jct/site-config';
import type { Alert } from '../alerts/alert';
import { ShipmentBook } from '../shipments/shipment-book';
import { SiteRegistry } from '../site/site-registry';
import type { Caller } from './caller';

type Container = Extract<Asset, { type: 'container' }>;

/**
 * What each caller may see. Operators and admins: everything operational. Engineers: devices and
 * device health (the alerts whose rule tells the engineers: device alerts, silent stations). Cargo owners: only the containers
 * of their owner, the devices on them and those devices' alerts. Anything else is answered as if
 * it did not exist (404), so a key cannot learn what another owner ships.
 */
@Injectable()
export class CallerScope {
  private readonly containers: Map<string, Container>;

  constructor(
    private readonly site: SiteRegistry,
    private readonly book: ShipmentBook,
  ) {
    this.containers = new Map(
      site.config.assets.filter((a): a is Container => a.type === 'container').map((a) => [a.id, a]),
    );
  }

  /** The owner of the container a device sits on; undefined for any other device. */
  ownerOfDevice(deviceId: string): string | undefined {
    // Read through the registry: a device provisioned at run time is scoped like a configured one.
    const asset = this.site.device(deviceId)?.asset;
    return asset === undefined ? undefined : this.containers.get(asset)?.owner;
  }

  canSeeDevice(caller: Caller, deviceId: string): boolean {
    if (caller.role !== 'cargo-owner') return true;
    if (this.ownerOfDevice(deviceId) === caller.owner) return true;
    // A tracker attached to one of the owner's run-time shipments, while that shipment is active.
    return this.book
      .visibleTo(caller)
      .some((shipment) => isActive(shipment) && shipment.trackers.includes(deviceId));
  }

  canSeeContainer(caller: Caller, containerId: string): boolean {
    const container = this.containers.get(containerId);
    if (!container) return false;
    return caller.role !== 'cargo-owner' || container.owner === caller.owner;
  }

  containersOf(caller: Caller): Container[] {
    return [...this.containers.values()].filter((c) => this.canSeeContainer(caller, c.id));
  }

  canSeeAlert(caller: Caller, alert: Pick<Alert, 'ruleId' | 'subjectId' | 'shipmentId'>): boolean {
    switch (caller.role) {
      case 'admin':
      case 'operator':
        return true;
      case 'engineer':
        return ruleTells(alert.ruleId, 'engineers');
      case 'cargo-owner':
        return caller.owner !== undefined && this.ownerOfAlert(alert) === caller.owner;
    }
  }

  /** The owner an alert belongs to: its shipment's, or (older alerts) that of its device's container. */
  ownerOfAlert(alert: Pick<Alert, 'subjectId' | 'shipmentId'>): string | undefined {
    if (alert.shipmentId !== undefined) {
      const shipment = this.book.get(alert.shipmentId);
      if (shipment) return shipment.owner;
    }
    return this.ownerOfDevice(alert.subjectId);
  }

  /** Crossing status and station readings: the people who run the crossing. */
  canSeeCrossings(caller: Caller): boolean {
    return caller.role === 'operator' || caller.role === 'admin' || caller.role === 'engineer';
  }
}

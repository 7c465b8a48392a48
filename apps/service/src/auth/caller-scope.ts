import { Injectable } from '@nestjs/common';
import { ruleTells } from '@jct/rules';
import type { Asset } from '@jct/site-config';
import type { Alert } from '../alerts/alert';
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
  constructor(private readonly site: SiteRegistry) {
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
    return this.ownerOfDevice(deviceId) === caller.owner;
  }

  canSeeContainer(caller: Caller, containerId: string): boolean {
    const container = this.containers.get(containerId);
    if (!container) return false;
    return caller.role !== 'cargo-owner' || container.owner === caller.owner;
  }

  containersOf(caller: Caller): Container[] {
    return [...this.containers.values()].filter((c) => this.canSeeContainer(caller, c.id));
  }

  canSeeAlert(caller: Caller, alert: Pick<Alert, 'ruleId' | 'subjectId'>): boolean {
    switch (caller.role) {
      case 'admin':
      case 'operator':
        return true;
      case 'engineer':
        return ruleTells(alert.ruleId, 'engineers');
      case 'cargo-owner':
        return caller.owner !== undefined && this.ownerOfDevice(alert.subjectId) === caller.owner;
    }
  }

  /** Crossing status and station readings: the people who run the crossing. */
  canSeeCrossings(caller: Caller): boolean {
    return caller.role === 'operator' || caller.role === 'admin' || caller.role === 'engineer';
  }
}

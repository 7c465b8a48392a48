import { Injectable } from '@nestjs/common';
import { isActive, shipmentOwning, type Shipment } from '@jct/rules';
import type { Caller } from '../auth/caller';
import { SiteRegistry } from '../site/site-registry';
import { holdKeys } from './shipment-repository';
import { yamlShipments } from './yaml-shipments';

/**
 * Every shipment in memory — the YAML-declared ones and those of the state store — for the lookups
 * on every reading (`owning`) and for scoping. The state store is the truth; ShipmentRegistry
 * updates this book after each committed change.
 */
@Injectable()
export class ShipmentBook {
  private readonly shipments = new Map<string, Shipment>();
  /** Every shipment a tracker was ever attached to: the lookup on every reading stays O(its shipments). */
  private readonly byTracker = new Map<string, Shipment[]>();

  constructor(private readonly site: SiteRegistry) {
    for (const shipment of yamlShipments(site.config)) this.put(shipment);
  }

  /**
   * Adds the stored shipments at boot. A stored active shipment holding a container or tracker that
   * a YAML shipment declares is a conflict the operator must settle: refuse to start, naming both.
   */
  load(stored: Shipment[]): void {
    const yamlHolds = new Map<string, string>();
    for (const shipment of this.shipments.values()) {
      for (const key of holdKeys(shipment)) yamlHolds.set(key, shipment.id);
    }
    const conflicts = stored.filter(isActive).flatMap((shipment) =>
      holdKeys(shipment).flatMap((key) => {
        const yamlId = yamlHolds.get(key);
        return yamlId
          ? [
              `${key.replace(':', ' ')} is held by site YAML shipment ${yamlId} and stored shipment ${shipment.id}`,
            ]
          : [];
      }),
    );
    if (conflicts.length > 0) {
      throw new Error(
        `shipments conflict with the site configuration: ${conflicts.join('; ')}. ` +
          'Remove the container from the YAML, or cancel the stored shipment before declaring it there.',
      );
    }
    for (const shipment of stored) this.put(shipment);
  }

  put(shipment: Shipment): void {
    const previous = this.shipments.get(shipment.id);
    for (const tracker of previous?.trackers ?? []) {
      const list = this.byTracker.get(tracker)!.filter((s) => s.id !== shipment.id);
      if (list.length > 0) this.byTracker.set(tracker, list);
      else this.byTracker.delete(tracker);
    }
    this.shipments.set(shipment.id, shipment);
    for (const tracker of shipment.trackers)
      this.byTracker.set(tracker, [...(this.byTracker.get(tracker) ?? []), shipment]);
  }

  get(id: string): Shipment | undefined {
    return this.shipments.get(id);
  }

  /** A YAML shipment holding this key (container or tracker), if any. */
  yamlHolder(key: string): Shipment | undefined {
    return [...this.shipments.values()].find((s) => s.origin === 'yaml' && holdKeys(s).includes(key));
  }

  /** The shipments a caller may see: a cargo owner their owner's; everyone else all of them. */
  visibleTo(caller: Caller): Shipment[] {
    return [...this.shipments.values()].filter((s) => canSee(caller, s));
  }

  /** Every shipment of one cargo owner, declared or registered. */
  ownedBy(owner: string): Shipment[] {
    return [...this.shipments.values()].filter((s) => s.owner === owner);
  }

  /** The shipment, or undefined when it does not exist or the caller may not see it. */
  visible(caller: Caller, id: string): Shipment | undefined {
    const shipment = this.shipments.get(id);
    return shipment && canSee(caller, shipment) ? shipment : undefined;
  }

  /** The shipment that owns a tracker's reading at `ts` (see `ownsReading`). */
  owning(trackerId: string, ts: number): Shipment | undefined {
    const shipments = this.byTracker.get(trackerId);
    const owning = shipments && shipmentOwning(shipments, trackerId, ts);
    if (owning) return owning;
    // A tracker provisioned at run time onto a container the site YAML declares rides with that
    // container's YAML shipment, as a tracker declared there would.
    const asset = this.site.device(trackerId)?.asset;
    const declared = asset === undefined ? undefined : this.shipments.get(asset);
    return declared?.origin === 'yaml' ? declared : undefined;
  }
}

function canSee(caller: Caller, shipment: Shipment): boolean {
  return caller.role !== 'cargo-owner' || (caller.owner !== undefined && shipment.owner === caller.owner);
}

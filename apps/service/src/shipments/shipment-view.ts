import type { PlannedLeg, Shipment } from '@jct/rules';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** A shipment as the API shows it: times in ISO 8601 UTC; `isoNumber` and `devices` kept for older clients. */
export function shipmentView(shipment: Shipment) {
  return {
    id: shipment.id,
    containerNumber: shipment.containerNumber,
    isoNumber: shipment.containerNumber,
    owner: shipment.owner,
    cargoProfile: shipment.cargoProfile,
    overrides: shipment.overrides,
    trackers: shipment.trackers,
    devices: shipment.trackers,
    legs: shipment.legs.map(legView),
    description: shipment.description,
    state: shipment.state,
    origin: shipment.origin,
    createdAt: iso(shipment.createdAt),
    startedAt: iso(shipment.startedAt),
    endedAt: iso(shipment.endedAt),
  };
}

const legView = (leg: PlannedLeg) => ({ ...leg, departAt: iso(leg.departAt), arriveAt: iso(leg.arriveAt) });

import type { LimitOverrides } from './limit-overrides';

/** The stages of the Skovorodino – Jalinda – Mohe route a shipment plans, in travel order. */
export const LEG_MODES = ['rail', 'truck', 'crossing', 'onward'] as const;
export type LegMode = (typeof LEG_MODES)[number];

/** One planned leg: how, from where to where, and when it should depart and arrive (epoch ms, UTC). */
export interface PlannedLeg {
  mode: LegMode;
  from: string;
  to: string;
  departAt: number;
  arriveAt: number;
}

export const SHIPMENT_STATES = ['planned', 'in_transit', 'delivered', 'cancelled'] as const;
export type ShipmentState = (typeof SHIPMENT_STATES)[number];

/** What a caller states about a shipment; the shape is checked at the edge, the meaning by `shipmentDraftProblems`. */
export interface ShipmentDraft {
  /** ISO 6346 container number, check digit validated. */
  containerNumber: string;
  owner: string;
  cargoProfile: string;
  /** Narrowings of the cargo profile's limits for this shipment (see `limitOverrideProblems`). */
  overrides: LimitOverrides;
  trackers: string[];
  legs: PlannedLeg[];
  description?: string;
}

/** Where a shipment record came from: the site YAML (read-only here) or the API. */
export type ShipmentOrigin = 'yaml' | 'api';

/**
 * A shipment: one container's journey for one cargo owner. The trackers are attached for this
 * journey only; the readings the shipment owns are those of its trackers between `startedAt` and
 * `endedAt` (see `ownsReading`).
 */
export interface Shipment extends ShipmentDraft {
  id: string;
  state: ShipmentState;
  origin: ShipmentOrigin;
  createdAt: number;
  /** When it went in transit: the first reading it owns. */
  startedAt?: number;
  /** When it was delivered or cancelled: readings from then on belong to it no more. */
  endedAt?: number;
}

/** A shipment holds its container and trackers while planned or in transit. */
export function isActive(shipment: Pick<Shipment, 'state'>): boolean {
  return shipment.state === 'planned' || shipment.state === 'in_transit';
}

/**
 * Whether a reading at `ts` is this shipment's: from the moment it went in transit until (not
 * including) the moment it was delivered or cancelled. A planned shipment owns no reading yet —
 * a tracker lying in a yard before loading would otherwise raise excursions against the cargo.
 */
export function ownsReading(shipment: Pick<Shipment, 'startedAt' | 'endedAt'>, ts: number): boolean {
  if (shipment.startedAt === undefined || ts < shipment.startedAt) return false;
  return shipment.endedAt === undefined || ts < shipment.endedAt;
}

/** The shipment a tracker's reading at `ts` belongs to, if any. Windows of one tracker never overlap. */
export function shipmentOwning<S extends Pick<Shipment, 'trackers' | 'startedAt' | 'endedAt'>>(
  shipments: Iterable<S>,
  trackerId: string,
  ts: number,
): S | undefined {
  for (const shipment of shipments) {
    if (shipment.trackers.includes(trackerId) && ownsReading(shipment, ts)) return shipment;
  }
  return undefined;
}

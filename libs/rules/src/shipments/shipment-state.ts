import type { Shipment, ShipmentState } from './shipment';

/**
 * The shipment state machine:
 *
 *   planned ──start──▶ in_transit ──deliver──▶ delivered
 *      │                   │
 *      └──────cancel───────┴──────cancel─────▶ cancelled
 *
 * - start: the container left with its trackers; from now its trackers' readings are judged
 *   against its profile (`startedAt`).
 * - deliver: it arrived; its trackers are free for another shipment (`endedAt`). Only a shipment in
 *   transit can be delivered: one that never left was not delivered, it was cancelled.
 * - cancel: the journey will not happen or was abandoned on the way; `endedAt` as for delivery.
 * delivered and cancelled are final: a shipment's history is not reopened; the next journey of the
 * same container is a new shipment.
 */
export const SHIPMENT_ACTIONS = ['start', 'deliver', 'cancel'] as const;
export type ShipmentAction = (typeof SHIPMENT_ACTIONS)[number];

const TRANSITIONS: Record<ShipmentAction, { from: readonly ShipmentState[]; to: ShipmentState }> = {
  start: { from: ['planned'], to: 'in_transit' },
  deliver: { from: ['in_transit'], to: 'delivered' },
  cancel: { from: ['planned', 'in_transit'], to: 'cancelled' },
};

export type TransitionResult = { ok: true; shipment: Shipment } | { ok: false; problem: string };

/** Applies `action` at `at` (epoch ms); a refused transition says why. The input is not changed. */
export function transition(shipment: Shipment, action: ShipmentAction, at: number): TransitionResult {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(shipment.state)) {
    return {
      ok: false,
      problem: `a shipment that is ${shipment.state.replace('_', ' ')} cannot ${action}; allowed from ${rule.from.join(' or ')}`,
    };
  }
  if (action === 'start') return { ok: true, shipment: { ...shipment, state: rule.to, startedAt: at } };
  if (shipment.startedAt !== undefined && at < shipment.startedAt) {
    return { ok: false, problem: `cannot ${action} before the shipment started` };
  }
  return { ok: true, shipment: { ...shipment, state: rule.to, endedAt: at } };
}

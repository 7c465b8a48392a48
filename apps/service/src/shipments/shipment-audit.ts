import type { StateQueries } from '@jct/storage';

export interface ShipmentAuditEntry {
  at: number;
  /** Who: the person the caller's key belongs to. */
  personId: string;
  shipmentId: string;
  action: 'create' | 'update' | 'start' | 'deliver' | 'cancel' | 'import';
  before?: object;
  after?: object;
}

/**
 * Records a shipment change in the same transaction as the change. A shipment holds no secret, so
 * before and after are kept whole. The registry's general audit log replaces this writer when it
 * lands; the entries carry the same fields.
 */
export async function auditShipmentChange(tx: StateQueries, entry: ShipmentAuditEntry): Promise<void> {
  await tx.run(
    'INSERT INTO shipment_audit (changed_at, person_id, shipment_id, action, before_json, after_json) VALUES ($1, $2, $3, $4, $5, $6)',
    [
      entry.at,
      entry.personId,
      entry.shipmentId,
      entry.action,
      entry.before ? JSON.stringify(entry.before) : null,
      entry.after ? JSON.stringify(entry.after) : null,
    ],
  );
}

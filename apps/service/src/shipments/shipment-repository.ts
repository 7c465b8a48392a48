import { Inject, Injectable } from '@nestjs/common';
import type { Shipment, ShipmentState } from '@jct/rules';
import type { StateQueries, StateStore } from '@jct/storage';
import { STATE_STORE } from '../storage/state-store.provider';

interface ShipmentRow {
  id: string;
  container_number: string;
  owner: string;
  cargo_profile: string;
  overrides: string;
  trackers: string;
  legs: string;
  description: string | null;
  state: string;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
}

const COLUMNS =
  'id, container_number, owner, cargo_profile, overrides, trackers, legs, description, state, created_at, started_at, ended_at';

/** A container number or tracker already held by another active shipment. */
export class HoldConflict extends Error {
  constructor(
    readonly key: string,
    readonly holder: string,
  ) {
    super(`${key.replace(':', ' ')} is held by active shipment ${holder}`);
  }
}

/** The holds an active shipment takes: its container number and each tracker. */
export function holdKeys(shipment: Pick<Shipment, 'containerNumber' | 'trackers'>): string[] {
  return [`container:${shipment.containerNumber}`, ...shipment.trackers.map((t) => `tracker:${t}`)];
}

/**
 * Shipments created through the API, in the state store. Every method takes the transaction it
 * runs in: a change, its holds and its audit entry commit together or not at all.
 */
@Injectable()
export class ShipmentRepository {
  constructor(@Inject(STATE_STORE) readonly store: StateStore) {}

  async all(): Promise<Shipment[]> {
    const rows = await this.store.all<ShipmentRow>(
      `SELECT ${COLUMNS} FROM shipments ORDER BY created_at, id`,
    );
    return rows.map(fromRow);
  }

  async nextId(tx: StateQueries): Promise<string> {
    const [row] = await tx.all<{ id: number }>(`SELECT nextval('shipment_ids') AS id`);
    return `shp-${Number(row.id)}`;
  }

  async insert(tx: StateQueries, shipment: Shipment): Promise<void> {
    await tx.run(
      `INSERT INTO shipments (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      toRow(shipment),
    );
  }

  async update(tx: StateQueries, shipment: Shipment): Promise<void> {
    const [id, ...rest] = toRow(shipment);
    await tx.run(
      `UPDATE shipments SET container_number = $2, owner = $3, cargo_profile = $4, overrides = $5,
         trackers = $6, legs = $7, description = $8, state = $9, created_at = $10, started_at = $11,
         ended_at = $12 WHERE id = $1`,
      [id, ...rest],
    );
  }

  /** Takes `keys` for `shipmentId`; throws HoldConflict naming the first key another shipment holds. */
  async hold(tx: StateQueries, shipmentId: string, keys: string[]): Promise<void> {
    for (const key of keys) {
      const [holder] = await tx.all<{ shipment_id: string }>(
        'SELECT shipment_id FROM shipment_holds WHERE key = $1',
        [key],
      );
      if (holder && holder.shipment_id !== shipmentId) throw new HoldConflict(key, holder.shipment_id);
      if (!holder)
        await tx.run('INSERT INTO shipment_holds (key, shipment_id) VALUES ($1, $2)', [key, shipmentId]);
    }
  }

  async release(tx: StateQueries, shipmentId: string, keys: string[]): Promise<void> {
    for (const key of keys) {
      await tx.run('DELETE FROM shipment_holds WHERE key = $1 AND shipment_id = $2', [key, shipmentId]);
    }
  }
}

function toRow(s: Shipment) {
  return [
    s.id,
    s.containerNumber,
    s.owner,
    s.cargoProfile,
    JSON.stringify(s.overrides),
    JSON.stringify(s.trackers),
    JSON.stringify(s.legs),
    s.description ?? null,
    s.state,
    s.createdAt,
    s.startedAt ?? null,
    s.endedAt ?? null,
  ];
}

function fromRow(row: ShipmentRow): Shipment {
  return {
    id: row.id,
    containerNumber: row.container_number,
    owner: row.owner,
    cargoProfile: row.cargo_profile,
    overrides: JSON.parse(row.overrides) as Shipment['overrides'],
    trackers: JSON.parse(row.trackers) as string[],
    legs: JSON.parse(row.legs) as Shipment['legs'],
    ...(row.description !== null ? { description: row.description } : {}),
    state: row.state as ShipmentState,
    origin: 'api',
    createdAt: Number(row.created_at),
    ...(row.started_at !== null ? { startedAt: Number(row.started_at) } : {}),
    ...(row.ended_at !== null ? { endedAt: Number(row.ended_at) } : {}),
  };
}

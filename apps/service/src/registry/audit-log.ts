import { Inject, Injectable } from '@nestjs/common';
import type { StateQueries, StateStore, StateValue } from '@jct/storage';
import { STATE_STORE } from '../storage/state-store.provider';

/** One change of the registry: who (the key's person), when, what, before and after. */
export interface AuditEntry {
  id: number;
  at: string;
  who: string;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Who, which entity and which time range; newest first, at most `limit`. */
export interface AuditFilter {
  who?: string;
  entity?: string;
  entityId?: string;
  from?: number;
  to?: number;
  limit: number;
}

interface AuditRow {
  id: number;
  changed_at: number;
  who: string;
  action: string;
  entity: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
}

/**
 * The audit log in the state store. An entry is written inside the transaction of the change it
 * describes, so a change is never there without its entry (nor the other way round). Callers pass
 * records without secrets: the log holds what changed, never a secret or its hash.
 */
@Injectable()
export class AuditLog {
  constructor(@Inject(STATE_STORE) private readonly store: StateStore) {}

  async record(tx: StateQueries, entry: Omit<AuditEntry, 'id' | 'at'> & { at: number }): Promise<void> {
    await tx.run(
      `INSERT INTO audit_log (id, changed_at, who, action, entity, entity_id, before_json, after_json)
       VALUES (nextval('audit_log_ids'), $1, $2, $3, $4, $5, $6, $7)`,
      [
        entry.at,
        entry.who,
        entry.action,
        entry.entity,
        entry.entityId,
        entry.before === undefined ? null : JSON.stringify(entry.before),
        entry.after === undefined ? null : JSON.stringify(entry.after),
      ],
    );
  }

  /** Newest first. */
  async list(filter: AuditFilter): Promise<AuditEntry[]> {
    const where: string[] = [];
    const params: StateValue[] = [];
    const add = (clause: string, value: StateValue) => {
      params.push(value);
      where.push(clause.replace('?', `$${params.length}`));
    };
    if (filter.who !== undefined) add('who = ?', filter.who);
    if (filter.entity !== undefined) add('entity = ?', filter.entity);
    if (filter.entityId !== undefined) add('entity_id = ?', filter.entityId);
    if (filter.from !== undefined) add('changed_at >= ?', filter.from);
    if (filter.to !== undefined) add('changed_at < ?', filter.to);
    params.push(filter.limit);
    const rows = await this.store.all<AuditRow>(
      `SELECT id, changed_at, who, action, entity, entity_id, before_json, after_json FROM audit_log
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((row) => ({
      id: Number(row.id),
      at: new Date(Number(row.changed_at)).toISOString(),
      who: row.who,
      action: row.action,
      entity: row.entity,
      entityId: row.entity_id,
      before: row.before_json === null ? undefined : (JSON.parse(row.before_json) as unknown),
      after: row.after_json === null ? undefined : (JSON.parse(row.after_json) as unknown),
    }));
  }
}

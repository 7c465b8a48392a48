import {
  BadRequestException,
  ConflictException,
  HttpException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import {
  CARGO_PROFILES,
  isActive,
  shipmentDraftProblems,
  transition,
  type FieldProblem,
  type Shipment,
  type ShipmentAction,
  type ShipmentDraft,
} from '@jct/rules';
import type { StateQueries } from '@jct/storage';
import type { Caller } from '../auth/caller';
import { Clock } from '../clock/clock';
import { SiteRegistry } from '../site/site-registry';
import { auditShipmentChange, type ShipmentAuditEntry } from './shipment-audit';
import type { FileEntry } from './shipment-files';
import { ShipmentBook } from './shipment-book';
import {
  createShipmentBody,
  parseBody,
  problemLines,
  updateShipmentBody,
  type ShipmentChanges,
} from './shipment-input';
import { holdKeys, HoldConflict, ShipmentRepository } from './shipment-repository';

/** Fields that are the journey's identity: fixed once the container has left. */
const FIXED_IN_TRANSIT = ['containerNumber', 'cargoProfile', 'trackers'] as const;

/**
 * Registers, edits and closes shipments. Each change is validated whole, then written in one
 * state-store transaction with its holds and audit entry, then put in the ShipmentBook. Changes
 * run one at a time (`serial`), so the book read at the start of a change is the committed state.
 */
@Injectable()
export class ShipmentRegistry {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly repository: ShipmentRepository,
    private readonly book: ShipmentBook,
    private readonly site: SiteRegistry,
    private readonly clock: Clock,
  ) {}

  create(caller: Caller, body: unknown): Promise<Shipment> {
    const parsed = parseBody(createShipmentBody, body);
    if (!parsed.ok) throw new BadRequestException(problemLines(parsed.problems));
    const { owner: wantedOwner, ...rest } = parsed.value;
    const owner = this.ownerFor(caller, wantedOwner);
    const draft: ShipmentDraft = { ...rest, owner };
    return this.serial(async () => {
      this.check(draft);
      const [shipment] = await this.insertAll(caller, [draft], 'create');
      return shipment;
    });
  }

  update(caller: Caller, id: string, body: unknown): Promise<Shipment> {
    const parsed = parseBody(updateShipmentBody, body);
    if (!parsed.ok) throw new BadRequestException(problemLines(parsed.problems));
    const changes: ShipmentChanges = parsed.value;
    return this.serial(async () => {
      const before = this.writable(caller, id);
      if (before.state === 'in_transit') {
        const fixed = FIXED_IN_TRANSIT.filter((field) => changes[field] !== undefined);
        if (fixed.length > 0) {
          throw new ConflictException(
            fixed.map(
              (field) => `${field}: fixed once the shipment is in transit; cancel it and register a new one`,
            ),
          );
        }
      }
      const after: Shipment = { ...before, ...changes };
      this.check(after);
      return this.write(caller, 'update', before, async (tx) => {
        await this.repository.update(tx, after);
        const keep = new Set(holdKeys(after));
        await this.repository.release(
          tx,
          id,
          holdKeys(before).filter((key) => !keep.has(key)),
        );
        await this.repository.hold(tx, id, [...keep]);
        return after;
      });
    });
  }

  act(caller: Caller, id: string, action: ShipmentAction): Promise<Shipment> {
    return this.serial(async () => {
      const before = this.writable(caller, id);
      const result = transition(before, action, this.clock.now());
      if (!result.ok) throw new ConflictException([result.problem]);
      return this.write(caller, action, before, async (tx) => {
        await this.repository.update(tx, result.shipment);
        if (!isActive(result.shipment)) await this.repository.release(tx, id, holdKeys(before));
        return result.shipment;
      });
    });
  }

  /**
   * Registers every shipment of a file, or none: each entry is validated, then checked against the
   * others of the file (a container or tracker named twice) and against the holds, before one
   * transaction writes them all. Problems name the entry: `row 3: containerNumber: …`.
   */
  importMany(caller: Caller, entries: FileEntry[]): Promise<Shipment[]> {
    return this.serial(async () => {
      const drafts: ShipmentDraft[] = [];
      const problems: string[] = [];
      const seen = new Map<string, string>();
      for (const entry of entries) {
        const prefix = (lines: string[]) => lines.map((line) => `${entry.where}: ${line}`);
        try {
          const parsed = parseBody(createShipmentBody, entry.body);
          if (!parsed.ok) {
            problems.push(...prefix(problemLines(parsed.problems)));
            continue;
          }
          const { owner, ...rest } = parsed.value;
          const draft = { ...rest, owner: this.ownerFor(caller, owner) };
          this.check(draft);
          for (const key of holdKeys(draft)) {
            const first = seen.get(key);
            if (first) problems.push(`${entry.where}: ${key.replace(':', ' ')} is also in ${first}`);
            else seen.set(key, entry.where);
          }
          drafts.push(draft);
        } catch (error) {
          if (!(error instanceof HttpException)) throw error;
          const { message } = error.getResponse() as { message: string[] };
          problems.push(...prefix(message));
        }
      }
      if (entries.length === 0) problems.push('the file holds no shipment');
      if (problems.length > 0) throw new BadRequestException(problems);
      return this.insertAll(caller, drafts, 'import');
    });
  }

  /** Inserts new planned shipments with their holds, in one transaction. */
  private insertAll(
    caller: Caller,
    drafts: ShipmentDraft[],
    action: 'create' | 'import',
  ): Promise<Shipment[]> {
    return this.commit(async (tx) => {
      const shipments: Shipment[] = [];
      for (const draft of drafts) {
        const shipment: Shipment = {
          ...draft,
          id: await this.repository.nextId(tx),
          state: 'planned',
          origin: 'api',
          createdAt: this.clock.now(),
        };
        await this.repository.insert(tx, shipment);
        await this.repository.hold(tx, shipment.id, holdKeys(shipment));
        await this.audit(tx, caller, action, undefined, shipment);
        shipments.push(shipment);
      }
      return shipments;
    });
  }

  /** Changes one shipment and records it, in one transaction. */
  private async write(
    caller: Caller,
    action: 'update' | ShipmentAction,
    before: Shipment,
    change: (tx: StateQueries) => Promise<Shipment>,
  ): Promise<Shipment> {
    const [after] = await this.commit(async (tx) => {
      const shipment = await change(tx);
      await this.audit(tx, caller, action, before, shipment);
      return [shipment];
    });
    return after;
  }

  /** Runs `work` in a transaction, then puts what it wrote in the book; a held key answers 409. */
  private async commit(work: (tx: StateQueries) => Promise<Shipment[]>): Promise<Shipment[]> {
    try {
      const written = await this.repository.store.transaction(work);
      for (const shipment of written) this.book.put(shipment);
      return written;
    } catch (error) {
      if (error instanceof HoldConflict) throw new ConflictException([error.message]);
      throw error;
    }
  }

  private audit(
    tx: StateQueries,
    caller: Caller,
    action: ShipmentAuditEntry['action'],
    before: Shipment | undefined,
    after: Shipment,
  ): Promise<void> {
    return auditShipmentChange(tx, {
      at: this.clock.now(),
      personId: caller.personId,
      shipmentId: after.id,
      action,
      before,
      after,
    });
  }

  /** Validates a draft whole: its fields (400), then the YAML shipments' holds (409). */
  private check(draft: ShipmentDraft & { id?: string }): void {
    const problems: FieldProblem[] = shipmentDraftProblems(draft, {
      profiles: CARGO_PROFILES,
      isTracker: (deviceId) => this.site.device(deviceId)?.kind === 'container',
    });
    if (problems.length > 0) throw new BadRequestException(problemLines(problems));
    const held = holdKeys(draft).flatMap((key) => {
      const holder = this.book.yamlHolder(key);
      return holder && holder.id !== draft.id
        ? [`${key.replace(':', ' ')} is held by active shipment ${holder.id}`]
        : [];
    });
    if (held.length > 0) throw new ConflictException(held);
  }

  /** The caller's own shipment that may still change; 404 for another owner's, 409 for a closed or YAML one. */
  private writable(caller: Caller, id: string): Shipment {
    const shipment = this.book.visible(caller, id);
    if (!shipment) throw new NotFoundException(`no shipment "${id}"`);
    if (shipment.origin === 'yaml') {
      throw new ConflictException([`shipment ${id} is declared in the site configuration; change it there`]);
    }
    if (!isActive(shipment))
      throw new ConflictException([`shipment ${id} is ${shipment.state}; it no longer changes`]);
    return shipment;
  }

  private ownerFor(caller: Caller, wanted: string | undefined): string {
    if (caller.role === 'cargo-owner') {
      if (wanted !== undefined && wanted !== caller.owner) {
        throw new BadRequestException(['owner: a cargo owner registers shipments for their own owner only']);
      }
      return caller.owner!;
    }
    if (wanted === undefined) throw new BadRequestException(['owner: required']);
    if (!this.site.config.owners.some((o) => o.id === wanted)) {
      throw new BadRequestException([`owner: unknown owner "${wanted}"`]);
    }
    return wanted;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

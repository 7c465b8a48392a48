import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  type OnModuleInit,
} from '@nestjs/common';
import type { DeviceKind } from '@jct/contract';
import { generateSecret, type DeviceConfig } from '@jct/site-config';
import type { StateQueries, StateStore, StateValue, TelemetryStore } from '@jct/storage';
import type { Caller } from '../auth/caller';
import { CallerScope } from '../auth/caller-scope';
import { MessageBus } from '../broker/message-bus';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config';
import { SiteRegistry } from '../site/site-registry';
import { STATE_STORE } from '../storage/state-store.provider';
import { TELEMETRY_STORE } from '../storage/telemetry-store.provider';
import { AuditLog } from './audit-log';
import { devicesCsv, devicesYaml, parseDeviceImport } from './device-bulk';
import { parseNewDevice, type NewDevice } from './device-input';

/** A device as the registry shows it: never its secret or the secret's hash. */
export interface DeviceRecord {
  id: string;
  kind: DeviceKind;
  asset: string;
  location?: [number, number];
  /** Where the record lives: the site configuration (read-only here) or the API (the state store). */
  source: 'site-config' | 'api';
  status: 'active' | 'revoked';
  createdAt?: string;
  createdBy?: string;
  secretSetAt?: string;
  revokedAt?: string;
}

export interface DeviceListFilter {
  kind?: string;
  asset?: string;
  status?: string;
  source?: string;
  /** The last id of the previous page. */
  after?: string;
  limit: number;
}

interface DeviceRow {
  id: string;
  kind: string;
  asset: string;
  location: string | null;
  secret_hash: string;
  status: string;
  created_at: number;
  created_by: string;
  secret_set_at: number;
  revoked_at: number | null;
}

const COLUMNS =
  'id, kind, asset, location, secret_hash, status, created_at, created_by, secret_set_at, revoked_at';

/**
 * Devices provisioned through the API, kept in the state store next to those of the site
 * configuration. The rule between the two: a device the site configuration declares is owned by
 * that file and read-only here (409 naming the file); a provisioned device may not take a declared
 * id; a provisioned device that a new site configuration now also declares stops the boot with an
 * error naming both. Every change and its audit entry are one transaction.
 */
@Injectable()
export class DeviceRegistry implements OnModuleInit {
  private readonly logger = new Logger('DeviceRegistry');

  constructor(
    @Inject(STATE_STORE) private readonly store: StateStore,
    @Inject(TELEMETRY_STORE) private readonly telemetry: TelemetryStore,
    private readonly site: SiteRegistry,
    private readonly scope: CallerScope,
    private readonly audit: AuditLog,
    private readonly bus: MessageBus,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const rows = await this.store.all<DeviceRow>(`SELECT ${COLUMNS} FROM registry_devices ORDER BY id`);
    const clashes = rows.filter((row) => this.site.declaredInSiteConfig(row.id)).map((row) => row.id);
    if (clashes.length > 0) {
      throw new Error(
        `device ${clashes.map((id) => `"${id}"`).join(', ')} declared in ${this.config.siteConfigPath} ` +
          `and also provisioned through the API (state store: ${this.store.description}): remove it from one of them`,
      );
    }
    for (const row of rows) if (row.status === 'active') this.site.putRuntimeDevice(toConfig(row));
    this.logger.log(`${rows.length} provisioned device(s) loaded from the state store`);
  }

  /** Provisions a device; its generated secret is in the answer once and only its hash is kept. */
  async create(caller: Caller, body: unknown): Promise<{ device: DeviceRecord; secret: string }> {
    const parsed = parseNewDevice(body, this.site.config);
    if ('errors' in parsed) throw new BadRequestException(parsed.errors);
    const [created] = await this.provision(caller, [parsed.device]);
    return created;
  }

  /**
   * Imports devices from CSV or the YAML shape, all or none: every row is checked first (400 with
   * each row's errors; 409 for ids taken), then all are written in one transaction.
   */
  async importMany(caller: Caller, body: unknown) {
    const { format, content } = (body ?? {}) as { format?: unknown; content?: unknown };
    const parsed = parseDeviceImport(format, content, this.site.config);
    if ('errors' in parsed) throw new BadRequestException(parsed.errors);
    const created = await this.provision(caller, parsed.devices);
    return { created: created.map(({ device, secret }) => ({ id: device.id, secret })) };
  }

  /** Configured and provisioned devices the caller may see, as CSV or the YAML shape (no secrets). */
  async exportAll(caller: Caller, format: unknown): Promise<string> {
    if (format !== 'csv' && format !== 'yaml') throw new BadRequestException(['format: csv or yaml']);
    const devices: DeviceRecord[] = [];
    for (let after: string | undefined; ;) {
      const page = await this.list(caller, { after, limit: 1000 });
      devices.push(...page.items);
      if (!page.next) break;
      after = page.next;
    }
    return format === 'csv' ? devicesCsv(devices) : devicesYaml(devices);
  }

  /** Writes new devices and their audit entries in one transaction; 409 if any id is taken. */
  private async provision(
    caller: Caller,
    inputs: NewDevice[],
  ): Promise<{ device: DeviceRecord; secret: string }[]> {
    const declared = inputs
      .filter((input) => this.site.declaredInSiteConfig(input.id))
      .map((input) => input.id);
    if (declared.length > 0)
      throw new ConflictException(
        `${declared.map((id) => `"${id}"`).join(', ')} declared in ${this.config.siteConfigPath}: change it there (read-only through the API)`,
      );
    const now = this.clock.now();
    const made = inputs.map((input) => {
      const { secret, hash } = generateSecret();
      const row: DeviceRow = {
        id: input.id,
        kind: input.kind,
        asset: input.asset,
        location: input.location ? JSON.stringify(input.location) : null,
        secret_hash: hash,
        status: 'active',
        created_at: now,
        created_by: caller.personId,
        secret_set_at: now,
        revoked_at: null,
      };
      return { row, secret };
    });
    await this.store.transaction(async (tx) => {
      const taken: string[] = [];
      for (const { row } of made) if (await this.row(tx, row.id)) taken.push(row.id);
      if (taken.length > 0)
        throw new ConflictException(`device ${taken.map((id) => `"${id}"`).join(', ')} exists already`);
      for (const { row } of made) {
        await tx.run(
          `INSERT INTO registry_devices (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          rowValues(row),
        );
        await this.audit.record(tx, this.entry(caller, 'create', row.id, undefined, toRecord(row)));
      }
    });
    for (const { row } of made) this.site.putRuntimeDevice(toConfig(row));
    return made.map(({ row, secret }) => ({ device: toRecord(row), secret }));
  }

  /** A new secret for a provisioned device (a revoked one becomes active again); open connections close. */
  async rotate(caller: Caller, id: string): Promise<{ device: DeviceRecord; secret: string }> {
    this.refuseSiteConfigId(id);
    const { secret, hash } = generateSecret();
    const now = this.clock.now();
    const after = await this.change(caller, id, 'rotate', (before) => ({
      ...before,
      secret_hash: hash,
      status: 'active',
      secret_set_at: now,
      revoked_at: null,
    }));
    this.site.putRuntimeDevice(toConfig(after));
    this.bus.disconnectDevice(id);
    return { device: toRecord(after), secret };
  }

  /** Revokes a provisioned device: disconnected now, refused on its next CONNECT. */
  async revoke(caller: Caller, id: string): Promise<DeviceRecord> {
    this.refuseSiteConfigId(id);
    const after = await this.change(caller, id, 'revoke', (before) => {
      if (before.status === 'revoked') throw new ConflictException(`device "${id}" is revoked already`);
      return { ...before, status: 'revoked', revoked_at: this.clock.now() };
    });
    this.site.removeRuntimeDevice(id);
    this.bus.disconnectDevice(id);
    return toRecord(after);
  }

  /** Configured and provisioned devices the caller may see, by id, a page at a time. */
  async list(caller: Caller, filter: DeviceListFilter): Promise<{ items: DeviceRecord[]; next?: string }> {
    const matches = (d: DeviceRecord) =>
      (filter.kind === undefined || d.kind === filter.kind) &&
      (filter.asset === undefined || d.asset === filter.asset) &&
      (filter.status === undefined || d.status === filter.status) &&
      (filter.source === undefined || d.source === filter.source) &&
      (filter.after === undefined || d.id > filter.after) &&
      this.visible(caller, d);
    const configured =
      filter.source === 'api' ? [] : this.site.config.devices.map(fromSiteConfig).filter(matches);
    const provisioned =
      filter.source === 'site-config' ? [] : (await this.provisionedPage(caller, filter)).filter(matches);
    const all = [...configured, ...provisioned].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const items = all.slice(0, filter.limit);
    return { items, next: all.length > filter.limit ? items[items.length - 1].id : undefined };
  }

  /** One device with what it reported last: when, and its battery. */
  async get(caller: Caller, id: string) {
    const record = await this.find(id);
    if (!record || !this.visible(caller, record)) throw new NotFoundException(`no device "${id}"`);
    const latest = await this.telemetry.latest({
      deviceId: id,
      kind: record.kind,
      assetId: record.asset,
      siteId: this.site.siteId,
    });
    const lastSeen = latest.reduce((newest, value) => Math.max(newest, value.ts), 0);
    const battery = latest.find((value) => value.metric === 'batteryPct');
    return {
      ...record,
      lastSeen: lastSeen > 0 ? new Date(lastSeen).toISOString() : undefined,
      batteryPct: typeof battery?.value === 'number' ? battery.value : undefined,
    };
  }

  private async find(id: string): Promise<DeviceRecord | undefined> {
    const configured = this.site.config.devices.find((d) => d.id === id);
    if (configured) return fromSiteConfig(configured);
    const row = await this.row(this.store, id);
    return row ? toRecord(row) : undefined;
  }

  /** Provisioned rows after the cursor, in id order; cargo owners' rows are filtered afterwards. */
  private async provisionedPage(caller: Caller, filter: DeviceListFilter): Promise<DeviceRecord[]> {
    const where: string[] = [];
    const params: StateValue[] = [];
    const add = (column: string, op: string, value: string | undefined) => {
      if (value === undefined) return;
      params.push(value);
      where.push(`${column} ${op} $${params.length}`);
    };
    add('id', '>', filter.after);
    add('kind', '=', filter.kind);
    add('asset', '=', filter.asset);
    add('status', '=', filter.status);
    // A cargo owner's page is filtered in memory: their devices are few.
    const limit = caller.role === 'cargo-owner' ? undefined : filter.limit + 1;
    const rows = await this.store.all<DeviceRow>(
      `SELECT ${COLUMNS} FROM registry_devices ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY id ${limit === undefined ? '' : `LIMIT ${limit}`}`,
      params,
    );
    return rows.map(toRecord);
  }

  private visible(caller: Caller, device: DeviceRecord): boolean {
    return caller.role !== 'cargo-owner' || this.scope.canSeeContainer(caller, device.asset);
  }

  private refuseSiteConfigId(id: string): void {
    if (this.site.declaredInSiteConfig(id))
      throw new ConflictException(
        `"${id}" is declared in ${this.config.siteConfigPath}: change it there (it is read-only through the API)`,
      );
  }

  /** Reads, changes and writes one provisioned device and its audit entry in one transaction. */
  private async change(
    caller: Caller,
    id: string,
    action: string,
    update: (before: DeviceRow) => DeviceRow,
  ): Promise<DeviceRow> {
    return this.store.transaction(async (tx) => {
      const before = await this.row(tx, id);
      if (!before) throw new NotFoundException(`no device "${id}"`);
      const after = update(before);
      await tx.run(
        `UPDATE registry_devices SET secret_hash = $2, status = $3, secret_set_at = $4, revoked_at = $5 WHERE id = $1`,
        [id, after.secret_hash, after.status, after.secret_set_at, after.revoked_at],
      );
      await this.audit.record(tx, this.entry(caller, action, id, toRecord(before), toRecord(after)));
      return after;
    });
  }

  private entry(caller: Caller, action: string, id: string, before?: DeviceRecord, after?: DeviceRecord) {
    return {
      at: this.clock.now(),
      who: caller.personId,
      action,
      entity: 'device',
      entityId: id,
      before,
      after,
    };
  }

  private async row(queries: StateQueries, id: string): Promise<DeviceRow | undefined> {
    const rows = await queries.all<DeviceRow>(`SELECT ${COLUMNS} FROM registry_devices WHERE id = $1`, [id]);
    return rows[0];
  }
}

function rowValues(row: DeviceRow): StateValue[] {
  return [
    row.id,
    row.kind,
    row.asset,
    row.location,
    row.secret_hash,
    row.status,
    row.created_at,
    row.created_by,
    row.secret_set_at,
    row.revoked_at,
  ];
}

const iso = (ms: number | null) => (ms === null ? undefined : new Date(Number(ms)).toISOString());

/** The API's view of a row: the hash stays in the store. */
function toRecord(row: DeviceRow): DeviceRecord {
  return {
    id: row.id,
    kind: row.kind as DeviceKind,
    asset: row.asset,
    location: row.location ? (JSON.parse(row.location) as [number, number]) : undefined,
    source: 'api',
    status: row.status as DeviceRecord['status'],
    createdAt: iso(row.created_at),
    createdBy: row.created_by,
    secretSetAt: iso(row.secret_set_at),
    revokedAt: iso(row.revoked_at),
  };
}

function toConfig(row: DeviceRow): DeviceConfig {
  return {
    id: row.id,
    kind: row.kind as DeviceKind,
    asset: row.asset,
    secretHash: row.secret_hash,
    location: row.location ? (JSON.parse(row.location) as [number, number]) : undefined,
  };
}

function fromSiteConfig(device: DeviceConfig): DeviceRecord {
  return {
    id: device.id,
    kind: device.kind,
    asset: device.asset,
    location: device.location,
    source: 'site-config',
    status: 'active',
  };
}

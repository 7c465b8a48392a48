import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { hashSecret, verifySecret, type ApiKeyConfig, type ApiRole } from '@jct/site-config';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config';
import { SiteRegistry } from '../site/site-registry';
import type { Caller } from './caller';

/** A key issued through the admin endpoint: kept hashed under DATA_DIR/api-keys.json. */
export interface IssuedKey extends ApiKeyConfig {
  issuedAt: string;
  issuedBy: string;
}

const NEGATIVE_CACHE_MAX = 10_000;
const NEGATIVE_CACHE_MS = 5 * 60_000;
const MIN_KEY_LENGTH = 12;
const MAX_KEY_LENGTH = 256;
const ISSUED_KEY = /^jct_(k-[0-9a-f]{12})_[A-Za-z0-9_-]+$/;
/** HTTP key checks run one at a time, at most this many waiting: the rest are told to come back. */
const MAX_WAITING_CHECKS = 32;

/** Too many key checks are waiting: answer 429 rather than queue without bound. */
export class KeyChecksBusy extends Error {}

/**
 * The API keys of the site configuration and those issued by an admin. Keys are stored only as
 * scrypt hashes; a scrypt check costs ~30 ms, so a verified key is remembered by the SHA-256 of
 * the presented key (in memory only, never the key itself) and a request costs a hash lookup.
 * Unknown keys are remembered for a while too, so guessing cannot make the service run scrypt
 * for every request.
 */
@Injectable()
export class ApiKeyRegistry implements OnModuleInit {
  private readonly logger = new Logger('ApiKeys');
  private readonly issuedFile: string;
  private issued: IssuedKey[] = [];
  private readonly verified = new Map<string, Caller>();
  private readonly rejected = new Map<string, number>();
  private readonly pending = new Map<string, Promise<Caller | undefined>>();
  private checking = false;
  private readonly waiting: (() => void)[] = [];
  /** scrypt checks run so far: what the cache saves is visible (and tested). */
  checks = 0;

  constructor(
    private readonly site: SiteRegistry,
    config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.issuedFile = join(config.dataDir, 'api-keys.json');
  }

  onModuleInit(): void {
    try {
      this.issued = JSON.parse(readFileSync(this.issuedFile, 'utf8')) as IssuedKey[];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  /**
   * The one entry a presented key may match: a failed key costs at most one scrypt check. An
   * issued key names its entry (`jct_<id>_<secret>`); a key of the site configuration ends with
   * "-<id>" (as the development keys `dev-key-<id>` do; the longest such id wins). A key that
   * names no entry costs no scrypt at all.
   */
  private candidate(presented: string): ApiKeyConfig | undefined {
    const named = ISSUED_KEY.exec(presented);
    if (named) return this.issued.find((entry) => entry.id === named[1]);
    return this.site.config.apiKeys
      .filter((entry) => presented.endsWith(`-${entry.id}`))
      .sort((a, b) => b.id.length - a.id.length)[0];
  }

  /** The caller of a key verified before: no scrypt, and the address lockout does not apply. */
  knownCaller(presented: string): Caller | undefined {
    return this.verified.get(createHash('sha256').update(presented).digest('base64'));
  }

  /** The caller a presented key stands for, or undefined for an unknown key. */
  authenticate(presented: string): Promise<Caller | undefined> {
    if (presented.length < MIN_KEY_LENGTH || presented.length > MAX_KEY_LENGTH)
      return Promise.resolve(undefined);
    const digest = createHash('sha256').update(presented).digest('base64');
    const known = this.verified.get(digest);
    if (known) return Promise.resolve(known);
    const rejectedAt = this.rejected.get(digest);
    if (rejectedAt !== undefined && this.clock.now() - rejectedAt < NEGATIVE_CACHE_MS)
      return Promise.resolve(undefined);
    let verification = this.pending.get(digest);
    if (!verification) {
      verification = this.verify(presented, digest).finally(() => this.pending.delete(digest));
      this.pending.set(digest, verification);
    }
    return verification;
  }

  private async verify(presented: string, digest: string): Promise<Caller | undefined> {
    const candidate = this.candidate(presented);
    const entry =
      candidate && (await this.checkOneAtATime(presented, candidate.keyHash)) ? candidate : undefined;
    if (!entry) {
      if (this.rejected.size >= NEGATIVE_CACHE_MAX) this.rejected.clear();
      this.rejected.set(digest, this.clock.now());
      return undefined;
    }
    const caller: Caller = {
      keyId: entry.id,
      role: entry.role,
      personId: entry.person ?? `key:${entry.id}`,
      owner: entry.role === 'cargo-owner' ? entry.owner : undefined,
      language: this.site.config.people.find((person) => person.id === entry.person)?.language,
    };
    this.verified.set(digest, caller);
    return caller;
  }

  /**
   * HTTP key checks share libuv's thread pool with device logins (MQTT verifySecret): one at a
   * time, so guessing can hold one of its threads at most, and a bounded queue (KeyChecksBusy).
   */
  private async checkOneAtATime(presented: string, keyHash: string): Promise<boolean> {
    if (this.checking) {
      if (this.waiting.length >= MAX_WAITING_CHECKS) throw new KeyChecksBusy('too many key checks waiting');
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.checking = true;
    try {
      this.checks += 1;
      return await verifySecret(presented, keyHash);
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.checking = false;
    }
  }

  /** Issues a new key; the key itself is returned once and never stored. */
  async issue(
    request: { role: ApiRole; owner?: string; person?: string },
    by: Caller,
  ): Promise<{ id: string; key: string; role: ApiRole; owner?: string; person?: string }> {
    const id = `k-${randomBytes(6).toString('hex')}`;
    const key = `jct_${id}_${randomBytes(24).toString('base64url')}`;
    const record: IssuedKey = {
      id,
      role: request.role,
      owner: request.owner,
      person: request.person,
      keyHash: await hashSecret(key),
      issuedAt: new Date(this.clock.now()).toISOString(),
      issuedBy: by.personId,
    };
    this.issued = [...this.issued, record];
    this.persist();
    this.rejected.clear(); // a key guessed before it existed must now work
    this.logger.log(
      `key ${id} (${request.role}${request.owner ? `, ${request.owner}` : ''}) issued by ${by.keyId}`,
    );
    return { id, key, role: request.role, owner: request.owner, person: request.person };
  }

  /**
   * Revokes an issued key at once: its record and every cached verification go. Keys of the site
   * configuration are revoked by editing the file. False when no issued key has that id.
   */
  revoke(id: string, by: Caller): boolean {
    if (!this.issued.some((key) => key.id === id)) return false;
    this.issued = this.issued.filter((key) => key.id !== id);
    this.persist();
    for (const [digest, caller] of this.verified) if (caller.keyId === id) this.verified.delete(digest);
    this.logger.log(`key ${id} revoked by ${by.keyId}`);
    return true;
  }

  /** Keys without their hashes, for an admin. */
  list(): { id: string; role: ApiRole; owner?: string; person?: string; source: string }[] {
    return [
      ...this.site.config.apiKeys.map((k) => ({ ...describe(k), source: 'site-config' })),
      ...this.issued.map((k) => ({ ...describe(k), source: `issued ${k.issuedAt} by ${k.issuedBy}` })),
    ];
  }

  private persist(): void {
    mkdirSync(join(this.issuedFile, '..'), { recursive: true });
    const temporary = `${this.issuedFile}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.issued, null, 2), { mode: 0o600 });
    renameSync(temporary, this.issuedFile);
  }
}

function describe({ id, role, owner, person }: ApiKeyConfig) {
  return { id, role, owner, person };
}

import {
  ForbiddenException,
  BadRequestException,
  Inject,
  Injectable,
  NotFoundException,
  type OnModuleInit,
} from '@nestjs/common';
import {
  silenceEnd,
  silenceMatches,
  silenceOf,
  silenceProblems,
  silenceState,
  silencesEndedBetween,
  type AlertLabels,
  type NewSilence,
  type Silence,
  type SilenceState,
} from '@jct/rules';
import type { StateStore } from '@jct/storage';
import { randomUUID } from 'node:crypto';
import type { Alert } from '../alerts/alert';
import type { Caller } from '../auth/caller';
import { CallerScope } from '../auth/caller-scope';
import { Clock } from '../clock/clock';
import { SiteRegistry } from '../site/site-registry';
import { STATE_STORE } from '../storage/state-store.provider';
import { SilenceStore, type SilenceAuditEntry } from './silence-store';

export interface SilenceView extends Omit<Silence, 'startsAt' | 'endsAt' | 'createdAt' | 'expiredAt'> {
  state: SilenceState;
  startsAt: string;
  endsAt: string;
  createdAt: string;
  expiredAt?: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Silences for callers and for the mail: kept in the state store, read from memory (a mail or an
 * alert view never waits on the store). Operators and engineers may silence anything; a cargo
 * owner only their own containers' alerts — their silences always carry their owner as a matcher.
 */
@Injectable()
export class Silences implements OnModuleInit {
  private readonly store: SilenceStore;
  private silences: Silence[] = [];
  /** Ended silences already handed to the mail (newlyEnded). */
  private readonly handled = new Set<string>();

  constructor(
    @Inject(STATE_STORE) state: StateStore,
    private readonly scope: CallerScope,
    private readonly site: SiteRegistry,
    private readonly clock: Clock,
  ) {
    this.store = new SilenceStore(state);
  }

  async onModuleInit(): Promise<void> {
    this.silences = await this.store.all();
  }

  /** The labels a silence matches an alert on: its rule, subject, crossing and owner. */
  labelsOf(alert: Pick<Alert, 'ruleId' | 'subjectId' | 'subjectType' | 'cause'>): AlertLabels {
    const device = this.site.device(alert.subjectId);
    const params = alert.cause?.params as { crossingId?: unknown } | undefined;
    const crossingId =
      alert.subjectType === 'crossing'
        ? alert.subjectId
        : device?.kind === 'ice-station'
          ? device.asset
          : typeof params?.crossingId === 'string'
            ? params.crossingId
            : undefined;
    return {
      ruleId: alert.ruleId,
      subjectId: alert.subjectId,
      crossingId,
      owner: this.scope.ownerOfDevice(alert.subjectId),
    };
  }

  /** The active silence holding the alert's mail now, if any. */
  silenceFor(alert: Pick<Alert, 'ruleId' | 'subjectId' | 'subjectType' | 'cause'>, now = this.clock.now()) {
    return silenceOf(this.silences, this.labelsOf(alert), now);
  }

  /**
   * Silences that ended since the last call (on the first, within `lookBackMs`), by their end or a
   * person's expiry; one that ended by itself is audited so. Each is returned once per process.
   */
  async newlyEnded(now: number, lookBackMs: number): Promise<Silence[]> {
    const ended = silencesEndedBetween(this.silences, now - lookBackMs, now).filter(
      (silence) => !this.handled.has(silence.id),
    );
    for (const silence of ended) {
      if (silence.expiredAt === undefined) await this.store.recordEnded(silence.id, silence.endsAt);
      this.handled.add(silence.id);
    }
    return ended;
  }

  /** The silence over the alert that ended last by `now` (it held the alert's mails until then). */
  lastEndedOver(alert: Pick<Alert, 'ruleId' | 'subjectId' | 'subjectType' | 'cause'>, now: number) {
    const labels = this.labelsOf(alert);
    return silencesEndedBetween(this.silences, -Infinity, now)
      .filter((silence) => silenceMatches(silence, labels))
      .sort((a, b) => silenceEnd(b) - silenceEnd(a))[0];
  }

  /** Whether the silence's matchers cover the alert, whatever its window. */
  covers(silence: Silence, alert: Pick<Alert, 'ruleId' | 'subjectId' | 'subjectType' | 'cause'>): boolean {
    return silenceMatches(silence, this.labelsOf(alert));
  }

  async create(caller: Caller, input: NewSilence): Promise<SilenceView> {
    const now = this.clock.now();
    const problems = silenceProblems(input, now);
    if (problems.length > 0) throw new BadRequestException(problems);
    const matchers = { ...input.matchers };
    if (caller.role === 'cargo-owner') {
      if (matchers.owner !== undefined && matchers.owner !== caller.owner)
        throw new ForbiddenException('a cargo owner may silence only their own shipments’ alerts');
      if (matchers.subjectId !== undefined && !this.scope.canSeeDevice(caller, matchers.subjectId))
        throw new NotFoundException(`no subject "${matchers.subjectId}"`);
      matchers.owner = caller.owner;
    }
    const silence: Silence = {
      id: randomUUID(),
      matchers,
      startsAt: Math.max(input.startsAt, now),
      endsAt: input.endsAt,
      comment: input.comment.trim(),
      createdBy: caller.personId,
      createdAt: now,
    };
    await this.store.create(silence);
    this.silences = [...this.silences, silence];
    return this.view(silence, now);
  }

  list(caller: Caller): SilenceView[] {
    const now = this.clock.now();
    return this.silences.filter((s) => this.visible(caller, s)).map((s) => this.view(s, now));
  }

  async get(caller: Caller, id: string): Promise<SilenceView & { audit: SilenceAuditEntry[] }> {
    const silence = this.find(caller, id);
    const audit = await this.store.auditOf(id);
    return { ...this.view(silence, this.clock.now()), audit };
  }

  /** DELETE: ends the silence now; the record and its audit trail stay. */
  async expire(caller: Caller, id: string): Promise<SilenceView> {
    const silence = this.find(caller, id);
    const now = this.clock.now();
    if (await this.store.expire(id, caller.personId, now)) {
      const ended = { ...silence, expiredAt: now, expiredBy: caller.personId };
      this.silences = this.silences.map((s) => (s.id === id ? ended : s));
      return this.view(ended, now);
    }
    return this.view(silence, now);
  }

  private find(caller: Caller, id: string): Silence {
    const silence = this.silences.find((s) => s.id === id);
    if (!silence || !this.visible(caller, silence)) throw new NotFoundException(`no silence "${id}"`);
    return silence;
  }

  private visible(caller: Caller, silence: Silence): boolean {
    return caller.role !== 'cargo-owner' || silence.matchers.owner === caller.owner;
  }

  private view(silence: Silence, now: number): SilenceView {
    const { expiredAt: _expiredAt, ...rest } = silence;
    return {
      ...rest,
      state: silenceState(silence, now),
      startsAt: iso(silence.startsAt),
      endsAt: iso(silence.endsAt),
      createdAt: iso(silence.createdAt),
      ...(silence.expiredAt !== undefined ? { expiredAt: iso(silence.expiredAt) } : {}),
    };
  }
}

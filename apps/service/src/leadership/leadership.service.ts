import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { StateStore } from '@jct/storage';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import { MessageBus } from '../broker/message-bus';
import { AppConfig } from '../config/app-config';
import {
  afterAttempt,
  INITIAL_LEASE,
  leaseAgeMs,
  roleAt,
  type LeaseRole,
  type LeaseState,
} from './leader-lease';
import { LeaseStore } from './lease-store';

/**
 * The lease's own PostgreSQL connection (null without DATABASE_URL): one connection whose query
 * timeout is the renewal timeout, so a renewal never queues behind the state store's busy pool.
 */
export const LEASE_CONNECTION = Symbol('LeaseConnection');

/** This instance's name in the lease: unique per process start (a restart is a new holder). */
export const LEASE_HOLDER = Symbol('LeaseHolder');

export function newHolderName(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * Which instance leads: the one that evaluates alert rules and sends mail. With DATABASE_URL it
 * holds the lease in PostgreSQL (leader-lease.ts has the rules and the timing argument); the
 * embedded single instance always leads, with fencing token 0.
 *
 * Lease times are this process's monotonic clock (performance.now()), not the service clock: they
 * measure waits on another system, and must not jump when the wall clock is set.
 */
@Injectable()
export class LeadershipService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Leadership');
  private readonly leases?: LeaseStore;
  private state: LeaseState;
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;

  constructor(
    private readonly config: AppConfig,
    private readonly bus: MessageBus,
    @Inject(LEASE_CONNECTION) private readonly connection: StateStore | null,
    @Inject(LEASE_HOLDER) readonly holder: string,
  ) {
    this.leases = connection ? new LeaseStore(connection) : undefined;
    this.state = connection ? INITIAL_LEASE : { role: 'leader', token: 0, leaderSince: 0, acquisitions: 1 };
  }

  /** The first attempt is awaited: an instance that starts alone leads before it takes readings. */
  async onModuleInit(): Promise<void> {
    if (!this.leases) return;
    await this.attempt();
    this.timer = setInterval(() => {
      this.round ??= this.attempt().finally(() => (this.round = undefined));
    }, this.config.leaderLease.renewEveryMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.round;
    const { role, token } = this.current();
    // Stepping down on purpose: the standby takes over at its next attempt, not a lease later.
    if (this.leases && role === 'leader')
      await this.leases.release(this.holder, token!).catch(() => undefined);
    await this.connection?.close();
  }

  /** Ask right before every leader-only action; the answer can change from one moment to the next. */
  isLeader(): boolean {
    return this.current().role === 'leader';
  }

  /** The fencing token to carry on leader-only writes (undefined while standby). */
  get token(): number | undefined {
    return this.current().token;
  }

  get role(): LeaseRole {
    return this.current().role;
  }

  /** Seconds this instance has led without a break (0 while standby). */
  get leaseAgeSeconds(): number {
    return this.leases ? leaseAgeMs(this.current(), performance.now()) / 1000 : 0;
  }

  /** How many times this instance became leader. */
  get acquisitions(): number {
    return this.state.acquisitions;
  }

  private current(): LeaseState {
    if (!this.leases) return this.state;
    return this.update(roleAt(this.state, performance.now(), this.bus.connected));
  }

  private async attempt(): Promise<void> {
    const sentAt = performance.now();
    const before = this.update(roleAt(this.state, sentAt, this.bus.connected));
    // Without the broker this instance hears no readings and cannot publish the crossing status:
    // it does not lead, and gives a lease it held back at once.
    if (!this.bus.connected) {
      if (before.token !== undefined)
        await this.leases!.release(this.holder, before.token).catch(() => undefined);
      return;
    }
    const attempt = await this.leases!.attempt(this.holder, this.config.leaderLease.durationMs);
    this.update(afterAttempt(this.state, sentAt, attempt, this.config.leaderLease));
  }

  /** Adopts a new state, saying so in the log when the role changes. */
  private update(next: LeaseState): LeaseState {
    const previous = this.state;
    this.state = next;
    if (previous.role !== next.role) {
      if (next.role === 'leader')
        this.logger.log(`leading now (fencing token ${next.token}, ${this.holder})`);
      else
        this.logger.warn(
          `standing by: ${this.bus.connected ? 'the lease could not be renewed in time or another instance holds it' : 'the broker is unreachable'}`,
        );
    }
    return next;
  }
}

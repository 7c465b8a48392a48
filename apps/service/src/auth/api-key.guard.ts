import {
  ForbiddenException,
  HttpException,
  HttpStatus,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Clock } from '../clock/clock';
import { ApiKeyRegistry, KeyChecksBusy } from './api-key-registry';
import { KEY_IN_QUERY, PUBLIC, ROLES } from './auth.decorators';
import type { ApiRole, Caller } from './caller';

/** Failed key checks an address may make per minute before it must wait (guessing costs scrypt). */
export const FAILED_KEYS_PER_MINUTE = 30;
const MINUTE_MS = 60_000;

interface KeyedRequest {
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
  res?: { setHeader(name: string, value: string): void };
  query?: Record<string, unknown>;
  caller?: Caller;
}

/**
 * Every HTTP route needs an API key unless it is @Public: 401 without a key or with an
 * unknown one, 403 when the key's role is not among the route's @Roles.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly failures = new Map<string, { since: number; count: number }>();

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyRegistry,
    private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<KeyedRequest>();
    const presented = presentedKey(request, this.reflector.getAllAndOverride<boolean>(KEY_IN_QUERY, targets));
    if (!presented) throw new UnauthorizedException('an API key is required: Authorization: Bearer <key>');
    const caller = this.keys.knownCaller(presented) ?? (await this.checkUnknown(request, presented));
    request.caller = caller;
    const roles = this.reflector.getAllAndOverride<ApiRole[] | undefined>(ROLES, targets) ?? [];
    if (caller.role !== 'admin' && !roles.includes(caller.role)) {
      throw new ForbiddenException(`needs the role ${[...roles, 'admin'].join(' or ')}`);
    }
    return true;
  }

  /**
   * A key not verified before: the address's lockout applies, and the check counts as a failure
   * before it runs (taken back if the key is good), so a parallel burst cannot all pass the lock.
   */
  private async checkUnknown(request: KeyedRequest, presented: string): Promise<Caller> {
    this.refuseGuessing(request);
    const entry = this.countFailure(request);
    let caller: Caller | undefined;
    try {
      caller = await this.keys.authenticate(presented);
    } catch (error) {
      if (!(error instanceof KeyChecksBusy)) throw error;
      request.res?.setHeader('Retry-After', '1');
      throw new HttpException('too many API key checks waiting; try again', HttpStatus.TOO_MANY_REQUESTS);
    }
    if (!caller) throw new UnauthorizedException('unknown API key');
    entry.count -= 1;
    return caller;
  }

  /** 429 with Retry-After for an address that failed too many key checks in the last minute. */
  private refuseGuessing(request: KeyedRequest): void {
    const entry = this.failures.get(request.ip ?? '');
    const now = this.clock.now();
    if (!entry || now - entry.since >= MINUTE_MS || entry.count < FAILED_KEYS_PER_MINUTE) return;
    const retryAfterS = Math.ceil((entry.since + MINUTE_MS - now) / 1000);
    request.res?.setHeader('Retry-After', String(retryAfterS));
    throw new HttpException('too many unknown API keys from this address', HttpStatus.TOO_MANY_REQUESTS);
  }

  private countFailure(request: KeyedRequest): { since: number; count: number } {
    const address = request.ip ?? '';
    const now = this.clock.now();
    let entry = this.failures.get(address);
    if (!entry || now - entry.since >= MINUTE_MS) {
      if (this.failures.size >= 10_000) this.failures.clear(); // bounded: a flood of addresses
      entry = { since: now, count: 0 };
      this.failures.set(address, entry);
    }
    entry.count += 1;
    return entry;
  }
}

function presentedKey(request: KeyedRequest, queryAllowed: boolean): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1];
  }
  const key = request.query?.key;
  return queryAllowed && typeof key === 'string' && key !== '' ? key : undefined;
}

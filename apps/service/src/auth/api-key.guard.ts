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
import { ApiKeyRegistry } from './api-key-registry';
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
    this.refuseGuessing(request);
    const caller = await this.keys.authenticate(presented);
    if (!caller) {
      this.countFailure(request);
      throw new UnauthorizedException('unknown API key');
    }
    request.caller = caller;
    const roles = this.reflector.getAllAndOverride<ApiRole[] | undefined>(ROLES, targets) ?? [];
    if (caller.role !== 'admin' && !roles.includes(caller.role)) {
      throw new ForbiddenException(`needs the role ${[...roles, 'admin'].join(' or ')}`);
    }
    return true;
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

  private countFailure(request: KeyedRequest): void {
    const address = request.ip ?? '';
    const now = this.clock.now();
    const entry = this.failures.get(address);
    if (!entry || now - entry.since >= MINUTE_MS) {
      if (this.failures.size >= 10_000) this.failures.clear(); // bounded: a flood of addresses
      this.failures.set(address, { since: now, count: 1 });
    } else entry.count += 1;
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

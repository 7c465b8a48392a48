import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiKeyRegistry } from './api-key-registry';
import { KEY_IN_QUERY, PUBLIC, ROLES } from './auth.decorators';
import type { ApiRole, Caller } from './caller';

interface KeyedRequest {
  headers: Record<string, string | string[] | undefined>;
  query?: Record<string, unknown>;
  caller?: Caller;
}

/**
 * Every HTTP route needs an API key unless it is @Public (issue #6): 401 without a key or with an
 * unknown one, 403 when the key's role is not among the route's @Roles.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyRegistry,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<KeyedRequest>();
    const presented = presentedKey(request, this.reflector.getAllAndOverride<boolean>(KEY_IN_QUERY, targets));
    if (!presented) throw new UnauthorizedException('an API key is required: Authorization: Bearer <key>');
    const caller = await this.keys.authenticate(presented);
    if (!caller) throw new UnauthorizedException('unknown API key');
    request.caller = caller;
    const roles = this.reflector.getAllAndOverride<ApiRole[] | undefined>(ROLES, targets) ?? [];
    if (caller.role !== 'admin' && !roles.includes(caller.role)) {
      throw new ForbiddenException(`needs the role ${[...roles, 'admin'].join(' or ')}`);
    }
    return true;
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

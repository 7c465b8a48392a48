import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Language } from '@jct/rules';
import type { ApiRole } from '@jct/site-config';

/** Who is asking: the authenticated API key, its role and — for cargo owners — their owner. */
export interface Caller {
  keyId: string;
  role: ApiRole;
  /** The person the key belongs to, or `key:<id>` for a key that belongs to no person. */
  personId: string;
  /** Cargo owners only: the organisation whose shipments, containers and alerts they see. */
  owner?: string;
  /** The language of the key's person, for the API's sentences; none for a key of no person. */
  language?: Language;
}

export type { ApiRole };

/** `@Caller() caller: Caller`: the authenticated caller of this request (set by ApiKeyGuard). */
export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const request = context.switchToHttp().getRequest<{ caller?: Caller }>();
  if (!request.caller) throw new Error('no caller: @Caller() on a @Public route');
  return request.caller;
});

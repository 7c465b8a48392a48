import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Caller } from './caller';

/** Rate limits per API key (runs after ApiKeyGuard); per address for public routes. */
@Injectable()
export class KeyThrottlerGuard extends ThrottlerGuard {
  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    const caller = request.caller as Caller | undefined;
    return Promise.resolve(caller ? `key:${caller.keyId}` : `ip:${String(request.ip)}`);
  }
}

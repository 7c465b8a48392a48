import { BadRequestException, Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { MATCHER_NAMES, type NewSilence, type SilenceMatchers } from '@jct/rules';
import { Roles } from '../auth/auth.decorators';
import { Caller } from '../auth/caller';
import { Clock } from '../clock/clock';
import { parseTimeParameter } from '../http/time-parameter';
import { Silences } from './silences.service';

/** Silences: hold the mails of matching alerts for a while (POST), list, read, expire (DELETE). */
@ApiTags('silences')
@Controller('api/silences')
@Roles('operator', 'engineer', 'cargo-owner')
export class SilencesController {
  constructor(
    private readonly silences: Silences,
    private readonly clock: Clock,
  ) {}

  @Get()
  list(@Caller() caller: Caller) {
    return this.silences.list(caller);
  }

  @Post()
  create(@Caller() caller: Caller, @Body() body: unknown) {
    return this.silences.create(caller, parseNewSilence(body, this.clock.now()));
  }

  @Get(':id')
  get(@Caller() caller: Caller, @Param('id') id: string) {
    return this.silences.get(caller, id);
  }

  @Delete(':id')
  expire(@Caller() caller: Caller, @Param('id') id: string) {
    return this.silences.expire(caller, id);
  }
}

/** The request body as a new silence; the shape's problems here, the rules' in silenceProblems. */
export function parseNewSilence(body: unknown, now: number): NewSilence {
  const errors: string[] = [];
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const matchers: SilenceMatchers = {};
  if (typeof input.matchers !== 'object' || input.matchers === null) errors.push('matchers: an object');
  else {
    for (const [name, value] of Object.entries(input.matchers)) {
      if (!(MATCHER_NAMES as readonly string[]).includes(name))
        errors.push(`matchers.${name}: not a matcher (${MATCHER_NAMES.join(', ')})`);
      else if (typeof value !== 'string') errors.push(`matchers.${name}: a string`);
      else matchers[name as keyof SilenceMatchers] = value;
    }
  }
  const time = (name: 'startsAt' | 'endsAt', fallback?: number): number => {
    const value = input[name];
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value !== 'string' && typeof value !== 'number') {
      errors.push(`${name}: ISO 8601 with a zone, or epoch ms`);
      return NaN;
    }
    const parsed = parseTimeParameter(name, String(value));
    if ('error' in parsed) {
      errors.push(parsed.error);
      return NaN;
    }
    return parsed.ms;
  };
  const startsAt = time('startsAt', now);
  const endsAt = time('endsAt');
  const comment = typeof input.comment === 'string' ? input.comment : '';
  if (errors.length > 0) throw new BadRequestException(errors);
  return { matchers, startsAt, endsAt, comment };
}

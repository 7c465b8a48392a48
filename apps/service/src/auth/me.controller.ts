import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SiteRegistry } from '../site/site-registry';
import { Roles } from './auth.decorators';
import { Caller } from './caller';

/**
 * Who the key belongs to, for the dashboard: the person's language and time zone, so each reader
 * sees their own (docs/domain.md §0). Never the key or its hash.
 */
@ApiTags('keys')
@Controller('api/me')
@Roles('operator', 'cargo-owner', 'engineer')
export class MeController {
  constructor(private readonly site: SiteRegistry) {}

  @Get()
  me(@Caller() caller: Caller) {
    const person = this.site.config.people.find((p) => p.id === caller.personId);
    return {
      keyId: caller.keyId,
      role: caller.role,
      owner: caller.owner,
      person: person && {
        id: person.id,
        name: person.name,
        language: person.language,
        timezone: person.timezone,
      },
      siteTimezone: this.site.config.site.timezone,
    };
  }
}

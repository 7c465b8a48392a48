import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { API_ROLES, type ApiRole } from '@jct/site-config';
import { SiteRegistry } from '../site/site-registry';
import { ApiKeyRegistry } from './api-key-registry';
import { Roles } from './auth.decorators';
import { Caller } from './caller';

/** Admins issue keys; the key is in the answer once and only its hash is kept. */
@ApiTags('keys')
@Controller('api/keys')
@Roles('admin')
export class ApiKeysController {
  constructor(
    private readonly keys: ApiKeyRegistry,
    private readonly site: SiteRegistry,
  ) {}

  @Get()
  list() {
    return this.keys.list();
  }

  @Post()
  issue(@Body() body: Record<string, unknown> | undefined, @Caller() caller: Caller) {
    return this.keys.issue(this.parse(body ?? {}), caller);
  }

  @Delete(':id')
  @HttpCode(204)
  revoke(@Param('id') id: string, @Caller() caller: Caller): void {
    if (!this.keys.revoke(id, caller)) throw new NotFoundException(`no issued key "${id}"`);
  }

  private parse(body: Record<string, unknown>): { role: ApiRole; owner?: string; person?: string } {
    const errors: string[] = [];
    const role = body.role as ApiRole;
    if (!(API_ROLES as readonly unknown[]).includes(role))
      errors.push(`role: one of ${API_ROLES.join(', ')}`);
    const owner = body.owner;
    if (role === 'cargo-owner' && !this.site.config.owners.some((o) => o.id === owner))
      errors.push('owner: a cargo-owner key needs one of the owners of the site configuration');
    if (role !== 'cargo-owner' && owner !== undefined) errors.push('owner: only cargo-owner keys have one');
    const person = body.person;
    if (person !== undefined && !this.site.config.people.some((p) => p.id === person))
      errors.push('person: one of the people of the site configuration');
    if (errors.length > 0) throw new BadRequestException(errors);
    return { role, owner: owner as string | undefined, person: person as string | undefined };
  }
}

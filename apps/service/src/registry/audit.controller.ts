import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { timeParameters } from '../http/time-parameter';
import { AuditLog } from './audit-log';
import { parseListQuery } from './list-query';

/** The audit log of registry changes, for admins (a route without @Roles is admin-only). */
@ApiTags('registry')
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @ApiQuery({ name: 'who', required: false, description: 'a person id (or key:<id>)' })
  @ApiQuery({ name: 'entity', required: false, description: 'device' })
  @ApiQuery({ name: 'entityId', required: false })
  @ApiQuery({ name: 'from', required: false, description: 'ISO 8601 or epoch ms' })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 1000, default 100' })
  list(@Query() query: Record<string, unknown>) {
    const parsed = parseListQuery(query, ['who', 'entity', 'entityId', 'from', 'to']);
    if ('errors' in parsed) throw new BadRequestException(parsed.errors);
    const { who, entity, entityId, limit } = parsed.query;
    const { from, to } = timeParameters(parsed.query, ['from', 'to']);
    const filter = { who, entity, entityId, from, to, limit };
    return this.audit.list(filter);
  }
}

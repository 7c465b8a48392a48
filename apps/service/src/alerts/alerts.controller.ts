import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { SEVERITIES, type Severity } from '@jct/rules';
import { AlertEngine } from './alert-engine.service';
import { AlertStore, type AlertQuery } from './alert-store';

const STATES = ['firing', 'acknowledged', 'resolved', 'active'] as const;

@Controller('api/alerts')
export class AlertsController {
  constructor(
    private readonly store: AlertStore,
    private readonly engine: AlertEngine,
  ) {}

  @Get()
  list(@Query() query: Record<string, string | undefined>) {
    return this.store.list(parseAlertQuery(query));
  }

  @Get(':id')
  get(@Param('id') id: string) {
    const alert = this.store.get(id);
    if (!alert) throw new NotFoundException(`no alert "${id}"`);
    return alert;
  }

  @Post(':id/ack')
  @HttpCode(200)
  acknowledge(@Param('id') id: string, @Body() body: { by?: unknown } = {}) {
    const alert = this.store.get(id);
    if (!alert) throw new NotFoundException(`no alert "${id}"`);
    if (alert.state !== 'firing')
      throw new ConflictException(`alert "${id}" is ${alert.state}; only a firing alert can be acknowledged`);
    const by = typeof body?.by === 'string' && body.by.trim() ? body.by.trim().slice(0, 100) : 'operator';
    return this.engine.acknowledge(id, by)!.alert;
  }
}

export function parseAlertQuery(query: Record<string, string | undefined>): AlertQuery {
  const errors: string[] = [];
  const state = query.state;
  if (state !== undefined && !(STATES as readonly string[]).includes(state))
    errors.push(`state: one of ${STATES.join(', ')}`);
  const severity = query.severity;
  if (severity !== undefined && !(SEVERITIES as readonly string[]).includes(severity)) {
    errors.push(`severity: one of ${SEVERITIES.join(', ')}`);
  }
  let since: number | undefined;
  if (query.since !== undefined) {
    since = /^\d+$/.test(query.since) ? Number(query.since) : Date.parse(query.since);
    if (Number.isNaN(since)) errors.push('since: ISO 8601 or epoch milliseconds');
  }
  let limit: number | undefined;
  if (query.limit !== undefined) {
    limit = /^\d+$/.test(query.limit) ? Number(query.limit) : NaN;
    if (!(limit >= 1 && limit <= 1000)) errors.push('limit: 1 to 1000');
  }
  if (errors.length > 0) throw new BadRequestException(errors);
  return {
    state: state as AlertQuery['state'],
    severity: severity as Severity | undefined,
    subject: query.subject,
    since,
    limit,
  };
}

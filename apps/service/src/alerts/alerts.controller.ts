import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { SEVERITIES, type Language, type Severity } from '@jct/rules';
import { Roles } from '../auth/auth.decorators';
import { Caller } from '../auth/caller';
import { alertsCsv, streamCsv, wantsCsv, type CsvResponse } from '../http/csv-export';
import { ReaderLanguage } from '../http/reader-language';
import { parseTimeParameter } from '../http/time-parameter';
import type { AlertQuery } from './alert-store';
import { AlertViews } from './alert-views.service';

const STATES = ['firing', 'acknowledged', 'resolved', 'active'] as const;

@ApiTags('alerts')
@Controller('api/alerts')
@Roles('operator', 'engineer', 'cargo-owner')
export class AlertsController {
  constructor(private readonly alerts: AlertViews) {}

  @Get()
  @ApiQuery({ name: 'state', required: false, enum: STATES })
  @ApiQuery({ name: 'severity', required: false, enum: SEVERITIES })
  @ApiQuery({ name: 'subject', required: false })
  @ApiQuery({ name: 'since', required: false, description: 'ISO 8601 with a zone, or epoch ms' })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 1000' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'], description: 'or Accept: text/csv' })
  @ApiProduces('application/json', 'text/csv')
  async list(
    @Caller() caller: Caller,
    @Query() query: Record<string, string | undefined>,
    @ReaderLanguage() language: Language,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: CsvResponse,
  ) {
    const alerts = this.alerts.list(caller, parseAlertQuery(query), language);
    if (!wantsCsv(query.format, accept)) return alerts;
    await streamCsv(response, 'alerts.csv', alertsCsv(alerts));
  }

  @Get(':id')
  get(@Caller() caller: Caller, @Param('id') id: string, @ReaderLanguage() language: Language) {
    return this.alerts.view(caller, id, language);
  }

  @Post(':id/ack')
  @HttpCode(200)
  acknowledge(@Caller() caller: Caller, @Param('id') id: string, @ReaderLanguage() language: Language) {
    return this.alerts.acknowledge(caller, id, language);
  }

  @Get(':id/comments')
  comments(@Caller() caller: Caller, @Param('id') id: string) {
    return this.alerts.commentsOf(caller, id);
  }

  @Post(':id/comments')
  comment(@Caller() caller: Caller, @Param('id') id: string, @Body() body: { text?: unknown } | undefined) {
    const text = typeof body?.text === 'string' ? body.text.trim() : '';
    if (!text || text.length > 2000) throw new BadRequestException(['text: 1 to 2000 characters']);
    return this.alerts.comment(caller, id, text);
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
    const parsed = parseTimeParameter('since', query.since);
    if ('error' in parsed) errors.push(parsed.error);
    else since = parsed.ms;
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

import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { streamCsv, wantsCsv, type CsvResponse } from '../http/csv-export';
import { Roles } from '../auth/auth.decorators';
import { Caller } from '../auth/caller';
import { ReaderLanguage } from '../http/reader-language';
import type { Language } from '@jct/rules';
import { timeParameters } from '../http/time-parameter';
import { JourneyService } from './journey.service';
import { ShipmentsService } from './shipments.service';

/** Shipments (containers) for their cargo owners, and for operators. */
@ApiTags('shipments')
@Controller('api/shipments')
@Roles('cargo-owner', 'operator')
export class ShipmentsController {
  constructor(
    private readonly shipments: ShipmentsService,
    private readonly journeys: JourneyService,
  ) {}

  @Get()
  list(@Caller() caller: Caller) {
    return this.shipments.list(caller);
  }

  @Get(':id')
  get(@Caller() caller: Caller, @Param('id') id: string, @ReaderLanguage() language: Language) {
    return this.shipments.get(caller, id, language);
  }

  @Get(':id/conditions')
  @ApiQuery({
    name: 'from',
    required: false,
    description: 'ISO 8601 with a zone, or epoch ms; default 24 h ago',
  })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'], description: 'or Accept: text/csv' })
  @ApiProduces('application/json', 'text/csv')
  async conditions(
    @Caller() caller: Caller,
    @Param('id') id: string,
    @Query() query: Record<string, string>,
    @ReaderLanguage() language: Language,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: CsvResponse,
  ) {
    const { from, to } = timeParameters(query, ['from', 'to']);
    if (!wantsCsv(query.format, accept)) return this.shipments.conditions(caller, id, from, to, language);
    const lines = this.shipments.conditionsCsv(caller, id, from, to);
    await streamCsv(response, `${id}-conditions.csv`, lines);
  }

  @Get(':id/reefer-events')
  @ApiQuery({
    name: 'from',
    required: false,
    description: 'ISO 8601 with a zone, or epoch ms; default 24 h ago',
  })
  @ApiQuery({ name: 'to', required: false })
  reeferEvents(@Caller() caller: Caller, @Param('id') id: string, @Query() query: Record<string, string>) {
    const { from, to } = timeParameters(query, ['from', 'to']);
    return this.shipments.reeferEvents(caller, id, from, to);
  }

  /** Where the container is: trail, last position, stage of the route, last heard from (default 48 h). */
  @Get(':id/journey')
  @ApiQuery({
    name: 'from',
    required: false,
    description: 'ISO 8601 with a zone, or epoch ms; default 48 h ago',
  })
  @ApiQuery({ name: 'to', required: false })
  journey(@Caller() caller: Caller, @Param('id') id: string, @Query() query: Record<string, string>) {
    const { from, to } = timeParameters(query, ['from', 'to']);
    return this.journeys.journey(caller, id, from, to);
  }
}

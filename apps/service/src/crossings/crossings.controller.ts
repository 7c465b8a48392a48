import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { Caller } from '../auth/caller';
import { ReaderLanguage } from '../http/reader-language';
import { TimeParameterPipe } from '../http/time-parameter';
import type { Language } from '@jct/rules';
import { CrossingsService } from './crossings.service';
import { ManualMeasurements } from './manual-measurements';

/** Crossing status for operators: the verdict, the allowed mass and every reason behind it. */
@ApiTags('crossings')
@Controller('api/crossings')
@Roles('operator', 'engineer')
export class CrossingsController {
  constructor(
    private readonly crossings: CrossingsService,
    private readonly manual: ManualMeasurements,
  ) {}

  @Get()
  list(@ReaderLanguage() language: Language) {
    return this.crossings.list(language);
  }

  @Get(':id')
  get(@Param('id') id: string, @ReaderLanguage() language: Language) {
    return this.crossings.get(id, language);
  }

  /** Capacity over time: status and allowed mass at every change, from..to (default 7 days). */
  @Get(':id/history')
  @ApiQuery({
    name: 'from',
    required: false,
    description: 'ISO 8601 with a zone, or epoch ms; default 7 days ago',
  })
  @ApiQuery({ name: 'to', required: false })
  capacity(
    @Param('id') id: string,
    @Query('from', TimeParameterPipe) from?: number,
    @Query('to', TimeParameterPipe) to?: number,
  ) {
    return this.crossings.capacity(id, from, to);
  }

  /**
   * An operator's manual ice measurement (a drilling) at a station: `{ thicknessCm, measuredAt? }`.
   * Recorded with who and when; it confirms a rise the station reported faster than ice can grow.
   */
  @Post(':id/stations/:stationId/measurements')
  @Roles('operator')
  measure(
    @Caller() caller: Caller,
    @Param('id') id: string,
    @Param('stationId') stationId: string,
    @Body() body: unknown,
  ) {
    return this.manual.record(caller, id, stationId, body);
  }
}

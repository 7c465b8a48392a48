import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { RejectionLog } from '../ingest/rejection-log';

/** What devices sent wrong, newest first (the last 1000 messages with a rejection). */
@ApiTags('devices')
@Controller('api/rejections')
@Roles('engineer')
export class RejectionsController {
  constructor(private readonly log: RejectionLog) {}

  @Get()
  @ApiQuery({ name: 'deviceId', required: false })
  @ApiQuery({ name: 'code', required: false, description: 'a rejection code, e.g. out_of_range' })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 1000, default 100' })
  list(
    @Query('deviceId') deviceId?: string,
    @Query('code') code?: string,
    @Query('limit') limitText?: string,
  ) {
    const limit = limitText === undefined ? 100 : /^\d+$/.test(limitText) ? Number(limitText) : NaN;
    if (!(limit >= 1 && limit <= 1000)) throw new BadRequestException(['limit: 1 to 1000']);
    return this.log
      .list({ deviceId, code, limit })
      .map((m) => ({ ...m, receivedAt: new Date(m.receivedAt).toISOString() }));
  }
}

import { BadRequestException, Controller, Get, Param, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { Caller } from '../auth/caller';
import { ShipmentsService } from './shipments.service';

/** Shipments (containers) for their cargo owners, and for operators. */
@ApiTags('shipments')
@Controller('api/shipments')
@Roles('cargo-owner', 'operator')
export class ShipmentsController {
  constructor(private readonly shipments: ShipmentsService) {}

  @Get()
  list(@Caller() caller: Caller) {
    return this.shipments.list(caller);
  }

  @Get(':id')
  get(@Caller() caller: Caller, @Param('id') id: string) {
    return this.shipments.get(caller, id);
  }

  @Get(':id/conditions')
  @ApiQuery({ name: 'from', required: false, description: 'ISO 8601 or epoch ms; default 24 h ago' })
  @ApiQuery({ name: 'to', required: false })
  conditions(@Caller() caller: Caller, @Param('id') id: string, @Query() query: Record<string, string>) {
    const { from, to } = parseRange(query);
    return this.shipments.conditions(caller, id, from, to);
  }

  @Get(':id/reefer-events')
  @ApiQuery({ name: 'from', required: false, description: 'ISO 8601 or epoch ms; default 24 h ago' })
  @ApiQuery({ name: 'to', required: false })
  reeferEvents(@Caller() caller: Caller, @Param('id') id: string, @Query() query: Record<string, string>) {
    const { from, to } = parseRange(query);
    return this.shipments.reeferEvents(caller, id, from, to);
  }
}

function parseRange(query: Record<string, string | undefined>): { from?: number; to?: number } {
  const errors: string[] = [];
  const parse = (name: 'from' | 'to') => {
    const text = query[name];
    if (text === undefined) return undefined;
    const value = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
    if (Number.isNaN(value)) errors.push(`${name}: ISO 8601 or epoch milliseconds`);
    return value;
  };
  const range = { from: parse('from'), to: parse('to') };
  if (errors.length > 0) throw new BadRequestException(errors);
  return range;
}

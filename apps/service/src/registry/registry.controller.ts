import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { Caller } from '../auth/caller';
import { DeviceRegistry } from './device-registry.service';
import { parseListQuery } from './list-query';

/**
 * Provisioning devices at run time. Engineers and admins change; a cargo owner reads the devices
 * on their own containers (any other answers 404); operators use the read-only /api/devices.
 */
@ApiTags('registry')
@Controller('api/registry/devices')
@Roles('engineer')
export class RegistryDevicesController {
  constructor(private readonly devices: DeviceRegistry) {}

  @Get()
  @Roles('engineer', 'cargo-owner')
  @ApiQuery({ name: 'kind', required: false })
  @ApiQuery({ name: 'asset', required: false })
  @ApiQuery({ name: 'status', required: false, description: 'active or revoked' })
  @ApiQuery({ name: 'source', required: false, description: 'site-config or api' })
  @ApiQuery({ name: 'after', required: false, description: 'the `next` of the previous page' })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 1000, default 100' })
  list(@Caller() caller: Caller, @Query() query: Record<string, unknown>) {
    const parsed = parseListQuery(query, ['kind', 'asset', 'status', 'source']);
    if ('errors' in parsed) throw new BadRequestException(parsed.errors);
    return this.devices.list(caller, parsed.query);
  }

  @Get('export')
  @Roles('engineer', 'cargo-owner')
  @ApiQuery({ name: 'format', required: true, description: 'csv or yaml' })
  async export(@Caller() caller: Caller, @Query('format') format: unknown, @Res() response: TextResponse) {
    const text = await this.devices.exportAll(caller, format);
    response
      .status(200)
      .set('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/yaml; charset=utf-8')
      .send(text);
  }

  @Post('import')
  importMany(@Caller() caller: Caller, @Body() body: unknown) {
    return this.devices.importMany(caller, body);
  }

  @Get(':id')
  @Roles('engineer', 'cargo-owner')
  get(@Caller() caller: Caller, @Param('id') id: string) {
    return this.devices.get(caller, id);
  }

  @Post()
  create(@Caller() caller: Caller, @Body() body: unknown) {
    return this.devices.create(caller, body);
  }

  @Post(':id/rotate')
  @HttpCode(200)
  rotate(@Caller() caller: Caller, @Param('id') id: string) {
    return this.devices.rotate(caller, id);
  }

  @Delete(':id')
  revoke(@Caller() caller: Caller, @Param('id') id: string) {
    return this.devices.revoke(caller, id);
  }
}

interface TextResponse {
  status(code: number): TextResponse;
  set(name: string, value: string): TextResponse;
  send(body: string): void;
}

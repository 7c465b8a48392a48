import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';
import { Roles } from '../auth/auth.decorators';
import { Caller } from '../auth/caller';
import { readShipmentFile, shipmentsCsv, shipmentsYaml, type FileFormat } from './shipment-files';
import { ShipmentBook } from './shipment-book';
import { ShipmentRegistry } from './shipment-registry.service';
import { readTextBody } from './text-body';
import { shipmentView } from './shipment-view';

/**
 * Registering, editing and closing shipments. A cargo owner writes their own (another owner's
 * answers 404); operators and admins any; engineers none (403).
 */
function fileFormat(format: string): FileFormat {
  if (format === 'csv' || format === 'yaml') return format;
  throw new BadRequestException(['format: csv or yaml']);
}

@ApiTags('shipments')
@Controller('api/shipments')
@Roles('cargo-owner', 'operator')
export class ShipmentRecordsController {
  constructor(
    private readonly registry: ShipmentRegistry,
    private readonly book: ShipmentBook,
  ) {}

  /** The caller's run-time shipments as CSV or YAML (the YAML-declared ones are in the site file). */
  @Get('export')
  @ApiQuery({ name: 'format', enum: ['csv', 'yaml'] })
  @Header('cache-control', 'no-store')
  export(
    @Caller() caller: Caller,
    @Query('format') format: string,
    @Res({ passthrough: true }) response: { type(mediaType: string): unknown },
  ) {
    const shipments = this.book.visibleTo(caller).filter((s) => s.origin === 'api');
    const kind = fileFormat(format);
    response.type(kind === 'csv' ? 'text/csv' : 'application/yaml');
    return kind === 'csv' ? shipmentsCsv(shipments) : shipmentsYaml(shipments);
  }

  /** Registers every shipment of a CSV or YAML file (the request body), or none. */
  @Post('import')
  @ApiQuery({ name: 'format', enum: ['csv', 'yaml'] })
  async import(@Caller() caller: Caller, @Query('format') format: string, @Req() request: IncomingMessage) {
    const read = readShipmentFile(fileFormat(format), await readTextBody(request));
    if ('problem' in read) throw new BadRequestException([`file: ${read.problem}`]);
    return (await this.registry.importMany(caller, read.entries)).map(shipmentView);
  }

  @Post()
  async create(@Caller() caller: Caller, @Body() body: unknown) {
    return shipmentView(await this.registry.create(caller, body));
  }

  @Patch(':id')
  async update(@Caller() caller: Caller, @Param('id') id: string, @Body() body: unknown) {
    return shipmentView(await this.registry.update(caller, id, body));
  }

  @Post(':id/start')
  @HttpCode(200)
  async start(@Caller() caller: Caller, @Param('id') id: string) {
    return shipmentView(await this.registry.act(caller, id, 'start'));
  }

  @Post(':id/deliver')
  @HttpCode(200)
  async deliver(@Caller() caller: Caller, @Param('id') id: string) {
    return shipmentView(await this.registry.act(caller, id, 'deliver'));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  async cancel(@Caller() caller: Caller, @Param('id') id: string) {
    return shipmentView(await this.registry.act(caller, id, 'cancel'));
  }
}

import { Body, Controller, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { Caller } from '../auth/caller';
import { ShipmentRegistry } from './shipment-registry.service';
import { shipmentView } from './shipment-view';

/**
 * Registering, editing and closing shipments. A cargo owner writes their own (another owner's
 * answers 404); operators and admins any; engineers none (403).
 */
@ApiTags('shipments')
@Controller('api/shipments')
@Roles('cargo-owner', 'operator')
export class ShipmentRecordsController {
  constructor(private readonly registry: ShipmentRegistry) {}

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

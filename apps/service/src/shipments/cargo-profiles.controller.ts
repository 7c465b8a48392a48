import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CARGO_PROFILES } from '@jct/rules';
import { Roles } from '../auth/auth.decorators';

/** The cargo profiles a shipment may take, with their limits: the registration page's picker. */
@ApiTags('shipments')
@Controller('api/cargo-profiles')
@Roles('cargo-owner', 'operator')
export class CargoProfilesController {
  @Get()
  list() {
    return Object.values(CARGO_PROFILES);
  }
}

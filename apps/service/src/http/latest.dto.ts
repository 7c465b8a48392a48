import { ApiProperty } from '@nestjs/swagger';
import { DEVICE_KINDS, UNIT_CODES, type UnitCode } from '@jct/contract';

const UNIT_DESCRIPTION =
  'SenML unit code (RFC 8428, RFC 8798): Cel, %RH, %EL, cm, mm, km/h, kg, deg, lat, lon; ' +
  '[g] (UCUM standard gravity, which SenML lacks) for shock; empty for true/false metrics';

/** The OpenAPI shape of GET /api/devices/{id}/latest (documentation only: no validation). */
export class LatestValue {
  @ApiProperty({ example: 'iceTempC' }) metric!: string;
  @ApiProperty({ oneOf: [{ type: 'number' }, { type: 'boolean' }], example: -7.5 }) value!: number | boolean;
  @ApiProperty({ enum: UNIT_CODES, description: UNIT_DESCRIPTION, example: 'Cel' }) unit!: UnitCode;
  @ApiProperty({ description: 'the unit as people write it: °C, %, cm …', example: '°C' })
  unitDisplay!: string;
  @ApiProperty({ format: 'date-time', description: 'device time of the reading' }) ts!: string;
}

export class DeviceLatest {
  @ApiProperty({ example: 'ICE-1' }) deviceId!: string;
  @ApiProperty({ enum: DEVICE_KINDS }) kind!: string;
  @ApiProperty({ type: [LatestValue] }) values!: LatestValue[];
}

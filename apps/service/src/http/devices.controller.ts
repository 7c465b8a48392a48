import {
  BadRequestException,
  Controller,
  Get,
  Headers,
  Inject,
  NotFoundException,
  Param,
  Query,
  Res,
} from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { METRICS, unitFields, type DeviceTags } from '@jct/contract';
import type { TelemetryStore } from '@jct/storage';
import { Roles } from '../auth/auth.decorators';
import { Caller } from '../auth/caller';
import { CallerScope } from '../auth/caller-scope';
import { Clock } from '../clock/clock';
import { SiteRegistry } from '../site/site-registry';
import { TELEMETRY_STORE } from '../storage/telemetry-store.provider';
import { streamCsv, telemetryCsv, wantsCsv, type CsvResponse } from './csv-export';
import { DeviceLatest } from './latest.dto';
import { parseTelemetryQuery, type TelemetryQueryInput } from './telemetry-query';

/**
 * Devices of the site and their telemetry. Secrets never leave the site registry. A cargo owner
 * sees only the devices on their own containers; any other is "no device" (404), as if absent.
 */
@ApiTags('devices')
@Controller('api/devices')
@Roles('operator', 'engineer', 'cargo-owner')
export class DevicesController {
  constructor(
    private readonly site: SiteRegistry,
    private readonly scope: CallerScope,
    @Inject(TELEMETRY_STORE) private readonly store: TelemetryStore,
    private readonly clock: Clock,
  ) {}

  @Get()
  list(@Caller() caller: Caller) {
    return this.site
      .allDevices()
      .filter((device) => this.scope.canSeeDevice(caller, device.id))
      .map(({ id, kind, asset, location }) => ({ id, kind, asset, location }));
  }

  @Get(':id/latest')
  @ApiOkResponse({ type: DeviceLatest, description: 'newest value of each metric' })
  async latest(@Caller() caller: Caller, @Param('id') id: string): Promise<DeviceLatest> {
    const device = this.device(caller, id);
    const values = await this.store.latest(device);
    return {
      deviceId: id,
      kind: device.kind,
      values: values.map((latest) => ({
        metric: latest.metric,
        value: latest.value,
        ...unitFields(METRICS[latest.metric].unit),
        ts: new Date(latest.ts).toISOString(),
      })),
    };
  }

  @Get(':id/telemetry')
  @ApiQuery({ name: 'metric', required: false, description: 'a metric of the device kind' })
  @ApiQuery({ name: 'from', required: false, description: 'ISO 8601 or epoch ms; default 24 h ago' })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'every', required: false, description: '30s, 5m, 1h, 1d: windows instead of points' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'], description: 'or Accept: text/csv' })
  @ApiProduces('application/json', 'text/csv')
  async telemetry(
    @Caller() caller: Caller,
    @Param('id') id: string,
    @Query() input: TelemetryQueryInput & { format?: string },
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: CsvResponse,
  ) {
    const device = this.device(caller, id);
    const parsed = parseTelemetryQuery(input, device.kind, this.clock.now());
    if ('errors' in parsed) throw new BadRequestException(parsed.errors);
    const { metric, from, to, everyMs, limit } = parsed.query;
    if (wantsCsv(input.format, accept) && !everyMs) {
      // Every raw point of the range, streamed page by page: no limit, bounded memory.
      const lines = telemetryCsv(this.store, device, metric, from, to, METRICS[metric].unit);
      await streamCsv(response, `${id}-${metric}.csv`, lines);
      return;
    }
    const rows = await this.store.range({ device, metric, from, to, everyMs, limit });
    return {
      deviceId: id,
      metric,
      ...unitFields(METRICS[metric].unit),
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      every: input.every,
      [everyMs ? 'windows' : 'points']: rows.map((row) => ({ ...row, ts: new Date(row.ts).toISOString() })),
    };
  }

  private device(caller: Caller, id: string): DeviceTags {
    const device = this.site.deviceTags(id);
    if (!device || !this.scope.canSeeDevice(caller, id))
      throw new NotFoundException(`no device "${id}" in the site configuration`);
    return device;
  }
}

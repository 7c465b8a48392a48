import { BadRequestException, Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Crossing } from '@jct/site-config';
import { FerryEvaluator } from '../ferries/ferry-evaluator';
import { Roles } from '../auth/auth.decorators';
import { SiteRegistry } from '../site/site-registry';
import { CrossingHistory } from './crossing-history';
import { CrossingMonitor } from './crossing-monitor.service';

/** Crossing status for operators: the verdict, the allowed mass and every reason behind it. */
@ApiTags('crossings')
@Controller('api/crossings')
@Roles('operator', 'engineer')
export class CrossingsController {
  constructor(
    private readonly site: SiteRegistry,
    private readonly monitor: CrossingMonitor,
    private readonly ferries: FerryEvaluator,
    private readonly history: CrossingHistory,
  ) {}

  @Get()
  list() {
    return this.site.config.crossings.map((crossing) => this.view(crossing));
  }

  @Get(':id')
  get(@Param('id') id: string) {
    const crossing = this.site.config.crossings.find((c) => c.id === id);
    if (!crossing) throw new NotFoundException(`no crossing "${id}"`);
    return this.view(crossing, true);
  }

  /** Capacity over time: status and allowed mass at every change, from..to (default 7 days). */
  @Get(':id/history')
  @ApiQuery({ name: 'from', required: false, description: 'ISO 8601 or epoch ms; default 7 days ago' })
  @ApiQuery({ name: 'to', required: false })
  capacity(@Param('id') id: string, @Query('from') fromText?: string, @Query('to') toText?: string) {
    if (!this.site.config.crossings.some((c) => c.id === id))
      throw new NotFoundException(`no crossing "${id}"`);
    const parse = (text: string | undefined, fallback: number, name: string) => {
      if (text === undefined) return fallback;
      const value = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
      if (Number.isNaN(value)) throw new BadRequestException([`${name}: ISO 8601 or epoch milliseconds`]);
      return value;
    };
    const to = parse(toText, Date.now(), 'to');
    const from = parse(fromText, to - 7 * 86_400_000, 'from');
    return {
      crossingId: id,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      points: this.history.between(id, from, to),
    };
  }

  private view(crossing: Crossing, detailed = false) {
    const base = { id: crossing.id, mode: crossing.mode, name: crossing.name, season: crossing.season };
    if (crossing.mode === 'ferry') {
      const status = this.ferries.status(crossing, Date.now());
      return {
        ...base,
        status: status.status,
        maxGrossTonnes: status.maxGrossTonnes,
        reasons: status.reasons,
        evaluatedAt: new Date(status.evaluatedAt).toISOString(),
      };
    }
    const status = this.monitor.status(crossing.id);
    const view = this.monitor.iceCrossings().find((v) => v.crossing.id === crossing.id);
    const stations =
      detailed && view
        ? [...view.stations.values()].map((s) => ({
            deviceId: s.deviceId,
            iceThicknessCm: s.iceThicknessCm && {
              value: s.iceThicknessCm.value,
              ts: new Date(s.iceThicknessCm.ts).toISOString(),
            },
            whiteIceCm: s.whiteIceCm && {
              value: s.whiteIceCm.value,
              ts: new Date(s.whiteIceCm.ts).toISOString(),
            },
            overflow: s.overflow && { value: s.overflow.value, ts: new Date(s.overflow.ts).toISOString() },
            crackWidthMm: s.crackWidthMm && {
              value: s.crackWidthMm.value,
              ts: new Date(s.crackWidthMm.ts).toISOString(),
            },
            location: this.site.device(s.deviceId)?.location,
          }))
        : undefined;
    return {
      ...base,
      status: status?.status ?? 'unknown',
      maxGrossTonnes: status?.maxGrossTonnes ?? 0,
      governingStationId: status?.governingStationId,
      effectiveThicknessCm: status?.effectiveThicknessCm,
      requiredThicknessCm: status?.requiredThicknessCm,
      reasons: status?.reasons ?? [],
      evaluatedAt: status ? new Date(status.evaluatedAt).toISOString() : undefined,
      stations,
      // The map of the dashboard draws the corridor and the stations on it.
      corridor: detailed ? crossing.corridor : undefined,
      corridorWidthM: detailed ? crossing.corridorWidthM : undefined,
    };
  }
}

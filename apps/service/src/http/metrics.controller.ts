import { Controller, Get, Header } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/auth.decorators';
import { MetricsService } from '../metrics/metrics.service';

/**
 * Prometheus text exposition of the service's counters, latencies and domain gauges. Open like
 * /health, as scrapers rarely carry keys: its labels are rejection codes, alert rules and
 * severities, crossings and ice stations (site infrastructure) — never an owner, shipment,
 * container or vehicle.
 */
@Controller('metrics')
@Public()
@SkipThrottle()
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}

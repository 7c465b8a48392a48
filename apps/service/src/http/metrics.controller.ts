import { Controller, Get, Header } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/auth.decorators';
import { MetricsService } from '../metrics/metrics.service';

/**
 * Prometheus text exposition of the service's counters and latencies. Open like /health: it holds aggregate counters labelled by rejection code only — no device, owner or
 * shipment — and scrapers rarely carry keys.
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

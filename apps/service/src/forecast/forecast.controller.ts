import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { ForecastViews } from './forecast-views';

/** The ice forecast of a crossing: advice for planning, never the crossing's status. */
@ApiTags('crossings')
@Controller('api/crossings')
@Roles('operator', 'engineer')
export class ForecastController {
  constructor(private readonly views: ForecastViews) {}

  @Get(':id/forecast')
  forecast(@Param('id') id: string) {
    return this.views.crossing(id);
  }

  /**
   * The forecast feed: an outside weather service publishes hourly air temperatures for the site,
   * `{ hours: [{ ts, tempC }] }`. Engineers hold the key of such an integration.
   */
  @Post(':id/air-forecast')
  @Roles('engineer')
  @HttpCode(202)
  airForecast(@Param('id') id: string, @Body() body: unknown) {
    return this.views.acceptAirForecast(id, body);
  }
}

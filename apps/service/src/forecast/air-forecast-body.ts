import { BadRequestException } from '@nestjs/common';
import type { AirSample } from '@jct/rules';
import { parseTimeParameter } from '../http/time-parameter';

const HOUR_MS = 3_600_000;
/** At most 10 days of hours, starting no earlier than a day ago [design]. */
const MAX_HOURS = 240;
const MAX_PAST_MS = 24 * HOUR_MS;
const MAX_AHEAD_MS = 10 * 24 * HOUR_MS;
/** Air temperatures outside this are a unit or typing fault on the Amur (docs/domain.md §1: −53 °C recorded) [design]. */
const AIR_RANGE_C = Object.freeze({ min: -70, max: 50 });

/**
 * An outside weather service's forecast: `{ hours: [{ ts, tempC }, …] }`, `ts` ISO 8601 with a
 * zone (or epoch ms as a string), one entry an hour. Every problem is listed in one 400, nothing
 * is kept from a rejected body.
 */
export function parseAirForecast(body: unknown, now: number): AirSample[] {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const hours = fields.hours;
  if (!Array.isArray(hours) || hours.length === 0 || hours.length > MAX_HOURS) {
    throw new BadRequestException([`hours: a list of 1 to ${MAX_HOURS} hourly entries { ts, tempC }`]);
  }
  const errors: string[] = [];
  const samples: AirSample[] = [];
  hours.forEach((entry: unknown, i) => {
    const hour = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const parsed =
      typeof hour.ts === 'string'
        ? parseTimeParameter(`hours[${i}].ts`, hour.ts)
        : { error: `hours[${i}].ts: ISO 8601 with a zone, or epoch milliseconds as a string` };
    const tempC = hour.tempC;
    if ('error' in parsed) errors.push(parsed.error);
    else if (parsed.ms < now - MAX_PAST_MS || parsed.ms > now + MAX_AHEAD_MS)
      errors.push(`hours[${i}].ts: outside the day before now to 10 days ahead`);
    if (typeof tempC !== 'number' || !(tempC >= AIR_RANGE_C.min && tempC <= AIR_RANGE_C.max))
      errors.push(`hours[${i}].tempC: a number of °C from ${AIR_RANGE_C.min} to ${AIR_RANGE_C.max}`);
    if (errors.length === 0 && 'ms' in parsed) samples.push({ ts: parsed.ms, tempC: tempC as number });
  });
  if (errors.length > 0) throw new BadRequestException(errors);
  return samples;
}

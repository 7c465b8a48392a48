import { aDeviceKind, metricDefinition, type DeviceKind, type MetricName } from '@jct/contract';
import { parseTimeParameter } from './time-parameter';

export interface TelemetryQueryInput {
  metric?: string;
  from?: string;
  to?: string;
  every?: string;
  limit?: string;
}

export interface TelemetryQuery {
  metric: MetricName;
  from: number;
  to: number;
  everyMs?: number;
  limit: number;
}

const DAY_MS = 86_400_000;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: DAY_MS };
const MAX_WINDOWS = 10_000;
const MAX_LIMIT = 10_000;

/**
 * Parses the query of GET /api/devices/{id}/telemetry. Returns the query or the list of what is
 * wrong, each naming the parameter, so the caller sees every mistake at once.
 */
export function parseTelemetryQuery(
  input: TelemetryQueryInput,
  kind: DeviceKind,
  now: number,
): { query: TelemetryQuery } | { errors: string[] } {
  const errors: string[] = [];
  const metric = input.metric;
  const definition = metric ? metricDefinition(metric) : undefined;
  if (!metric) errors.push('metric: required, e.g. metric=iceThicknessCm');
  else if (!definition || !(definition.kinds as readonly string[]).includes(kind)) {
    errors.push(`metric: "${metric}" is not a metric of ${aDeviceKind(kind)}`);
  }
  const to = input.to === undefined ? now : parseTime('to', input.to, errors);
  const from = input.from === undefined ? to - DAY_MS : parseTime('from', input.from, errors);
  if (!Number.isNaN(from) && !Number.isNaN(to) && from >= to) errors.push('from: must be before to');

  let everyMs: number | undefined;
  if (input.every !== undefined) {
    everyMs = parseDuration(input.every);
    if (everyMs === undefined) errors.push('every: not a duration; give e.g. 30s, 5m, 1h or 1d');
    else if (!Number.isNaN(from) && !Number.isNaN(to) && (to - from) / everyMs > MAX_WINDOWS) {
      errors.push(
        `every: ${input.every} gives more than ${MAX_WINDOWS} windows over this range; use a longer window`,
      );
    }
  }
  let limit = MAX_LIMIT;
  if (input.limit !== undefined) {
    limit = /^\d+$/.test(input.limit) ? Number(input.limit) : NaN;
    if (!(limit >= 1 && limit <= MAX_LIMIT)) errors.push(`limit: a whole number from 1 to ${MAX_LIMIT}`);
  }
  if (errors.length > 0) return { errors };
  return { query: { metric: metric as MetricName, from, to, everyMs, limit } };
}

/** NaN, with the reason added to `errors`, when the text is not a time. */
function parseTime(name: string, text: string, errors: string[]): number {
  const parsed = parseTimeParameter(name, text);
  if ('ms' in parsed) return parsed.ms;
  errors.push(parsed.error);
  return NaN;
}

export function parseDuration(text: string): number | undefined {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(text);
  if (!match) return undefined;
  const ms = Number(match[1]) * UNIT_MS[match[2]];
  return ms > 0 ? ms : undefined;
}

import { aDeviceKind, type DeviceKind } from './device-kinds';
import { metricDefinition, type MetricName } from './metrics';
import type { Rejection } from './rejection';

/** Checks one value against the vocabulary of the sender's kind. */
export function checkValue(
  kind: DeviceKind,
  metric: string,
  value: unknown,
): { metric: MetricName; value: number | boolean } | Rejection {
  const definition = metricDefinition(metric);
  if (!definition || !(definition.kinds as readonly string[]).includes(kind)) {
    return {
      code: 'unknown_metric',
      metric,
      reason: `metric "${metric}" is not in the vocabulary of ${aDeviceKind(kind)}`,
    };
  }
  if (definition.type === 'boolean') {
    // No coercion: "false" must not become true (class-transformer #306).
    if (typeof value !== 'boolean') {
      return {
        code: 'wrong_type',
        metric,
        reason: `${metric} must be true or false, got ${describe(value)}`,
      };
    }
    return { metric: metric as MetricName, value };
  }
  if (typeof value !== 'number') {
    return { code: 'wrong_type', metric, reason: `${metric} must be a number, got ${describe(value)}` };
  }
  if (!Number.isFinite(value)) {
    return { code: 'not_finite', metric, reason: `${metric} is not a finite number` };
  }
  const { min = -Infinity, max = Infinity, unit } = definition;
  if (value < min || value > max) {
    return {
      code: 'out_of_range',
      metric,
      reason: `${metric} = ${value} ${unit} is outside the possible range ${min}…${max} ${unit}`,
    };
  }
  return { metric: metric as MetricName, value };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string')
    return `the string "${value.length > 20 ? value.slice(0, 20) + '…' : value}"`;
  return typeof value;
}

export function isRejection(value: unknown): value is Rejection {
  return typeof value === 'object' && value !== null && 'code' in value && 'reason' in value;
}

import { aDeviceKind } from './device-kinds';
import { metricDefinition, type MetricName } from './metrics';
import type { ParseContext } from './parse-telemetry';
import type { Rejection } from './rejection';
import type { ParseResult } from './telemetry';
import { checkTimestampWindow } from './timestamps';
import { convertToMetricUnit, acceptedUnits } from './units';
import { checkValue, isRejection } from './value-check';

/** SenML JSON (RFC 8428 §4): an array of records carrying n/v/vb and base fields bn/bt/bu/bv. */
interface SenmlRecord {
  bn?: unknown;
  bt?: unknown;
  bu?: unknown;
  bv?: unknown;
  n?: unknown;
  u?: unknown;
  v?: unknown;
  vb?: unknown;
  vs?: unknown;
  vd?: unknown;
  s?: unknown;
  t?: unknown;
}

const SENML_KEYS = ['bn', 'bt', 'bu', 'bv', 'n', 'u', 'v', 'vb', 'vs', 'vd', 's', 't', 'bver'];
// RFC 8428 §4.5.3: a time below 2**28 s is relative to now.
const RELATIVE_TIME_LIMIT_S = 2 ** 28;

/** A SenML pack is an array whose records use SenML keys and not our "values" shape. */
export function isSenml(body: unknown): body is SenmlRecord[] {
  return (
    Array.isArray(body) &&
    body.length > 0 &&
    body.every(
      (r) => typeof r === 'object' && r !== null && !Array.isArray(r) && !Object.hasOwn(r, 'values'),
    ) &&
    body.some((r) => SENML_KEYS.some((key) => Object.hasOwn(r as object, key)))
  );
}

export function parseSenml(records: SenmlRecord[], context: ParseContext): ParseResult {
  const result: ParseResult = { points: [], rejections: [] };
  if (records.length > context.limits.maxReadingsPerMessage) {
    result.rejections.push({
      code: 'too_many_readings',
      reason: `${records.length} SenML records in one message; the limit is ${context.limits.maxReadingsPerMessage}`,
    });
    return result;
  }
  let baseName = '';
  let baseTime = 0;
  let baseUnit: string | undefined;
  let baseValue = 0;
  let values = 0;
  records.forEach((record, index) => {
    // Base fields apply to this record and every later one (RFC 8428 §4.1).
    if (typeof record.bn === 'string') baseName = record.bn;
    if (typeof record.bt === 'number') baseTime = record.bt;
    if (typeof record.bu === 'string') baseUnit = record.bu;
    if (typeof record.bv === 'number') baseValue = record.bv;
    const hasValue = ['v', 'vb', 'vs', 'vd', 's'].some((key) => Object.hasOwn(record, key));
    if (!hasValue) return; // a record of base fields only
    values++;
    const outcome = senmlPoint(record, index, baseName, baseTime, baseUnit, baseValue, context);
    if (isRejection(outcome)) result.rejections.push(outcome);
    else result.points.push(outcome);
  });
  if (values === 0) {
    result.rejections.push({
      code: 'bad_shape',
      reason: 'the SenML pack has no record with a value (v or vb)',
    });
  }
  return result;
}

function senmlPoint(
  record: SenmlRecord,
  index: number,
  baseName: string,
  baseTime: number,
  baseUnit: string | undefined,
  baseValue: number,
  context: ParseContext,
): { metric: MetricName; ts: number; value: number | boolean } | Rejection {
  const name = baseName + (typeof record.n === 'string' ? record.n : '');
  // Devices name records "ICE-1/iceThicknessCm" or "urn:dev:...:iceThicknessCm": the metric is the
  // last segment of the resolved name.
  const metric = name.split(/[/:;]/).pop() ?? '';
  const definition = metricDefinition(metric);
  if (!definition)
    return { index, metric, code: 'unknown_metric', reason: `SenML name "${name}" names no known metric` };
  if (!(definition.kinds as readonly string[]).includes(context.kind)) {
    return {
      index,
      metric,
      code: 'unknown_metric',
      reason: `metric "${metric}" is not in the vocabulary of ${aDeviceKind(context.kind)}`,
    };
  }

  if (record.t !== undefined && typeof record.t !== 'number') {
    return { index, metric, code: 'bad_timestamp', reason: 'SenML "t" must be a number of seconds' };
  }
  const seconds = baseTime + ((record.t as number | undefined) ?? 0);
  const ts = Math.round(
    seconds < RELATIVE_TIME_LIMIT_S ? context.receivedAt + seconds * 1000 : seconds * 1000,
  );
  const tsProblem = checkTimestampWindow(ts, context.receivedAt, context.limits);
  if (tsProblem) return { index, metric, ...tsProblem };

  let value: unknown;
  if (definition.type === 'boolean') {
    value = record.vb;
  } else if (typeof record.v === 'number') {
    const unit = typeof record.u === 'string' ? record.u : baseUnit;
    const raw = baseValue + record.v;
    value = unit === undefined ? raw : convertToMetricUnit(metric as MetricName, unit, raw);
    if (value === undefined) {
      return {
        index,
        metric,
        code: 'bad_unit',
        reason: `unit "${unit}" does not fit ${metric}; use one of ${acceptedUnits(metric as MetricName).join(', ')}`,
      };
    }
  } else if (Object.hasOwn(record, 'v')) {
    value = record.v; // not a number: checkValue names the wrong type
  } else {
    // A sum ("s"), string ("vs") or data ("vd") value is not a reading of a numeric metric.
    return {
      index,
      metric,
      code: 'wrong_type',
      reason: `SenML record for ${metric} must carry a numeric "v"`,
    };
  }
  const checked = checkValue(context.kind, metric, value);
  return isRejection(checked) ? { index, ...checked } : { ...checked, ts };
}

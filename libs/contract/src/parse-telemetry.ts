import type { DeviceKind } from './device-kinds';
import type { Rejection } from './rejection';
import { isSenml, parseSenml } from './senml';
import type { IngestLimits, ParseResult, TelemetryPoint } from './telemetry';
import { checkTimestampWindow, parseDeviceTimestamp } from './timestamps';
import { checkValue, isRejection } from './value-check';

export interface ParseContext {
  kind: DeviceKind;
  /** When the service received the message, epoch ms: the reference for the timestamp window. */
  receivedAt: number;
  limits: IngestLimits;
}

/**
 * Turns a raw telemetry payload into points and rejections. Never throws: whatever a device sends
 * becomes an explained rejection, and the good readings of a batch are kept.
 *
 * Granularity: a problem with a message (size, JSON, shape) rejects the message; a problem with a
 * reading's timestamp rejects that reading; a problem with one value rejects that value only.
 */
export function parseTelemetry(payload: Uint8Array, context: ParseContext): ParseResult {
  if (payload.byteLength > context.limits.maxPayloadBytes) {
    return reject({
      code: 'payload_too_large',
      reason: `payload is ${payload.byteLength} bytes; the limit is ${context.limits.maxPayloadBytes}`,
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8'));
  } catch (error) {
    return reject({ code: 'not_json', reason: `payload is not JSON: ${(error as Error).message}` });
  }
  if (isSenml(body)) return parseSenml(body, context);

  const readings = Array.isArray(body) ? body : [body];
  if (readings.length === 0) return reject({ code: 'bad_shape', reason: 'payload is an empty array' });
  if (readings.length > context.limits.maxReadingsPerMessage) {
    return reject({
      code: 'too_many_readings',
      reason: `${readings.length} readings in one message; the limit is ${context.limits.maxReadingsPerMessage}`,
    });
  }
  const result: ParseResult = { points: [], rejections: [] };
  const batch = Array.isArray(body);
  readings.forEach((reading, position) =>
    parseReading(reading, batch ? position : undefined, context, result),
  );
  return result;
}

function parseReading(
  reading: unknown,
  index: number | undefined,
  context: ParseContext,
  into: ParseResult,
): void {
  const at = index === undefined ? {} : { index };
  if (typeof reading !== 'object' || reading === null || Array.isArray(reading)) {
    into.rejections.push({
      ...at,
      code: 'bad_shape',
      reason: 'a reading must be an object {"ts": …, "values": {…}}',
    });
    return;
  }
  const { ts: rawTs, values } = reading as { ts?: unknown; values?: unknown };
  if (
    typeof values !== 'object' ||
    values === null ||
    Array.isArray(values) ||
    Object.keys(values).length === 0
  ) {
    into.rejections.push({ ...at, code: 'bad_shape', reason: '"values" must be an object of metric: value' });
    return;
  }
  const ts = parseDeviceTimestamp(rawTs);
  const tsProblem = isRejection(ts) ? ts : checkTimestampWindow(ts, context.receivedAt, context.limits);
  if (tsProblem) {
    into.rejections.push({ ...at, ...tsProblem });
    return;
  }
  for (const [metric, value] of Object.entries(values)) {
    const checked = checkValue(context.kind, metric, value);
    if (isRejection(checked)) into.rejections.push({ ...at, ...checked });
    else
      into.points.push({
        metric: checked.metric,
        ts: ts as number,
        value: checked.value,
      } satisfies TelemetryPoint);
  }
}

function reject(rejection: Rejection): ParseResult {
  return { points: [], rejections: [rejection] };
}

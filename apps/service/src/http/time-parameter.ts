import { BadRequestException, Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { isCalendarDate } from '@jct/contract';

const EPOCH_MS = /^\d{1,15}$/;
/** A date, or a date and time with a zone: Z or ±hh:mm. */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;
const ISO_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * Parses one time parameter of a query: epoch milliseconds, or ISO 8601 with a zone (a date alone
 * is UTC midnight, as ECMAScript reads it). A time of day without a zone is refused rather than
 * read as the server's local time: the two ends of the crossing are an hour apart (UTC+9 and
 * UTC+8), and a server's zone is nobody's. The error names the parameter.
 */
export function parseTimeParameter(name: string, text: string): { ms: number } | { error: string } {
  if (EPOCH_MS.test(text)) return { ms: Number(text) };
  if (ISO_WITHOUT_ZONE.test(text))
    return { error: `${name}: no time zone; add Z or an offset such as +09:00, or give epoch milliseconds` };
  if (ISO_WITH_ZONE.test(text) && isCalendarDate(text)) return { ms: Date.parse(text) };
  return {
    error: `${name}: not a time; give ISO 8601 with a zone (2026-01-20T03:00:00Z) or epoch milliseconds`,
  };
}

/**
 * Reads the named time parameters of a query; undefined for those absent. Every bad one is
 * answered 400 together, each message naming its parameter.
 */
export function timeParameters<Name extends string>(
  query: Partial<Record<Name, string>>,
  names: readonly Name[],
): Partial<Record<Name, number>> {
  const times: Partial<Record<Name, number>> = {};
  const errors: string[] = [];
  for (const name of names) {
    const text = query[name];
    if (text === undefined) continue;
    const parsed = parseTimeParameter(name, text);
    if ('error' in parsed) errors.push(parsed.error);
    else times[name] = parsed.ms;
  }
  if (errors.length > 0) throw new BadRequestException(errors);
  return times;
}

/** The same for one parameter: `@Query('from', TimeParameterPipe) from?: number`. */
@Injectable()
export class TimeParameterPipe implements PipeTransform<string | undefined, number | undefined> {
  transform(text: string | undefined, metadata: ArgumentMetadata): number | undefined {
    const name = metadata.data ?? 'time';
    return timeParameters({ [name]: text }, [name])[name];
  }
}

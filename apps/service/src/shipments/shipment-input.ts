import { isValidContainerNumber } from '@jct/contract';
import { LEG_MODES, type FieldProblem, type ShipmentDraft } from '@jct/rules';
import { z } from 'zod';
import { parseTimeParameter } from '../http/time-parameter';

const text = z.string().trim().min(1).max(200);
/** ISO 8601 with a zone, or epoch milliseconds: the same rule as the API's time parameters. */
const time = z.union([z.number().int().nonnegative(), z.string()]).transform((value, context) => {
  if (typeof value === 'number') return value;
  const parsed = parseTimeParameter('time', value);
  if ('ms' in parsed) return parsed.ms;
  context.addIssue({ code: 'custom', message: parsed.error.replace(/^time: /, '') });
  return z.NEVER;
});
const range = (min: number, max: number) =>
  z.strictObject({ min: z.number().min(min).max(max), max: z.number().min(min).max(max) }).partial();

const fields = {
  containerNumber: z
    .string()
    .trim()
    .toUpperCase()
    .refine(
      isValidContainerNumber,
      'an ISO 6346 number: owner code, U/J/Z, 6 digits and a valid check digit',
    ),
  cargoProfile: text,
  overrides: z
    .strictObject({
      tempC: range(-100, 100),
      humidityPct: range(0, 100),
      shockMaxG: z.number().positive().max(100),
      excursionMinutes: z
        .number()
        .nonnegative()
        .max(24 * 60),
    })
    .partial(),
  trackers: z.array(text).max(10),
  legs: z
    .array(
      z.strictObject({
        mode: z.enum(LEG_MODES),
        from: text,
        to: text,
        departAt: time,
        arriveAt: time,
      }),
    )
    .max(20),
  description: z.string().max(500),
};

/** The body of `POST /api/shipments`. A cargo owner's `owner` is their own and may be left out. */
export const createShipmentBody = z.strictObject({
  ...fields,
  owner: text.optional(),
  overrides: fields.overrides.default({}),
  trackers: fields.trackers.default([]),
  legs: fields.legs.default([]),
  description: fields.description.optional(),
});
export type CreateShipmentBody = z.output<typeof createShipmentBody>;

/** The body of `PATCH /api/shipments/{id}`: the fields to change; the owner never changes. */
export const updateShipmentBody = z.strictObject(fields).partial();
export type ShipmentChanges = Partial<Omit<ShipmentDraft, 'owner'>>;

/** Parses a body; every problem names its field (`legs[1].departAt`). */
export function parseBody<T>(
  schema: z.ZodType<T>,
  body: unknown,
): { ok: true; value: T } | { ok: false; problems: FieldProblem[] } {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({ field: fieldPath(issue.path), message: issue.message })),
  };
}

export function fieldPath(path: readonly PropertyKey[]): string {
  return (
    path.reduce<string>(
      (joined, part) =>
        typeof part === 'number' ? `${joined}[${part}]` : joined ? `${joined}.${String(part)}` : String(part),
      '',
    ) || '(body)'
  );
}

/** Field problems as the API's 400 body lists them: `field: message`. */
export const problemLines = (problems: FieldProblem[]) => problems.map((p) => `${p.field}: ${p.message}`);

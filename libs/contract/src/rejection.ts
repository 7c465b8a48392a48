/** Why a message, a reading or a value was not stored. Codes are stable: devices may act on them. */
export const REJECTION_CODES = [
  'payload_too_large',
  'not_json',
  'bad_shape',
  'too_many_readings',
  'unknown_device',
  'bad_timestamp',
  'timestamp_in_future',
  'timestamp_too_old',
  'unknown_metric',
  'wrong_type',
  'not_finite',
  'out_of_range',
  'bad_unit',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export interface Rejection {
  code: RejectionCode;
  /** A sentence the device's engineer can act on. */
  reason: string;
  /** Position of the reading (or SenML record) in a batch, when the problem is within one. */
  index?: number;
  metric?: string;
}

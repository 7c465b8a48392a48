/**
 * The one unit vocabulary of the API: SenML codes (RFC 8428 §12.1, RFC 8798), which devices also
 * send, each with the symbol people read. SenML has no code for standard gravity (its "g" is the
 * gram), so shock takes UCUM's "[g]". Booleans have no unit ('').
 */
export const UNIT_DISPLAY = {
  cm: 'cm',
  mm: 'mm',
  Cel: '°C',
  lat: '°',
  lon: '°',
  deg: '°',
  'km/h': 'km/h',
  kg: 'kg',
  '%RH': '%RH',
  '%EL': '%',
  '[g]': 'g',
  '': '',
} as const;

export type UnitCode = keyof typeof UNIT_DISPLAY;

export const UNIT_CODES = Object.keys(UNIT_DISPLAY) as UnitCode[];

/** The symbol people read for a unit code: Cel → °C. */
export function displayUnit(code: UnitCode): string {
  return UNIT_DISPLAY[code];
}

/** The unit of a value as the API gives it: the code, and the symbol people read. */
export function unitFields(unit: UnitCode): { unit: UnitCode; unitDisplay: string } {
  return { unit, unitDisplay: displayUnit(unit) };
}

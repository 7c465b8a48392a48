/**
 * ISO 6346 container numbers: owner code (3 letters), category (U, J or Z), serial (6 digits) and
 * a check digit computed from the first ten characters (docs/domain.md §6).
 */
const PATTERN = /^[A-Z]{3}[UJZ]\d{7}$/;

function letterValue(letter: string): number {
  // A=10 … Z=38, skipping multiples of 11 (ISO 6346 Annex A).
  let value = 10;
  for (let code = 'A'.charCodeAt(0); code < letter.charCodeAt(0); code++) {
    value += 1;
    if (value % 11 === 0) value += 1;
  }
  return value;
}

export function iso6346CheckDigit(firstTen: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const char = firstTen[i];
    const value = /\d/.test(char) ? Number(char) : letterValue(char);
    sum += value * 2 ** i;
  }
  return (sum % 11) % 10;
}

export function isValidContainerNumber(value: string): boolean {
  return PATTERN.test(value) && iso6346CheckDigit(value.slice(0, 10)) === Number(value[10]);
}

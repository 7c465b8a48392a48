import { iso6346CheckDigit, isValidContainerNumber } from './iso6346';

describe('iso6346CheckDigit', () => {
  // CSQU305438: C=13 S=30 Q=28 U=32, weights 2^0…2^9 → 6185; 6185 mod 11 = 3 (ISO 6346 Annex A).
  const cases: { firstTen: string; digit: number }[] = [
    { firstTen: 'CSQU305438', digit: 3 },
    // Same owner and serial in the other categories: J=20 → 6089 mod 11 = 6; Z=38 → 6233 mod 11 = 7.
    { firstTen: 'CSQJ305438', digit: 6 },
    { firstTen: 'CSQZ305438', digit: 7 },
    // AAAU000000: 10 + 2·10 + 4·10 + 8·32 = 326; 326 mod 11 = 7.
    { firstTen: 'AAAU000000', digit: 7 },
    // AAAU000001: 326 + 512 = 838; 838 mod 11 = 2.
    { firstTen: 'AAAU000001', digit: 2 },
  ];
  it.each(cases)('$firstTen → $digit', ({ firstTen, digit }) => {
    expect(iso6346CheckDigit(firstTen)).toBe(digit);
  });

  it('a remainder of 10 gives the check digit 0 (ISO 6346 Annex A)', () => {
    // AAAU000010: 326 + 1·256 = 582; 582 mod 11 = 10 → check digit 0.
    expect(iso6346CheckDigit('AAAU000010')).toBe(0);
    expect(isValidContainerNumber('AAAU0000100')).toBe(true);
  });
});

describe('isValidContainerNumber', () => {
  const cases: { name: string; value: string; valid: boolean }[] = [
    { name: 'CSQU3054383 (the ISO 6346 example)', value: 'CSQU3054383', valid: true },
    { name: 'category J with its check digit', value: 'CSQJ3054386', valid: true },
    { name: 'category Z with its check digit', value: 'CSQZ3054387', valid: true },
    { name: 'a wrong check digit', value: 'CSQU3054384', valid: false },
    { name: 'two serial digits swapped', value: 'CSQU3054833', valid: false },
    { name: 'lower case', value: 'csqu3054383', valid: false },
    { name: 'mixed case', value: 'CSqU3054383', valid: false },
    // R=29: CSQR305438 sums to 6161, 6161 mod 11 = 1, so the digit "fits" but R is no category.
    { name: 'category R (not U, J or Z) even with a fitting digit', value: 'CSQR3054381', valid: false },
    { name: 'a digit in the owner code', value: 'C5QU3054383', valid: false },
    { name: 'spaces as printed on the door', value: 'CSQU 305438 3', valid: false },
    { name: 'no check digit', value: 'CSQU305438', valid: false },
    { name: 'one digit too many', value: 'CSQU30543830', valid: false },
    { name: 'surrounding whitespace', value: ' CSQU3054383', valid: false },
    { name: 'empty', value: '', valid: false },
  ];
  it.each(cases)('$name: "$value" → valid: $valid', ({ value, valid }) => {
    expect(isValidContainerNumber(value)).toBe(valid);
  });
});

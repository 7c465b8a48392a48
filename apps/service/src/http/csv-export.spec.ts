import { csvField, csvLine, wantsCsv } from './csv-export';

describe('CSV fields (RFC 4180)', () => {
  it.each([
    ['plain text stays as it is', 'ICE-1', 'ICE-1'],
    ['a comma is quoted', 'a,b', '"a,b"'],
    ['a quote is doubled inside quotes', 'say "hi"', '"say ""hi"""'],
    ['a line break is quoted', 'two\nlines', '"two\nlines"'],
    ['a number is written as it is', 2.5, '2.5'],
    ['nothing is an empty field', undefined, ''],
  ] as const)('%s', (_case, value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('a line ends with CRLF', () => {
    expect(csvLine(['a', 1, true])).toBe('a,1,true\r\n');
  });
});

describe('asking for CSV', () => {
  it.each([
    ['?format=csv', 'csv', undefined, true],
    ['?format=json wins over the header', 'json', 'text/csv', false],
    ['Accept: text/csv', undefined, 'text/csv', true],
    ['JSON listed first wins', undefined, 'application/json, text/csv', false],
    ['CSV listed before a wildcard', undefined, 'text/csv, */*;q=0.1', true],
    ['no header → JSON', undefined, undefined, false],
  ] as const)('%s', (_case, format, accept, expected) => {
    expect(wantsCsv(format, accept)).toBe(expected);
  });
});

import { csvLine, parseCsv } from './csv';

describe('parseCsv', () => {
  it.each([
    [
      'plain fields and LF rows',
      'a,b\n1,2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'CRLF rows and no final line break',
      'a,b\r\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['a quoted comma, quote and line break', 'a\n"x, ""y""\nz"', [['a'], ['x, "y"\nz']]],
    ['empty fields kept', 'a,,c\n', [['a', '', 'c']]],
    ['blank lines skipped', 'a\n\n1\n', [['a'], ['1']]],
    ['a byte-order mark dropped', '\uFEFFa,b\n', [['a', 'b']]],
  ])('%s', (_name, text, rows) => {
    expect(parseCsv(text)).toEqual(rows);
  });

  it('an unclosed quote is an error, not a guess', () => {
    expect(() => parseCsv('a\n"open,1\n')).toThrow('a quoted field is not closed');
  });

  it('csvLine quotes what needs it, and parses back to the same fields', () => {
    const fields = ['plain', 'with, comma', 'say "hi"', 'two\nlines', ''];
    expect(parseCsv(csvLine(fields))).toEqual([fields]);
  });
});

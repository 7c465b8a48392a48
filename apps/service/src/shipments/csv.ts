/**
 * RFC 4180 CSV: fields separated by commas, rows by CRLF or LF; a field in double quotes may hold
 * commas, line breaks and doubled quotes. Enough for spreadsheets' exports; no dependency.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    if (!(row.length === 1 && row[0] === '')) rows.push(row); // blank lines are skipped
    row = [];
  };
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text; // a spreadsheet's byte-order mark
  while (i < body.length) {
    const char = body[i];
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else field += char;
      i += 1;
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === ',') endField();
    else if (char === '\n') endRow();
    else if (char !== '\r') field += char;
    i += 1;
  }
  if (quoted) throw new SyntaxError('a quoted field is not closed');
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/** One CSV line: fields with a comma, quote or line break are quoted. */
export function csvLine(fields: readonly string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(',');
}

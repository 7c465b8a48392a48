// InfluxQL building and result parsing. InfluxQL over /query is the one query language that 1.x,
// 2.x (v1 compatibility API) and 3.x all answer; Flux exists only on 1.8+/2.x.
// Syntax: https://docs.influxdata.com/influxdb/v1.6/query_language/spec/

/** A double-quoted identifier; backslash escapes `"` and itself. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** A single-quoted string literal; backslash escapes `'` and itself. */
export function quoteString(value: string): string {
  return `'${value.replace(/['\\]/g, (c) => `\\${c}`)}'`;
}

/** An absolute time as epoch milliseconds, e.g. `1768878000000ms`. */
export function msLiteral(ms: number, what: string): string {
  if (!Number.isSafeInteger(ms)) throw new Error(`${what} must be whole epoch milliseconds, got ${ms}`);
  return `${ms}ms`;
}

export interface InfluxSeries {
  columns: string[];
  values?: unknown[][];
}

export interface InfluxStatementResult {
  statement_id?: number;
  series?: InfluxSeries[];
  error?: string;
  /** Set when InfluxDB truncated the result (max-row-limit). */
  partial?: boolean;
}

/**
 * The statement results of a /query response, in statement order. On 1.x a failed statement
 * still answers HTTP 200, with the reason in `results[i].error`, so every result is checked.
 */
export function statementResults(body: unknown, query: string): InfluxStatementResult[] {
  const parsed = body as { results?: InfluxStatementResult[]; error?: string } | null;
  if (parsed?.error) throw new Error(`InfluxDB refused the query (${parsed.error}): ${query}`);
  if (!Array.isArray(parsed?.results)) throw new Error(`InfluxDB answered without results: ${query}`);
  const results = [...parsed.results].sort((a, b) => (a.statement_id ?? 0) - (b.statement_id ?? 0));
  for (const result of results) {
    if (result.error) throw new Error(`InfluxDB query failed (${result.error}): ${query}`);
    if (result.partial) throw new Error(`InfluxDB truncated the result (max-row-limit?): ${query}`);
  }
  return results;
}

/**
 * The rows of a result as objects keyed by column name. Without GROUP BY tags InfluxDB merges all
 * series of the selection into one, but concatenating keeps this right if it ever does not.
 */
export function rowsOf(result: InfluxStatementResult | undefined): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const series of result?.series ?? []) {
    for (const values of series.values ?? []) {
      rows.push(Object.fromEntries(series.columns.map((column, i) => [column, values[i]])));
    }
  }
  return rows;
}

export function numberAt(row: Record<string, unknown>, column: string): number {
  const value = row[column];
  if (typeof value !== 'number')
    throw new Error(`InfluxDB returned ${column}=${JSON.stringify(value)}, expected a number`);
  return value;
}

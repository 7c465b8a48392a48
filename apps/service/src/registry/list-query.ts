const MAX_LIMIT = 1000;
const DEFAULT_LIMIT = 100;

/**
 * `?after=&limit=` and the named string filters of a list, checked explicitly (no implicit
 * coercion): each bad parameter is named.
 */
export function parseListQuery<F extends string>(
  query: Record<string, unknown>,
  filters: readonly F[],
): { query: Partial<Record<F, string>> & { after?: string; limit: number } } | { errors: string[] } {
  const errors: string[] = [];
  const known = new Set<string>([...filters, 'after', 'limit']);
  for (const name of Object.keys(query)) if (!known.has(name)) errors.push(`${name}: not a parameter here`);
  for (const [name, value] of Object.entries(query))
    if (typeof value !== 'string') errors.push(`${name}: give it once`);
  let limit = DEFAULT_LIMIT;
  if (query.limit !== undefined) {
    limit = Number(query.limit);
    if (!/^\d+$/.test(String(query.limit)) || limit < 1 || limit > MAX_LIMIT)
      errors.push(`limit: a whole number from 1 to ${MAX_LIMIT}`);
  }
  if (errors.length > 0) return { errors };
  const picked: Partial<Record<F, string>> = {};
  for (const name of filters) if (query[name] !== undefined) picked[name] = query[name] as string;
  return { query: { ...picked, after: query.after as string | undefined, limit } };
}

import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { checkReferences, type ConfigProblem } from './references';
import { siteConfigSchema, type SiteConfig } from './schema';

export class SiteConfigError extends Error {
  override readonly name = 'SiteConfigError';
  constructor(
    readonly source: string,
    readonly problems: ConfigProblem[],
  ) {
    super(
      `site configuration ${source} has ${problems.length} problem(s):\n` +
        problems.map((problem) => `  - ${problem.path || '(root)'}: ${problem.message}`).join('\n'),
    );
  }
}

/** Parses and validates a site configuration; throws SiteConfigError naming every problem by path. */
export function parseSiteConfig(text: string, source = 'site configuration'): SiteConfig {
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    throw new SiteConfigError(
      source,
      document.errors.map((error) => ({
        path: `line ${error.linePos?.[0].line ?? '?'}`,
        message: error.message,
      })),
    );
  }
  const raw: unknown = document.toJS();
  const parsed = siteConfigSchema.safeParse(raw);
  if (!parsed.success) {
    // Report the reference problems too, so one run lists every mistake in the file.
    const problems = parsed.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      message: issue.message,
    }));
    throw new SiteConfigError(source, [...problems, ...referenceProblemsDespite(parsed.error.issues, raw)]);
  }
  const problems = checkReferences(parsed.data);
  if (problems.length > 0) throw new SiteConfigError(source, problems);
  return parsed.data;
}

/**
 * Reference problems of a file that failed the schema, leaving out what follows from the schema
 * problems: nothing when a whole list is malformed, and no complaint that names a broken entry.
 */
function referenceProblemsDespite(
  issues: readonly { path: readonly PropertyKey[] }[],
  raw: unknown,
): ConfigProblem[] {
  const LISTS = ['crossings', 'owners', 'assets', 'devices', 'people', 'mqttClients', 'apiKeys'];
  if (issues.some((issue) => issue.path.length <= 1 && LISTS.includes(String(issue.path[0])))) return [];
  const config = lenient(raw);
  const reported = new Set(issues.map((issue) => formatPath(issue.path)));
  const brokenIds = new Set<string>();
  for (const { path } of issues) {
    const entry = (config as unknown as Record<string, { id: string }[]>)[String(path[0])]?.[Number(path[1])];
    if (entry?.id) brokenIds.add(entry.id);
  }
  // A reference to a broken entry is a follow-on of its schema problem; anything else is its own mistake.
  const isReference = (path: string) => /\.(asset|owner|crossing|person)$/.test(path);
  return checkReferences(config).filter(
    (problem) =>
      !reported.has(problem.path) &&
      !(isReference(problem.path) && [...brokenIds].some((id) => problem.message.includes(`"${id}"`))),
  );
}

/**
 * The lists of a file that failed the schema, keeping only entries shaped enough (objects with a
 * string id) for the reference checks, which compare fields and never trust their types.
 */
function lenient(raw: unknown): SiteConfig {
  const source = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const list = (key: string) =>
    Array.isArray(source[key])
      ? (source[key] as unknown[]).map((item) =>
          typeof item === 'object' && item !== null && typeof (item as { id?: unknown }).id === 'string'
            ? item
            : { id: '' },
        )
      : [];
  return {
    crossings: list('crossings'),
    owners: list('owners'),
    assets: list('assets'),
    devices: list('devices'),
    people: list('people'),
    mqttClients: list('mqttClients'),
    apiKeys: list('apiKeys'),
  } as unknown as SiteConfig;
}

export function loadSiteConfig(path: string): SiteConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SiteConfigError(path, [
      { path: '', message: `cannot read the file: ${(error as Error).message}` },
    ]);
  }
  return parseSiteConfig(text, path);
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) =>
      typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key),
    '',
  );
}

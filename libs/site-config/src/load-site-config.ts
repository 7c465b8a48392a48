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
  const parsed = siteConfigSchema.safeParse(document.toJS());
  if (!parsed.success) {
    throw new SiteConfigError(
      source,
      parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
    );
  }
  const problems = checkReferences(parsed.data);
  if (problems.length > 0) throw new SiteConfigError(source, problems);
  return parsed.data;
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

import { parseSiteConfig, type SiteConfig } from '@jct/site-config';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import type { ZodError } from 'zod';
import { scenarioSchema, type Scenario } from './schema';

export class ScenarioError extends Error {}

/** Parses and validates a scenario; a bad file is one error listing every problem by its path. */
export function parseScenario(text: string, source = 'scenario'): Scenario {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new ScenarioError(`${source}: not YAML: ${(error as Error).message}`);
  }
  const result = scenarioSchema.safeParse(document);
  if (!result.success) throw new ScenarioError(`${source}:\n${formatIssues(result.error)}`);
  for (const [i, t] of result.data.weather.thaw.entries()) {
    if (t.to <= t.from)
      throw new ScenarioError(`${source}:\n  weather.thaw[${i}]: "to" must come after "from"`);
  }
  return result.data;
}

export function loadScenario(path: string): Scenario {
  if (!existsSync(path)) throw new ScenarioError(`${path}: no such scenario file`);
  return parseScenario(readFileSync(path, 'utf8'), path);
}

function formatIssues(error: ZodError): string {
  return error.issues
    .map((issue) => `  ${issue.path.length > 0 ? issue.path.join('.') : '(top)'}: ${issue.message}`)
    .join('\n');
}

/** The repository root (where package.json is), from src or from dist. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

export const SHIPPED_SITE = 'config/jalinda-mohe.site.yaml';
/** The scenario files shipped with the simulator. */
export const SCENARIO_DIR = join(repoRoot(), 'devices-sim', 'scenarios');

/**
 * The site configuration a scenario runs against, as YAML text: the base file with the scenario's
 * changes (seasons that cover the simulated dates, rule overrides, devices taken out). Validated
 * with the service's own schema, so a scenario cannot ask for a configuration the service refuses.
 */
export function scenarioSiteYaml(scenario: Scenario, basePath?: string): string {
  const base = resolveBase(basePath ?? scenario.site.base);
  const document = parse(readFileSync(base, 'utf8')) as {
    crossings: { id: string; season: unknown; rules?: Record<string, unknown> }[];
    devices: { id: string }[];
  };
  for (const [id, change] of Object.entries(scenario.site.crossings ?? {})) {
    const crossing = document.crossings.find((c) => c.id === id);
    if (!crossing) throw new ScenarioError(`site.crossings.${id}: ${base} has no such crossing`);
    if (change.season) crossing.season = change.season;
    if (change.rules) crossing.rules = { ...crossing.rules, ...change.rules };
  }
  const remove = new Set(scenario.site.removeDevices ?? []);
  document.devices = document.devices.filter((device) => !remove.has(device.id));
  const text = stringify(document);
  parseSiteConfig(text, `${base} with the changes of scenario ${scenario.name}`);
  return text;
}

export function scenarioSite(scenario: Scenario, basePath?: string): SiteConfig {
  return parseSiteConfig(scenarioSiteYaml(scenario, basePath), `site of scenario ${scenario.name}`);
}

/** Writes the scenario's site configuration to `out` (default a new temp file); returns the path. */
export function writeScenarioSite(scenario: Scenario, out?: string, basePath?: string): string {
  const path = out ?? join(mkdtempSync(join(tmpdir(), 'jct-sim-site-')), `${scenario.name}.site.yaml`);
  writeFileSync(path, scenarioSiteYaml(scenario, basePath));
  return path;
}

function resolveBase(path: string | undefined): string {
  if (path === undefined) return join(repoRoot(), SHIPPED_SITE);
  const fromCwd = resolve(path);
  return existsSync(fromCwd) ? fromCwd : join(repoRoot(), path);
}

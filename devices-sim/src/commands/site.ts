import { parseArgs } from 'node:util';
import { loadScenario, scenarioSiteYaml, writeScenarioSite } from '../scenario/load-scenario';
import type { Scenario } from '../scenario/schema';
import { findScenario, shippedScenarioFiles } from './options';

export const SITE_USAGE = `usage: npm run sim -- site <scenario> [--site BASE] [--out PATH]

  Prints (or writes) the site configuration a scenario runs against: start the service with it,
  SITE_CONFIG=PATH npm start, then npm run sim -- run <scenario> --check.`;

export function siteCommand(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      site: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(SITE_USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new Error(`site takes one scenario\n\n${SITE_USAGE}`);
  const scenario = findScenario(positionals[0]);
  if (values.out)
    console.error(`site of ${scenario.name} → ${writeScenarioSite(scenario, values.out, values.site)}`);
  else process.stdout.write(scenarioSiteYaml(scenario, values.site));
  return 0;
}

export function listCommand(): number {
  console.log(formatScenarioList(shippedScenarioFiles().map((file) => loadScenario(file))));
  return 0;
}

/** One line per scenario: its name in a column as wide as the longest name, then its summary. */
export function formatScenarioList(scenarios: Pick<Scenario, 'name' | 'description'>[]): string {
  const width = Math.max(0, ...scenarios.map((scenario) => scenario.name.length));
  return scenarios
    .map((scenario) => `${scenario.name.padEnd(width)}  ${scenario.description.split('\n')[0]}`.trimEnd())
    .join('\n');
}

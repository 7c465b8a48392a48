import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { SHIPPED_SITE_CONFIG } from '../harness/paths';

type SiteDocument = {
  crossings: { id: string; season: { opens: string; closes: string }; rules?: Record<string, unknown> }[];
} & Record<string, unknown>;

/**
 * The shipped site configuration, changed for a test and written to a temp file: e.g. an ice
 * season covering the whole year, so the tests do not depend on the date they run.
 */
export function writeSiteConfig(change: (site: SiteDocument) => void): string {
  const site = parse(readFileSync(SHIPPED_SITE_CONFIG, 'utf8')) as SiteDocument;
  change(site);
  const path = join(mkdtempSync(join(tmpdir(), 'jct-site-')), 'site.yaml');
  writeFileSync(path, stringify(site));
  return path;
}

/** Ice crossing in season all year, with the given rule overrides. */
export function iceAllYear(rules: Record<string, unknown> = {}): string {
  return writeSiteConfig((site) => {
    const ice = site.crossings.find((crossing) => crossing.id === 'jalinda-mohe-ice')!;
    ice.season = { opens: '01-01', closes: '12-31' };
    ice.rules = { ...ice.rules, ...rules };
  });
}

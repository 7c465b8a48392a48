import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository: the nearest folder above this file with a package.json. The same from the
 * sources (test/harness/ under Jest) and from the build (dist/test/harness/, for the benchmarks).
 */
function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const REPO_ROOT = repositoryRoot(__dirname);
/** The built service, as `npm run build` leaves it. */
export const BUILT_SERVICE = join(REPO_ROOT, 'dist', 'apps', 'service', 'src', 'main.js');
export const SHIPPED_SITE_CONFIG = join(REPO_ROOT, 'config', 'jalinda-mohe.site.yaml');

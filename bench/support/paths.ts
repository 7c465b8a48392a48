// Where the built benchmark runs from: this file is dist/bench/support/paths.js. A module of its
// own with no imports from bench/support, so every other support module may use it without an
// import cycle (a cycle left REPO_ROOT undefined while site-config.ts was loading).
import { join, resolve } from 'node:path';

export const DIST_ROOT = resolve(__dirname, '..', '..');
export const REPO_ROOT = resolve(DIST_ROOT, '..');
export const SHIPPED_SITE_CONFIG = join(REPO_ROOT, 'config', 'jalinda-mohe.site.yaml');

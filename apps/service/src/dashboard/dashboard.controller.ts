import { Controller, Get, Header, NotFoundException, Param, Redirect, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import {
  ALERT_STATE_NAMES,
  CROSSING_STATE_NAMES,
  METRIC_NAMES,
  PROFILE_NAMES,
  RULE_CATALOGUE,
  SEVERITY_NAMES,
  SUBJECT_KIND_NAMES,
} from '@jct/rules';
import { Public } from '../auth/auth.decorators';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};
// Scripts, styles and data from this origin only: a reading or an alert text can never run as code.
const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'";

/** Where the pages are: beside this file in the source tree and, copied by nest-cli.json, in dist. */
export const DASHBOARD_DIR = join(__dirname, 'public');

/**
 * Libraries the pages load as they are published (no bundler): uPlot's ES module and its styles,
 * served from node_modules so an `npm install` is the only step that updates them.
 */
const VENDORED: Record<string, string> = {
  'uPlot.esm.js': 'uplot/dist/uPlot.esm.js',
  'uPlot.min.css': 'uplot/dist/uPlot.min.css',
};

/**
 * The web dashboard: plain HTML and ES modules served by the service itself, so the default run
 * has nothing else to start. The files are open, and so are the rule names of the catalogue
 * (rules.json); every number on the pages comes from the API with the key the user pasted in.
 */
@Controller()
@Public()
@SkipThrottle()
@ApiExcludeController() // pages, not API: kept out of the OpenAPI document
export class DashboardController {
  private readonly files = new Map<string, { type: string; body: Buffer }>();

  constructor() {
    for (const name of readdirSync(DASHBOARD_DIR)) {
      const type = TYPES[extname(name)];
      if (type) this.files.set(name, { type, body: readFileSync(join(DASHBOARD_DIR, name)) });
    }
    for (const [name, path] of Object.entries(VENDORED))
      this.files.set(name, { type: TYPES[extname(name)], body: readFileSync(require.resolve(path)) });
    const words = dashboardWords();
    this.files.set('rules.json', { type: TYPES['.json'], body: Buffer.from(JSON.stringify(words.rules)) });
    this.files.set('i18n.json', { type: TYPES['.json'], body: Buffer.from(JSON.stringify(words)) });
  }

  @Get()
  @Redirect('/dashboard/', 302)
  root(): void {}

  /** /dashboard and /dashboard/ alike (the router ignores a trailing slash); the pages use absolute paths. */
  @Get('dashboard')
  index(@Res() response: FileResponse): void {
    this.send(response, 'index.html');
  }

  @Get('dashboard/:file')
  @Header('Cache-Control', 'no-cache')
  file(@Param('file') name: string, @Res() response: FileResponse): void {
    this.send(response, name);
  }

  private send(response: FileResponse, name: string): void {
    const file = this.files.get(name);
    if (!file) throw new NotFoundException(`no dashboard file "${name}"`);
    response
      .status(200)
      .set({ 'Content-Type': file.type, 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff' })
      .send(file.body);
  }
}

interface FileResponse {
  status(code: number): FileResponse;
  set(headers: Record<string, string>): FileResponse;
  send(body: Buffer): void;
}

/**
 * GET /dashboard/i18n.json: every name the pages show beside the API's data, by id, in each
 * language — `{ rules, severities, crossingStates, alertStates, subjectKinds, profiles, metrics }`,
 * each `{ [id]: { en, ru, zh } }`.
 */
export function dashboardWords() {
  return {
    rules: Object.fromEntries(Object.entries(RULE_CATALOGUE).map(([id, rule]) => [id, rule.names])),
    severities: SEVERITY_NAMES,
    crossingStates: CROSSING_STATE_NAMES,
    alertStates: ALERT_STATE_NAMES,
    subjectKinds: SUBJECT_KIND_NAMES,
    profiles: PROFILE_NAMES,
    metrics: METRIC_NAMES,
  };
}

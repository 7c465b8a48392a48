import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import helmet from 'helmet';
import { AppConfig } from '../config/app-config';

/** The parts of an Express application used here (express ships no types of its own). */
interface ExpressApp {
  set(setting: string, value: unknown): void;
  use(handler: ReturnType<typeof helmet>): void;
}

/**
 * Security headers on every response, the API's and the dashboard's, 404s included (helmet:
 * nosniff, HSTS, no X-Powered-By, X-Frame-Options), with a policy that only forbids framing
 * (frame-ancestors 'none'): the dashboard and the API docs keep loading as they do. And Express's
 * "trust proxy" from TRUST_PROXY, so behind a reverse proxy each caller has its own address for
 * the key lockout. Runs when the provider is built, before Nest registers any route.
 */
@Injectable()
export class HttpSecurity {
  constructor(adapterHost: HttpAdapterHost, config: AppConfig) {
    const app = adapterHost.httpAdapter?.getInstance<ExpressApp>();
    if (!app) return; // no HTTP server (a standalone application context)
    app.set('trust proxy', config.http.trustProxy);
    app.use(
      helmet({
        contentSecurityPolicy: {
          useDefaults: false,
          directives: {
            defaultSrc: helmet.contentSecurityPolicy.dangerouslyDisableDefaultSrc,
            frameAncestors: ["'none'"],
          },
        },
        frameguard: { action: 'deny' },
      }),
    );
  }
}

import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { SiteConfig } from '@jct/site-config';
import { SiteRegistry } from '../site/site-registry';
import { AppConfig } from './app-config';

/**
 * The configuration and site configuration, validated once before the application is built
 * (main.ts) and shared everywhere as typed objects.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, site: SiteConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: SiteRegistry, useValue: new SiteRegistry(site) },
      ],
      exports: [AppConfig, SiteRegistry],
    };
  }
}

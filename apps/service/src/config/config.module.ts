import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { SiteConfig } from '@jct/site-config';
import { SiteRegistry } from '../site/site-registry';
import { WriteHealth } from '../storage/write-health';
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
        // Which files cannot be written now (full disk): every writer reports to it.
        { provide: WriteHealth, useValue: new WriteHealth() },
      ],
      exports: [AppConfig, SiteRegistry, WriteHealth],
    };
  }
}

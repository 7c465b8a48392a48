import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '../config/app-config';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeyRegistry } from './api-key-registry';
import { ApiKeysController } from './api-keys.controller';
import { CallerScope } from './caller-scope';
import { KeyThrottlerGuard } from './key-throttler.guard';
import { MeController } from './me.controller';

/**
 * API keys, roles and rate limits for every HTTP route. The key guard runs first so
 * the rate limit counts per key, not per address.
 */
@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => [{ ttl: 60_000, limit: config.api.rateLimitPerMinute }],
    }),
  ],
  providers: [
    ApiKeyRegistry,
    CallerScope,
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_GUARD, useClass: KeyThrottlerGuard },
  ],
  controllers: [ApiKeysController, MeController],
  exports: [ApiKeyRegistry, CallerScope],
})
export class AuthModule {}

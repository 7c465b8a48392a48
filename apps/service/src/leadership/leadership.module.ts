import { Module } from '@nestjs/common';
import { PostgresStateStore, type StateStore } from '@jct/storage';
import { AppConfig } from '../config/app-config';
import { STATE_STORE } from '../storage/state-store.provider';
import { StorageModule } from '../storage/storage.module';
import { LEASE_CONNECTION, LEASE_HOLDER, LeadershipService, newHolderName } from './leadership.service';

/**
 * The lease connection is made after the state store is open and migrated (it injects it), so
 * the lease table exists before the first attempt.
 */
function leaseConnection(config: AppConfig, _migrated: StateStore, holder: string): StateStore | null {
  if (!config.postgres) return null;
  const timeout = config.leaderLease.renewTimeoutMs;
  return new PostgresStateStore({
    url: config.postgres.url,
    poolSize: 1,
    connectTimeoutMs: timeout,
    queryTimeoutMs: timeout,
    applicationName: `jct-lease ${holder}`,
  });
}

@Module({
  imports: [StorageModule],
  providers: [
    { provide: LEASE_HOLDER, useFactory: newHolderName },
    {
      provide: LEASE_CONNECTION,
      useFactory: leaseConnection,
      inject: [AppConfig, STATE_STORE, LEASE_HOLDER],
    },
    LeadershipService,
  ],
  exports: [LeadershipService],
})
export class LeadershipModule {}

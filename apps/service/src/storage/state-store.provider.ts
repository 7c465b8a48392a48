import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { DuckDbStateStore, type StateStore } from '@jct/storage';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { STATE_MIGRATIONS } from './state-migrations';

export const STATE_STORE = Symbol('StateStore');

/** The operational state store, open and migrated before any module that uses it starts. */
export async function openStateStore(config: AppConfig): Promise<StateStore> {
  const store = new DuckDbStateStore({ path: join(config.dataDir, 'state.duckdb') });
  await store.init(STATE_MIGRATIONS);
  return store;
}

/** Closes the state store after every module has stopped writing to it. */
@Injectable()
export class StateStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(STATE_STORE) private readonly store: StateStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

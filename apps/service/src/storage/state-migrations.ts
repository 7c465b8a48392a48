import type { StateMigration } from '@jct/storage';
import { LEASE_MIGRATIONS } from '../leadership/lease-store';
import { REGISTRY_MIGRATIONS } from '../registry/registry-migrations';
import { SHIPMENT_MIGRATIONS } from '../shipments/shipment-migrations';
import { SILENCE_MIGRATIONS } from '../silences/silence-store';

/**
 * Every schema step of the operational state store, from every module that keeps state there.
 * Ids are global and sort in the order they apply; a step that shipped is never edited.
 */
export const STATE_MIGRATIONS: readonly StateMigration[] = [
  ...REGISTRY_MIGRATIONS,
  ...SHIPMENT_MIGRATIONS,
  ...LEASE_MIGRATIONS,
  ...SILENCE_MIGRATIONS,
];

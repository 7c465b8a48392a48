import type { StateMigration } from '@jct/storage';
import { SILENCE_MIGRATIONS } from '../silences/silence-store';

/**
 * Every schema step of the operational state store, from every module that keeps state there.
 * Ids are global and sort in the order they apply; a step that shipped is never edited.
 */
export const STATE_MIGRATIONS: readonly StateMigration[] = [...SILENCE_MIGRATIONS];

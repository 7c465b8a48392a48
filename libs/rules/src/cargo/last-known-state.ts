/**
 * Last known state (docs/domain.md §8): a state a device reported — a door open, water on the ice —
 * holds until the device reports otherwise or falls silent. A reading that leaves it out does not
 * reset it. Pure: the caller keeps the `known` value and passes each reading's time.
 */

export interface KnownState<T> {
  value: T;
  /** When the state was reported. */
  ts: number;
  /** When the device was last heard from, with or without the state. */
  seenTs: number;
}

export interface StateAtReading<T> {
  /** The state that applies to this reading: reported, or held; undefined when unknown. */
  value?: T;
  /** What to keep for the next reading. */
  known?: KnownState<T>;
  /** True when the value was not in this reading but held from an earlier one. */
  held: boolean;
}

/**
 * The state at a reading of time `ts`. A newer report (or a correction at the same time) replaces
 * the known one; a late, older report is judged as sent and changes nothing kept. Without a
 * report the known state holds, unless the device had fallen silent (nothing heard for more than
 * `silentAfterMs` before this reading): then its old state is no longer known.
 */
export function stateAtReading<T>(
  reported: T | undefined,
  ts: number,
  known: KnownState<T> | undefined,
  silentAfterMs: number,
): StateAtReading<T> {
  const seenTs = Math.max(ts, known?.seenTs ?? ts);
  if (reported !== undefined && (known === undefined || ts >= known.ts)) {
    return { value: reported, known: { value: reported, ts, seenTs }, held: false };
  }
  if (known === undefined) return { value: reported, known, held: false };
  if (reported !== undefined) return { value: reported, known: { ...known, seenTs }, held: false };
  if (ts - known.seenTs > silentAfterMs) return { value: undefined, known: undefined, held: false };
  return { value: known.value, known: { ...known, seenTs }, held: true };
}

import { stateAtReading, type KnownState } from './last-known-state';

const T0 = Date.parse('2026-02-01T03:00:00Z');
const MIN = 60_000;
const SILENT = 30 * MIN;

/** Feeds readings in order; returns the state applied at each. */
function run(readings: { ts: number; door?: boolean }[]): (boolean | undefined)[] {
  let known: KnownState<boolean> | undefined;
  return readings.map(({ ts, door }) => {
    const at = stateAtReading(door, ts, known, SILENT);
    known = at.known;
    return at.value;
  });
}

describe('stateAtReading (door, overflow)', () => {
  it.each([
    {
      name: 'door open, then a reading with only a position → still open (held)',
      readings: [{ ts: T0, door: true }, { ts: T0 + MIN }],
      states: [true, true],
    },
    {
      name: 'mirror: door open, then a reading that reports it closed → closed',
      readings: [
        { ts: T0, door: true },
        { ts: T0 + MIN, door: false },
      ],
      states: [true, false],
    },
    {
      name: 'held across many position-only readings, each within the silence limit',
      readings: [{ ts: T0, door: true }, { ts: T0 + 20 * MIN }, { ts: T0 + 40 * MIN }, { ts: T0 + 60 * MIN }],
      states: [true, true, true, true],
    },
    {
      name: 'the device fell silent for 31 min → its old door state is no longer known',
      readings: [{ ts: T0, door: true }, { ts: T0 + 31 * MIN }],
      states: [true, undefined],
    },
    {
      name: 'a late "closed" from before the open report does not close it',
      readings: [{ ts: T0, door: true }, { ts: T0 - MIN, door: false }, { ts: T0 + MIN }],
      states: [true, false, true],
    },
    {
      name: 'a same-timestamp correction replaces the state',
      readings: [{ ts: T0, door: true }, { ts: T0, door: false }, { ts: T0 + MIN }],
      states: [true, false, false],
    },
    {
      name: 'nothing ever reported → unknown',
      readings: [{ ts: T0 }, { ts: T0 + MIN }],
      states: [undefined, undefined],
    },
  ])('$name', ({ readings, states }) => {
    expect(run(readings)).toEqual(states);
  });
});

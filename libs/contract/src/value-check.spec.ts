import { aDeviceKind } from './device-kinds';
import { checkValue } from './value-check';

describe('aDeviceKind', () => {
  it.each([
    ['ice-station', 'an ice-station'],
    ['vehicle', 'a vehicle'],
    ['ferry', 'a ferry'],
    ['container', 'a container'],
  ] as const)('%s → "%s"', (kind, expected) => {
    expect(aDeviceKind(kind)).toBe(expected);
  });
});

describe('checkValue', () => {
  it('a container metric sent by an ice station → unknown_metric saying "an ice-station"', () => {
    expect(checkValue('ice-station', 'tempC', 4)).toEqual({
      code: 'unknown_metric',
      metric: 'tempC',
      reason: 'metric "tempC" is not in the vocabulary of an ice-station',
    });
  });
});

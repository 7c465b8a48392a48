import {
  DEVICE_ID_PATTERN,
  TELEMETRY_SUBSCRIPTION,
  deviceIdOfTelemetryTopic,
  rejectedTopic,
  telemetryTopic,
} from './topics';

describe('topic builders', () => {
  it('telemetryTopic puts the device id in the middle level', () => {
    expect(telemetryTopic('ICE-1')).toBe('devices/ICE-1/telemetry');
  });

  it('rejectedTopic is the reply topic of the same device', () => {
    expect(rejectedTopic('CONT-03')).toBe('devices/CONT-03/rejected');
  });

  it('the ingest subscription has one single-level wildcard for the device id', () => {
    expect(TELEMETRY_SUBSCRIPTION).toBe('devices/+/telemetry');
  });
});

describe('deviceIdOfTelemetryTopic', () => {
  const cases: { name: string; topic: string; id: string | undefined }[] = [
    { name: 'an ice station telemetry topic', topic: 'devices/ICE-1/telemetry', id: 'ICE-1' },
    { name: 'an id with dots and underscores', topic: 'devices/cont_01.a/telemetry', id: 'cont_01.a' },
    { name: 'a 64-character id', topic: `devices/${'A'.repeat(64)}/telemetry`, id: 'A'.repeat(64) },
    { name: 'a 65-character id', topic: `devices/${'A'.repeat(65)}/telemetry`, id: undefined },
    { name: 'the rejected topic', topic: 'devices/ICE-1/rejected', id: undefined },
    { name: 'the status topic', topic: 'devices/ICE-1/status', id: undefined },
    { name: 'an extra level', topic: 'devices/ICE-1/telemetry/extra', id: undefined },
    { name: 'a leading slash', topic: '/devices/ICE-1/telemetry', id: undefined },
    { name: 'a trailing slash', topic: 'devices/ICE-1/telemetry/', id: undefined },
    { name: 'an empty id level', topic: 'devices//telemetry', id: undefined },
    { name: 'a + wildcard as the id', topic: 'devices/+/telemetry', id: undefined },
    { name: 'a # wildcard as the id', topic: 'devices/#/telemetry', id: undefined },
    { name: 'an id starting with a dash', topic: 'devices/-ICE/telemetry', id: undefined },
    { name: 'an id with a space', topic: 'devices/ICE 1/telemetry', id: undefined },
    { name: 'an id with Cyrillic letters', topic: 'devices/ЛЁД-1/telemetry', id: undefined },
    { name: 'a different root level', topic: 'Devices/ICE-1/telemetry', id: undefined },
    { name: 'the $SYS tree', topic: '$SYS/ICE-1/telemetry', id: undefined },
    { name: 'an empty topic', topic: '', id: undefined },
  ];
  it.each(cases)('$name → $id', ({ topic, id }) => {
    expect(deviceIdOfTelemetryTopic(topic)).toBe(id);
  });

  it.each(['ICE-1', 'TRUCK-01', 'FERRY-1', 'CONT-04', 'x'])(
    'round trip: the id of telemetryTopic(%s) is the id itself',
    (id) => {
      expect(deviceIdOfTelemetryTopic(telemetryTopic(id))).toBe(id);
    },
  );
});

describe('DEVICE_ID_PATTERN', () => {
  const cases: { id: string; valid: boolean }[] = [
    { id: 'ICE-1', valid: true },
    { id: '0', valid: true },
    { id: 'a.b_c-d', valid: true },
    { id: '', valid: false },
    { id: '.hidden', valid: false },
    { id: '_x', valid: false },
    { id: 'a/b', valid: false },
    { id: 'a+b', valid: false },
    { id: 'a#b', valid: false },
    { id: 'ICE-1\n', valid: false },
  ];
  it.each(cases)('"$id" → valid: $valid', ({ id, valid }) => {
    expect(DEVICE_ID_PATTERN.test(id)).toBe(valid);
  });
});

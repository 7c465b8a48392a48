// Access rules of the embedded broker: who may publish and subscribe where (MQTT 3.1.1 §4.7).
import { canPublish, canSubscribe, clientIdFits, filterCovers, type BrokerIdentity } from './broker-access';

const ICE_1: BrokerIdentity = { type: 'device', id: 'ICE-1' };
const DASHBOARD: BrokerIdentity = {
  type: 'client',
  id: 'ops-dashboard',
  subscribe: ['alerts/#', 'crossings/#'],
};
const RECORDER: BrokerIdentity = {
  type: 'client',
  id: 'sim-recorder',
  subscribe: ['devices/+/telemetry', 'devices/+/rejected', 'alerts/#', 'crossings/#'],
};

describe('canPublish', () => {
  const cases: { name: string; identity: BrokerIdentity; topic: string; allowed: boolean }[] = [
    {
      name: 'a device to its own telemetry',
      identity: ICE_1,
      topic: 'devices/ICE-1/telemetry',
      allowed: true,
    },
    { name: 'a device to its own status', identity: ICE_1, topic: 'devices/ICE-1/status', allowed: true },
    {
      name: 'a device to another device’s telemetry',
      identity: ICE_1,
      topic: 'devices/ICE-2/telemetry',
      allowed: false,
    },
    {
      name: 'a device to a device whose id extends its own',
      identity: ICE_1,
      topic: 'devices/ICE-10/telemetry',
      allowed: false,
    },
    {
      name: 'a device to its own rejected topic (the service’s reply)',
      identity: ICE_1,
      topic: 'devices/ICE-1/rejected',
      allowed: false,
    },
    {
      name: 'a device to a sub-topic of its telemetry',
      identity: ICE_1,
      topic: 'devices/ICE-1/telemetry/x',
      allowed: false,
    },
    { name: 'a device to a wildcard topic', identity: ICE_1, topic: 'devices/+/telemetry', allowed: false },
    { name: 'a device to alerts', identity: ICE_1, topic: 'alerts/ICE-1', allowed: false },
    { name: 'a device to $SYS', identity: ICE_1, topic: '$SYS/broker/clients', allowed: false },
    {
      name: 'a device whose id is "$SYS" is still kept out of $SYS/',
      identity: { type: 'device', id: '$SYS' },
      topic: '$SYS/',
      allowed: false,
    },
    {
      name: 'a read-only client to alerts it may read',
      identity: DASHBOARD,
      topic: 'alerts/ICE-1',
      allowed: false,
    },
    {
      name: 'a read-only client to a device telemetry',
      identity: RECORDER,
      topic: 'devices/ICE-1/telemetry',
      allowed: false,
    },
    { name: 'a read-only client to $SYS', identity: RECORDER, topic: '$SYS/broker/uptime', allowed: false },
  ];
  it.each(cases)('$name → allowed: $allowed', ({ identity, topic, allowed }) => {
    const decision = canPublish(identity, topic);
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) expect(decision.reason.length).toBeGreaterThan(0);
  });

  it('a refused device is told the one topic it may use', () => {
    expect(canPublish(ICE_1, 'devices/ICE-2/telemetry')).toEqual({
      allowed: false,
      reason: 'device ICE-1 may publish only to devices/ICE-1/telemetry',
    });
  });

  it('$SYS is refused as reserved', () => {
    expect(canPublish(ICE_1, '$SYS/x')).toEqual({ allowed: false, reason: '$SYS/ topics are reserved' });
  });

  it('a read-only client is told it is read-only', () => {
    expect(canPublish(DASHBOARD, 'alerts/x')).toEqual({
      allowed: false,
      reason: 'client ops-dashboard is read-only',
    });
  });
});

describe('canSubscribe', () => {
  const cases: { name: string; identity: BrokerIdentity; filter: string; allowed: boolean }[] = [
    {
      name: 'a device to its own rejected topic',
      identity: ICE_1,
      filter: 'devices/ICE-1/rejected',
      allowed: true,
    },
    {
      name: 'a device to another device’s rejected topic',
      identity: ICE_1,
      filter: 'devices/ICE-2/rejected',
      allowed: false,
    },
    {
      name: 'a device to a wildcard over all rejected topics',
      identity: ICE_1,
      filter: 'devices/+/rejected',
      allowed: false,
    },
    {
      name: 'a device to its own telemetry',
      identity: ICE_1,
      filter: 'devices/ICE-1/telemetry',
      allowed: false,
    },
    { name: 'a device to its own subtree', identity: ICE_1, filter: 'devices/ICE-1/#', allowed: false },
    { name: 'a device to #', identity: ICE_1, filter: '#', allowed: false },
    { name: 'a client to an alert it was given', identity: DASHBOARD, filter: 'alerts/ICE-1', allowed: true },
    { name: 'a client to exactly its own filter', identity: DASHBOARD, filter: 'crossings/#', allowed: true },
    {
      name: 'a client to a narrower wildcard',
      identity: DASHBOARD,
      filter: 'crossings/+/state',
      allowed: true,
    },
    {
      name: 'a client to a topic outside its filters',
      identity: DASHBOARD,
      filter: 'devices/ICE-1/telemetry',
      allowed: false,
    },
    { name: 'a client widening to #', identity: DASHBOARD, filter: '#', allowed: false },
    { name: 'a client widening to +/#', identity: DASHBOARD, filter: '+/#', allowed: false },
    {
      name: 'the recorder to one device’s telemetry',
      identity: RECORDER,
      filter: 'devices/ICE-1/telemetry',
      allowed: true,
    },
    { name: 'the recorder widening to devices/#', identity: RECORDER, filter: 'devices/#', allowed: false },
    {
      name: 'the recorder to device status (not given)',
      identity: RECORDER,
      filter: 'devices/ICE-1/status',
      allowed: false,
    },
    {
      name: 'a client given # to $SYS/#',
      identity: { type: 'client', id: 'all', subscribe: ['#'] },
      filter: '$SYS/#',
      allowed: false,
    },
    {
      name: 'a client given +/# to $SYS/broker/clients',
      identity: { type: 'client', id: 'all', subscribe: ['+/#'] },
      filter: '$SYS/broker/clients',
      allowed: false,
    },
    {
      name: 'a client given $SYS/# to $SYS/broker/uptime',
      identity: { type: 'client', id: 'monitor', subscribe: ['$SYS/#'] },
      filter: '$SYS/broker/uptime',
      allowed: true,
    },
    {
      name: 'a client with no filters at all',
      identity: { type: 'client', id: 'x', subscribe: [] },
      filter: 'alerts/#',
      allowed: false,
    },
  ];
  it.each(cases)('$name → allowed: $allowed', ({ identity, filter, allowed }) => {
    expect(canSubscribe(identity, filter).allowed).toBe(allowed);
  });

  it('a refused device is told its one reply topic', () => {
    expect(canSubscribe(ICE_1, '#')).toEqual({
      allowed: false,
      reason: 'device ICE-1 may subscribe only to devices/ICE-1/rejected',
    });
  });

  it('a refused client is told the filter it may not use', () => {
    expect(canSubscribe(DASHBOARD, '#')).toEqual({
      allowed: false,
      reason: 'client ops-dashboard may not subscribe to #',
    });
  });
});

describe('filterCovers(allowed, filter)', () => {
  const cases: { allowed: string; filter: string; covers: boolean }[] = [
    { allowed: 'alerts/#', filter: 'alerts/ICE-1', covers: true },
    { allowed: 'alerts/#', filter: 'alerts/#', covers: true },
    { allowed: 'alerts/#', filter: 'alerts/ICE-1/fired', covers: true },
    { allowed: 'alerts/#', filter: 'alerts/+', covers: true },
    // "alerts/#" also matches the parent "alerts" (MQTT 3.1.1 §4.7.1.2).
    { allowed: 'alerts/#', filter: 'alerts', covers: true },
    { allowed: 'alerts/#', filter: '#', covers: false },
    { allowed: 'alerts/#', filter: '+/#', covers: false },
    { allowed: 'alerts/#', filter: 'crossings/x', covers: false },
    { allowed: 'alerts/#', filter: 'alertsX/1', covers: false },
    { allowed: '+', filter: 'alerts', covers: true },
    { allowed: '+', filter: '+', covers: true },
    { allowed: '+', filter: '#', covers: false },
    { allowed: '+', filter: 'a/b', covers: false },
    { allowed: '#', filter: '#', covers: true },
    { allowed: '#', filter: 'a/b/c', covers: true },
    { allowed: 'devices/+/telemetry', filter: 'devices/ICE-1/telemetry', covers: true },
    { allowed: 'devices/+/telemetry', filter: 'devices/+/telemetry', covers: true },
    { allowed: 'devices/+/telemetry', filter: 'devices/#', covers: false },
    { allowed: 'devices/+/telemetry', filter: 'devices/ICE-1/#', covers: false },
    { allowed: 'devices/+/telemetry', filter: 'devices/ICE-1/rejected', covers: false },
    { allowed: 'devices/+/telemetry', filter: 'devices/ICE-1', covers: false },
    { allowed: 'devices/+/telemetry', filter: 'devices/ICE-1/telemetry/x', covers: false },
    { allowed: 'devices/ICE-1/telemetry', filter: 'devices/+/telemetry', covers: false },
    { allowed: 'devices/ICE-1/telemetry', filter: 'devices/ICE-1/telemetry', covers: true },
    { allowed: 'a/b', filter: 'a/b/c', covers: false },
    { allowed: 'a/b/c', filter: 'a/b', covers: false },
    { allowed: 'a/+', filter: 'a/b/#', covers: false },
    // A wildcard in the first level never matches a topic starting with "$" (MQTT 3.1.1 §4.7.2).
    { allowed: '#', filter: '$SYS/#', covers: false },
    { allowed: '#', filter: '$SYS/broker/uptime', covers: false },
    { allowed: '#', filter: '$SYS', covers: false },
    { allowed: '+', filter: '$SYS', covers: false },
    { allowed: '+/x', filter: '$SYS/x', covers: false },
    { allowed: '+/#', filter: '$SYS/broker', covers: false },
    { allowed: '+/+/uptime', filter: '$SYS/broker/uptime', covers: false },
    { allowed: '#', filter: '$share/group/alerts', covers: false },
    // Only a filter that names "$SYS" itself covers it.
    { allowed: '$SYS/#', filter: '$SYS/broker/uptime', covers: true },
    { allowed: '$SYS/#', filter: '$SYS/#', covers: true },
    { allowed: '$SYS/+/uptime', filter: '$SYS/broker/uptime', covers: true },
    { allowed: '$SYS/#', filter: '#', covers: false },
    { allowed: '$SYS/#', filter: 'SYS/broker', covers: false },
    // "$" later in a topic is an ordinary character.
    { allowed: '#', filter: 'alerts/$x', covers: true },
    { allowed: 'alerts/+', filter: 'alerts/$x', covers: true },
  ];
  it.each(cases)("'$allowed' covers '$filter' → $covers", ({ allowed, filter, covers }) => {
    expect(filterCovers(allowed, filter)).toBe(covers);
  });
});

describe('clientIdFits(username, clientId)', () => {
  const cases: { username: string; clientId: string; fits: boolean }[] = [
    { username: 'ICE-1', clientId: 'ICE-1', fits: true },
    { username: 'ICE-1', clientId: 'ICE-1:sim', fits: true },
    { username: 'ICE-1', clientId: 'ICE-1-sim', fits: false },
    { username: 'ICE', clientId: 'ICE-1', fits: false },
    { username: 'ICE-1', clientId: 'ICE-1:', fits: false },
    { username: 'ICE-1', clientId: 'ICE-10', fits: false },
    { username: 'ICE-1', clientId: 'ICE-1_sim', fits: false },
    { username: 'ICE-1', clientId: 'ICE-2', fits: false },
    { username: 'ICE-1', clientId: 'ice-1', fits: false },
    { username: 'ICE-1', clientId: 'x-ICE-1', fits: false },
    { username: 'ICE-1', clientId: '', fits: false },
    { username: 'TRUCK-01', clientId: 'TRUCK-01:dashboard', fits: true },
    { username: 'ICE', clientId: 'ICE:1', fits: true },
    { username: 'ICE-1', clientId: 'ICE-10:sim', fits: false },
    { username: 'ICE', clientId: 'ICE-1:sim', fits: false },
    { username: 'ICE-1', clientId: ':sim', fits: false },
    { username: 'ICE-1', clientId: 'ICE-1 :sim', fits: false },
  ];
  it.each(cases)("('$username', '$clientId') → $fits", ({ username, clientId, fits }) => {
    expect(clientIdFits(username, clientId)).toBe(fits);
  });
});

import { loadSiteConfig } from '@jct/site-config';
import { join } from 'node:path';
import { SiteRegistry } from '../site/site-registry';
import type { Caller } from './caller';
import { CallerScope } from './caller-scope';
import { ShipmentBook } from '../shipments/shipment-book';

const site = new SiteRegistry(loadSiteConfig(join(__dirname, '../../../../config/jalinda-mohe.site.yaml')));
const scope = new CallerScope(site, new ShipmentBook(site));
const callers: Record<string, Caller> = {
  operator: { keyId: 'op', role: 'operator', personId: 'op-jalinda' },
  engineer: { keyId: 'eng', role: 'engineer', personId: 'eng-on-call' },
  fresh: { keyId: 'f', role: 'cargo-owner', personId: 'owner-fresh', owner: 'heihe-fresh' },
  timber: { keyId: 't', role: 'cargo-owner', personId: 'owner-timber', owner: 'amur-timber' },
  ownerless: { keyId: 'x', role: 'cargo-owner', personId: 'key:x' },
};

describe('CallerScope: who sees which alert', () => {
  it.each([
    ['operator', 'cargo.temp-high', 'CONT-01', true],
    ['operator', 'ice.thickness-below-required', 'ICE-2', true],
    ['engineer', 'device.battery-low', 'CONT-01', true],
    ['engineer', 'station.silent', 'ICE-1', true],
    ['engineer', 'cargo.temp-high', 'CONT-02', false],
    ['fresh', 'cargo.temp-high', 'CONT-02', true],
    ['fresh', 'device.battery-low', 'CONT-04', true],
    ['fresh', 'cargo.door-open-outside-zone', 'CONT-01', false],
    ['fresh', 'ice.thickness-below-required', 'ICE-2', false],
    ['fresh', 'traffic.overweight-on-ice', 'TRUCK-01', false],
    ['timber', 'cargo.door-open-outside-zone', 'CONT-01', true],
    ['ownerless', 'cargo.temp-high', 'CONT-02', false],
  ] as const)('%s, %s on %s → %s', (who, ruleId, subjectId, expected) => {
    expect(scope.canSeeAlert(callers[who], { ruleId, subjectId })).toBe(expected);
  });
});

describe('CallerScope: devices and containers', () => {
  it.each([
    ['fresh', 'CONT-02', true],
    ['fresh', 'CONT-04', true],
    ['fresh', 'CONT-01', false],
    ['fresh', 'ICE-1', false],
    ['fresh', 'TRUCK-01', false],
    ['operator', 'CONT-03', true],
    ['engineer', 'ICE-1', true],
  ] as const)('%s sees device %s → %s', (who, deviceId, expected) => {
    expect(scope.canSeeDevice(callers[who], deviceId)).toBe(expected);
  });

  it('a cargo owner’s containers are their owner’s only; an unknown container is nobody’s', () => {
    expect(scope.containersOf(callers.fresh).map((c) => c.id)).toEqual(['cont-apples-1', 'cont-frozen-1']);
    expect(scope.canSeeContainer(callers.timber, 'cont-apples-1')).toBe(false);
    expect(scope.canSeeContainer(callers.operator, 'no-such-box')).toBe(false);
  });
});

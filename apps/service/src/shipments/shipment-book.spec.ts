import type { Shipment } from '@jct/rules';
import { loadSiteConfig } from '@jct/site-config';
import { join } from 'node:path';
import { SiteRegistry } from '../site/site-registry';
import { ShipmentBook } from './shipment-book';

const site = new SiteRegistry(loadSiteConfig(join(__dirname, '../../../../config/jalinda-mohe.site.yaml')));
const T0 = Date.parse('2026-01-10T06:00:00Z');
const stored = (changes: Partial<Shipment>): Shipment => ({
  id: 'shp-1',
  containerNumber: 'JCTU0000013',
  owner: 'heihe-fresh',
  cargoProfile: 'dairy',
  overrides: {},
  trackers: [],
  legs: [],
  state: 'planned',
  origin: 'api',
  createdAt: T0,
  ...changes,
});

describe('ShipmentBook', () => {
  it('the YAML containers are in-transit shipments owning every reading of their trackers', () => {
    const book = new ShipmentBook(site);
    expect(book.get('cont-pharma-1')).toMatchObject({
      containerNumber: 'CSQU3054383',
      trackers: ['CONT-03'],
      state: 'in_transit',
      origin: 'yaml',
    });
    expect(book.owning('CONT-03', T0)?.id).toBe('cont-pharma-1');
  });

  it('a stored active shipment holding a container the YAML declares stops the boot, naming both', () => {
    const book = new ShipmentBook(site);
    expect(() => book.load([stored({ containerNumber: 'CSQU3054383', trackers: ['CONT-01'] })])).toThrow(
      'shipments conflict with the site configuration: container CSQU3054383 is held by site YAML shipment cont-pharma-1 and stored shipment shp-1; tracker CONT-01 is held by site YAML shipment cont-timber-1 and stored shipment shp-1.',
    );
  });

  it('a delivered or cancelled one does not: its history stays beside the YAML', () => {
    const book = new ShipmentBook(site);
    book.load([
      stored({ containerNumber: 'CSQU3054383', state: 'delivered', startedAt: T0, endedAt: T0 + 1 }),
    ]);
    expect(book.get('shp-1')?.state).toBe('delivered');
  });

  it('a tracker moved from one shipment to the next: each reading goes to the shipment of its time', () => {
    const book = new ShipmentBook(site);
    const first = stored({ trackers: ['CONT-09'], state: 'delivered', startedAt: T0, endedAt: T0 + 100 });
    const second = stored({
      id: 'shp-2',
      containerNumber: 'JCTU0000029',
      trackers: ['CONT-09'],
      state: 'in_transit',
      startedAt: T0 + 200,
    });
    book.load([first, second]);
    expect([T0 + 50, T0 + 150, T0 + 250].map((ts) => book.owning('CONT-09', ts)?.id)).toEqual([
      'shp-1',
      undefined,
      'shp-2',
    ]);
    // Detached from the new one while planned again (an edit): the old one keeps its readings.
    book.put({ ...second, trackers: [] });
    expect([book.owning('CONT-09', T0 + 50)?.id, book.owning('CONT-09', T0 + 250)]).toEqual([
      'shp-1',
      undefined,
    ]);
  });
});

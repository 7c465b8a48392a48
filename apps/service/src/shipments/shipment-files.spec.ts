import type { Shipment } from '@jct/rules';
import { readShipmentFile, shipmentsCsv, shipmentsYaml } from './shipment-files';

const shipment: Shipment = {
  id: 'shp-1',
  containerNumber: 'JCTU0000013',
  owner: 'heihe-fresh',
  cargoProfile: 'fresh-produce',
  overrides: { tempC: { max: 3 }, excursionMinutes: 5 },
  trackers: ['CONT-04', 'CONT-05'],
  legs: [
    {
      mode: 'rail',
      from: 'Blagoveshchensk',
      to: 'Skovorodino',
      departAt: Date.parse('2026-12-01T06:00:00+09:00'),
      arriveAt: Date.parse('2026-12-02T02:00:00+09:00'),
    },
    {
      mode: 'crossing',
      from: 'Dzhalinda',
      to: 'Mohe',
      departAt: Date.parse('2026-12-02T09:00:00+09:00'),
      arriveAt: Date.parse('2026-12-02T10:00:00+09:00'),
    },
  ],
  description: 'apples, "Golden", 20 t',
  state: 'planned',
  origin: 'api',
  createdAt: 0,
};
const expectedBody = {
  containerNumber: 'JCTU0000013',
  owner: 'heihe-fresh',
  cargoProfile: 'fresh-produce',
  overrides: { tempC: { max: 3 }, excursionMinutes: 5 },
  trackers: ['CONT-04', 'CONT-05'],
  legs: [
    {
      mode: 'rail',
      from: 'Blagoveshchensk',
      to: 'Skovorodino',
      departAt: '2026-11-30T21:00:00.000Z',
      arriveAt: '2026-12-01T17:00:00.000Z',
    },
    {
      mode: 'crossing',
      from: 'Dzhalinda',
      to: 'Mohe',
      departAt: '2026-12-02T00:00:00.000Z',
      arriveAt: '2026-12-02T01:00:00.000Z',
    },
  ],
  description: 'apples, "Golden", 20 t',
};

describe('shipment files', () => {
  it.each([
    ['csv', shipmentsCsv, 'row 2'],
    ['yaml', shipmentsYaml, 'shipments[0]'],
  ] as const)('an exported %s file reads back as the registration body', (format, write, where) => {
    expect(readShipmentFile(format, write([shipment]))).toEqual({ entries: [{ where, body: expectedBody }] });
  });

  it('a CSV row without optional columns gives no empty overrides or legs', () => {
    const file = 'containerNumber,cargoProfile\nJCTU0000029,general\n';
    expect(readShipmentFile('csv', file)).toEqual({
      entries: [
        {
          where: 'row 2',
          body: {
            containerNumber: 'JCTU0000029',
            cargoProfile: 'general',
            trackers: [],
            overrides: {},
            legs: [],
          },
        },
      ],
    });
  });

  it('a number column that is not a number stays text, for validation to name it', () => {
    const file = 'containerNumber,cargoProfile,tempMaxC\nJCTU0000029,dairy,warm\n';
    const read = readShipmentFile('csv', file);
    expect(read).toMatchObject({ entries: [{ body: { overrides: { tempC: { max: 'warm' } } } }] });
  });

  it.each([
    [
      'csv',
      'containerNumber,colour\nJCTU0000029,red\n',
      /^unknown columns colour; the columns are containerNumber, owner/,
    ],
    ['csv', '', /^empty file/],
    ['csv', 'containerNumber\n"JCTU\n', /not closed/],
    ['yaml', 'containers: []\n', /expected a document with a list `shipments`/],
    ['yaml', 'shipments: [\n', /.+/],
  ] as const)('an unreadable %s file is one problem: %j', (format, text, problem) => {
    expect(readShipmentFile(format, text)).toEqual({ problem: expect.stringMatching(problem) });
  });
});

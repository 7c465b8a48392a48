// parseDeviceImport / devicesCsv: a device file checked as a whole, each error naming its row.
import { loadSiteConfig } from '@jct/site-config';
import { join } from 'node:path';
import { devicesCsv, parseDeviceImport } from './device-bulk';

const site = loadSiteConfig(join(__dirname, '../../../../config/jalinda-mohe.site.yaml'));
const HEADER = 'id,kind,asset,latitude,longitude';

describe('parseDeviceImport', () => {
  it('CSV rows → devices, an empty location left out', () => {
    const csv = `${HEADER}\nTRK-1,container,cont-frozen-1,,\nICE-9,ice-station,jalinda-mohe-ice,53.47,122.38\n`;
    expect(parseDeviceImport('csv', csv, site)).toEqual({
      devices: [
        { id: 'TRK-1', kind: 'container', asset: 'cont-frozen-1' },
        { id: 'ICE-9', kind: 'ice-station', asset: 'jalinda-mohe-ice', location: [53.47, 122.38] },
      ],
    });
  });

  it('the YAML shape → the same devices', () => {
    const yaml = 'devices:\n  - { id: TRK-1, kind: container, asset: cont-frozen-1 }\n';
    expect(parseDeviceImport('yaml', yaml, site)).toEqual({
      devices: [{ id: 'TRK-1', kind: 'container', asset: 'cont-frozen-1' }],
    });
  });

  const bad: { name: string; format: string; content: string; errors: string[] }[] = [
    { name: 'another format', format: 'xlsx', content: 'x', errors: ['format: csv or yaml'] },
    {
      name: 'a wrong header',
      format: 'csv',
      content: 'id,kind\nTRK-1,container',
      errors: [`line 1: the header must be ${HEADER}`],
    },
    {
      name: 'every bad row, by line and field',
      format: 'csv',
      content: `${HEADER}\nTRK-1,container,cont-nowhere,,\nTRK-2,container,cont-frozen-1,,\nTRK-2,container,cont-frozen-1,,\nTRK-3,boat,cont-frozen-1,,`,
      errors: [
        'line 2: asset: unknown asset "cont-nowhere"',
        'line 4: id: "TRK-2" is also on line 3',
        'line 5: kind: one of ice-station, vehicle, ferry, container',
      ],
    },
    {
      name: 'a short row',
      format: 'csv',
      content: `${HEADER}\nTRK-1,container`,
      errors: ['line 2: 5 fields, not 2'],
    },
    {
      name: 'a YAML row with a secret',
      format: 'yaml',
      content: 'devices:\n  - { id: TRK-1, kind: container, asset: cont-frozen-1, secretHash: x }\n',
      errors: ['devices[0]: secretHash: not a field of a device'],
    },
    {
      name: 'YAML without devices',
      format: 'yaml',
      content: 'people: []',
      errors: ['devices: a list of {id, kind, asset, location?}'],
    },
  ];
  it.each(bad)('$name → every error, nothing to import', ({ format, content, errors }) => {
    expect(parseDeviceImport(format, content, site)).toEqual({ errors });
  });

  it('an export imports again unchanged', () => {
    const devices = [
      {
        id: 'ICE-9',
        kind: 'ice-station' as const,
        asset: 'jalinda-mohe-ice',
        location: [53.47, 122.38] as [number, number],
      },
    ];
    expect(parseDeviceImport('csv', devicesCsv(devices), site)).toEqual({ devices });
  });
});

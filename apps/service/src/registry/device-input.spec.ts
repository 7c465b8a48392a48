// parseNewDevice: a device to provision, each bad field named, checked against the site's assets.
import { loadSiteConfig } from '@jct/site-config';
import { join } from 'node:path';
import { parseNewDevice } from './device-input';

const site = loadSiteConfig(join(__dirname, '../../../../config/jalinda-mohe.site.yaml'));

describe('parseNewDevice', () => {
  const good: { name: string; body: Record<string, unknown> }[] = [
    {
      name: 'a container tracker on a container',
      body: { id: 'TRK-100', kind: 'container', asset: 'cont-frozen-1' },
    },
    { name: 'a vehicle tracker on a truck', body: { id: 'TRUCK-09', kind: 'vehicle', asset: 'truck-01' } },
    {
      name: 'an ice station on the ice crossing, with a location',
      body: { id: 'ICE-9', kind: 'ice-station', asset: 'jalinda-mohe-ice', location: [53.47, 122.38] },
    },
  ];
  it.each(good)('$name → accepted as given', ({ body }) => {
    expect(parseNewDevice(body, site)).toEqual({ device: body });
  });

  const bad: { name: string; body: unknown; errors: string[] }[] = [
    { name: 'not an object', body: [], errors: ['body: a JSON object {id, kind, asset, location?}'] },
    {
      name: 'nothing given',
      body: {},
      errors: [
        'id: letters, digits, ".", "_" and "-", at most 64',
        'kind: one of ice-station, vehicle, ferry, container',
        'asset: the crossing or asset the device sits on',
      ],
    },
    {
      name: 'an id with a slash (it would name another topic)',
      body: { id: 'TRK/1', kind: 'container', asset: 'cont-frozen-1' },
      errors: ['id: letters, digits, ".", "_" and "-", at most 64'],
    },
    {
      name: 'an unknown asset',
      body: { id: 'TRK-1', kind: 'container', asset: 'cont-nowhere' },
      errors: ['asset: unknown asset "cont-nowhere"'],
    },
    {
      name: 'a container tracker on a truck',
      body: { id: 'TRK-1', kind: 'container', asset: 'truck-01' },
      errors: ['asset: a container device must sit on a container; "truck-01" is a vehicle'],
    },
    {
      name: 'an ice station on the ferry crossing',
      body: { id: 'ICE-9', kind: 'ice-station', asset: 'jalinda-mohe-ferry' },
      errors: ['asset: an ice station must sit on an ice crossing; "jalinda-mohe-ferry" is not one'],
    },
    {
      name: 'a location out of range and a secret given by the caller',
      body: { id: 'TRK-1', kind: 'container', asset: 'cont-frozen-1', location: [91, 0], secret: 'mine' },
      errors: ['secret: not a field of a device', 'location: [latitude, longitude] in degrees'],
    },
  ];
  it.each(bad)('$name → 400 naming each bad field', ({ body, errors }) => {
    expect(parseNewDevice(body, site)).toEqual({ errors });
  });
});

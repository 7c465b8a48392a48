import type { LatLon } from '../ice/traffic';
import { journeyStage, type JourneyPosition, type RoutePlaces } from './journey-stage';

// The shipped site's places (config/jalinda-mohe.site.yaml), Skovorodino to Mohe.
const PLACES: RoutePlaces = {
  crossings: [
    {
      id: 'jalinda-mohe-ice',
      mode: 'ice',
      corridor: [
        [53.4852, 123.9018],
        [53.4806, 123.9031],
        [53.4771, 123.9042],
      ],
      corridorWidthM: 60,
    },
    {
      id: 'jalinda-mohe-ferry',
      mode: 'ferry',
      corridor: [
        [53.4857, 123.899],
        [53.4778, 123.9005],
      ],
      corridorWidthM: 150,
    },
  ],
  zones: [
    { id: 'skovorodino-rail-hub', type: 'rail-hub', location: [53.9859, 123.9422] },
    {
      id: 'jalinda-checkpoint',
      type: 'inspection-zone',
      polygon: [
        [53.489, 123.896],
        [53.489, 123.908],
        [53.4852, 123.908],
        [53.4852, 123.896],
      ],
    },
    {
      id: 'mohe-checkpoint',
      type: 'inspection-zone',
      polygon: [
        [53.4771, 123.898],
        [53.4771, 123.91],
        [53.473, 123.91],
        [53.473, 123.898],
      ],
    },
    {
      id: 'skovorodino-terminal',
      type: 'inspection-zone',
      polygon: [
        [53.99, 123.935],
        [53.99, 123.95],
        [53.982, 123.95],
        [53.982, 123.935],
      ],
    },
  ],
};

const cases: { name: string; position: LatLon | undefined; expected: JourneyPosition }[] = [
  {
    name: 'no position yet → unknown, not guessed',
    position: undefined,
    expected: { stage: 'unknown', leg: 'unknown', placeId: undefined },
  },
  {
    name: 'in the Skovorodino container terminal → at the rail hub (rail leg)',
    position: [53.986, 123.94],
    expected: { stage: 'rail-hub', leg: 'rail', placeId: 'skovorodino-rail-hub' },
  },
  {
    name: 'on the road halfway from Skovorodino to Jalinda → on the road',
    position: [53.74, 123.92],
    expected: { stage: 'on-road', leg: 'road', placeId: undefined },
  },
  {
    name: 'inside the Jalinda checkpoint → at the checkpoint',
    position: [53.487, 123.9],
    expected: { stage: 'checkpoint', leg: 'crossing', placeId: 'jalinda-checkpoint' },
  },
  {
    name: 'midway on the ice lane → on the ice',
    position: [53.4812, 123.9029],
    expected: { stage: 'on-ice', leg: 'crossing', placeId: 'jalinda-mohe-ice' },
  },
  {
    name: 'on the ferry line midstream → on the ferry',
    position: [53.4817, 123.8998],
    expected: { stage: 'on-ferry', leg: 'crossing', placeId: 'jalinda-mohe-ferry' },
  },
  {
    name: 'at the ice lane’s Jalinda end, also the checkpoint’s edge → on the ice (the corridor wins)',
    position: [53.4852, 123.9018],
    expected: { stage: 'on-ice', leg: 'crossing', placeId: 'jalinda-mohe-ice' },
  },
  {
    name: 'inside the Mohe checkpoint → at the checkpoint',
    position: [53.475, 123.905],
    expected: { stage: 'checkpoint', leg: 'crossing', placeId: 'mohe-checkpoint' },
  },
  {
    name: 'in Mohe town south of the checkpoint → beyond the crossing',
    position: [53.46, 123.905],
    expected: { stage: 'beyond-crossing', leg: 'destination', placeId: undefined },
  },
  {
    name: 'on the river bank next to the lane, outside every corridor and zone → on the road',
    position: [53.481, 123.91],
    expected: { stage: 'on-road', leg: 'road', placeId: undefined },
  },
];

describe('journeyStage', () => {
  it.each(cases)('$name', ({ position, expected }) => {
    expect(journeyStage(position, PLACES)).toEqual(expected);
  });

  it('a site without a rail hub never says "beyond the crossing": on the road', () => {
    const places = { ...PLACES, zones: PLACES.zones.filter((zone) => zone.type !== 'rail-hub') };
    expect(journeyStage([53.46, 123.905], places).stage).toBe('on-road');
  });
});

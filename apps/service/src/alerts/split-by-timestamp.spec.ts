import type { PointBatch } from '@jct/contract';
import { splitByTimestamp } from './alert-engine.service';

const device = {
  deviceId: 'CONT-04',
  kind: 'container' as const,
  assetId: 'cont-frozen-1',
  siteId: 'jalinda-mohe',
};

describe('splitByTimestamp', () => {
  it('a buffered batch of three readings → three readings, oldest first, values kept together', () => {
    const batch: PointBatch = {
      device,
      points: [
        { metric: 'tempC', ts: 3000, value: -20 },
        { metric: 'tempC', ts: 1000, value: -15 },
        { metric: 'doorOpen', ts: 1000, value: false },
        { metric: 'tempC', ts: 2000, value: -16 },
      ],
    };
    expect(splitByTimestamp(batch).map((reading) => reading.points)).toEqual([
      [
        { metric: 'tempC', ts: 1000, value: -15 },
        { metric: 'doorOpen', ts: 1000, value: false },
      ],
      [{ metric: 'tempC', ts: 2000, value: -16 }],
      [{ metric: 'tempC', ts: 3000, value: -20 }],
    ]);
  });

  it('a single reading → the same batch', () => {
    const batch: PointBatch = { device, points: [{ metric: 'tempC', ts: 1000, value: -15 }] };
    expect(splitByTimestamp(batch)).toEqual([batch]);
  });
});

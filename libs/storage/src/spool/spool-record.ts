import type { DeviceKind, MetricName, PointBatch } from '@jct/contract';

/** One accepted message in the spool: its points and when the service received it. */
export interface SpoolRecord {
  batch: PointBatch;
  /** Epoch ms when the service accepted the message: the start of the "publish → stored" clock. */
  acceptedAt: number;
}

// Compact on disk: the spool holds every accepted reading until the store has it.
type Line = {
  r: number;
  d: [string, DeviceKind, string, string];
  p: [MetricName, number, number | boolean][];
};

export function encodeRecord({ batch, acceptedAt }: SpoolRecord): string {
  const { device, points } = batch;
  const line: Line = {
    r: acceptedAt,
    d: [device.deviceId, device.kind, device.assetId, device.siteId],
    p: points.map((point) => [point.metric, point.ts, point.value]),
  };
  return JSON.stringify(line) + '\n';
}

/** Throws for a line that is not a whole record (corruption): the caller dead-letters it. */
export function decodeRecord(text: string): SpoolRecord {
  const line = JSON.parse(text) as Line;
  if (
    typeof line?.r !== 'number' ||
    !Array.isArray(line.d) ||
    line.d.length !== 4 ||
    !Array.isArray(line.p) ||
    !line.p.every((point) => Array.isArray(point) && point.length === 3 && typeof point[1] === 'number')
  ) {
    throw new Error('not a spool record');
  }
  const [deviceId, kind, assetId, siteId] = line.d;
  return {
    acceptedAt: line.r,
    batch: {
      device: { deviceId, kind, assetId, siteId },
      points: line.p.map(([metric, ts, value]) => ({ metric, ts, value })),
    },
  };
}

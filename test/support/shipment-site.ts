import { writeSiteConfig } from './site-config';

/**
 * The shipped site with two trackers free for run-time shipments: CONT-04 waits at the Skovorodino
 * terminal instead of riding the YAML container cont-frozen-1, and CONT-05 (same secret hash as
 * CONT-04: it connects with CONT-04's development secret) waits there too.
 */
export function siteWithFreeTrackers(): string {
  return writeSiteConfig((site) => {
    const devices = site.devices as { id: string; kind: string; asset: string; secretHash: string }[];
    const tracker = devices.find((d) => d.id === 'CONT-04')!;
    tracker.asset = 'skovorodino-terminal';
    devices.push({ ...tracker, id: 'CONT-05' });
  });
}

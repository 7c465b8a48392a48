import type { SiteConfig } from '@jct/site-config';
import type { Weather } from '../physics/weather';
import { telemetryTopic } from '@jct/contract';
import { readingPayload, type FeedMessage, type Values } from './feed-message';

/** What every generator needs: the site, the weather, and the simulated clock's anchor. */
export interface FeedContext {
  site: SiteConfig;
  weather: Weather;
  /** Epoch ms of simulated time 0. */
  startMs: number;
  durationMs: number;
  seed: number;
}

/** A reading of `deviceId` at simulated time `atMs`, stamped with its device time. */
export function reading(context: FeedContext, deviceId: string, atMs: number, values: Values): FeedMessage {
  return {
    atMs,
    deviceId,
    topic: telemetryTopic(deviceId),
    payload: readingPayload(context.startMs + atMs, values),
  };
}

export function requireDevice(context: FeedContext, id: string, kind: string, where: string): void {
  if (!context.site.devices.some((device) => device.id === id && device.kind === kind)) {
    throw new Error(`${where}: "${id}" is not a ${kind} of the site configuration`);
  }
}

import type { Misbehaviour } from '../scenario/schema';
import type { FeedContext } from './context';
import type { FeedMessage } from './feed-message';
import { telemetryTopic } from '@jct/contract';

/** A metric each kind may send, to get wrong on purpose. */
const METRIC_OF_KIND: Record<string, { metric: string; impossible: number }> = {
  'ice-station': { metric: 'iceThicknessCm', impossible: 9000 },
  container: { metric: 'tempC', impossible: 500 },
  vehicle: { metric: 'speedKmh', impossible: 900 },
  ferry: { metric: 'speedKmh', impossible: 900 },
};
/** Above the service's default INGEST_MAX_PAYLOAD_BYTES (256 KiB). */
const HUGE_BYTES = 300 * 1024;
const DAY_MS = 86_400_000;

/**
 * A device behaving badly, as the contract says the service must survive (README, device
 * contract): malformed JSON, a number sent as a string, an impossible value, a huge payload, an
 * unknown metric, a clock a day ahead, and floods of valid readings (distinct timestamps).
 */
export function misbehaviourMessages(list: Misbehaviour[], context: FeedContext): FeedMessage[] {
  const messages: FeedMessage[] = [];
  for (const [i, plan] of list.entries()) {
    const device = context.site.devices.find((d) => d.id === plan.device);
    if (!device)
      throw new Error(`misbehave[${i}]: "${plan.device}" is not a device of the site configuration`);
    const { metric, impossible } = METRIC_OF_KIND[device.kind];
    const ts = context.startMs + plan.at;
    for (let n = 0; n < plan.count; n++) {
      messages.push({
        atMs: plan.at,
        deviceId: plan.device,
        topic: telemetryTopic(plan.device),
        payload: payloadOf(plan.kind, ts + n, metric, impossible),
      });
    }
  }
  return messages;
}

function payloadOf(kind: Misbehaviour['kind'], ts: number, metric: string, impossible: number): string {
  switch (kind) {
    case 'malformed-json':
      return `{"ts": ${ts}, "values": {"${metric}": 1`;
    case 'wrong-type':
      return JSON.stringify({ ts, values: { [metric]: '12.5' } });
    case 'out-of-range':
      return JSON.stringify({ ts, values: { [metric]: impossible } });
    case 'huge-payload':
      return JSON.stringify({ ts, values: { batteryPct: 50 }, padding: 'x'.repeat(HUGE_BYTES) });
    case 'unknown-metric':
      return JSON.stringify({ ts, values: { frobnicationLevel: 3 } });
    case 'future-timestamp':
      return JSON.stringify({ ts: ts + DAY_MS, values: { batteryPct: 50 } });
    case 'flood':
      return JSON.stringify({ ts, values: { batteryPct: 50 } });
  }
}

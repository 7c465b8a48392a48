import { connectAsync, type MqttClient } from 'mqtt';
// The shape the service publishes on alerts/{subjectId}, as the simulator reads it too.
import type { AlertEvent as AlertMessage } from '../../devices-sim/src/run/alert-listener';
import { devSecret } from './devices';
import { waitFor } from '../harness/wait';

export type { AlertMessage };

/** Watches alerts/# and crossings/# as the read-only ops-dashboard client of the shipped site. */
export class AlertWatcher {
  readonly alerts: AlertMessage[] = [];
  readonly statuses: { crossingId: string; status: string; maxGrossTonnes: number; retained: boolean }[] = [];
  private constructor(private readonly client: MqttClient) {}

  static async connect(url: string): Promise<AlertWatcher> {
    const client = await connectAsync(url, {
      clientId: `ops-dashboard:${Math.random().toString(36).slice(2, 8)}`,
      username: 'ops-dashboard',
      password: devSecret('ops-dashboard'),
      protocolVersion: 4,
      reconnectPeriod: 0,
    });
    const watcher = new AlertWatcher(client);
    client.on('message', (topic, payload, packet) => {
      const body = JSON.parse(payload.toString()) as Record<string, unknown>;
      if (topic.startsWith('alerts/')) watcher.alerts.push(body as unknown as AlertMessage);
      else
        watcher.statuses.push({
          ...(body as { crossingId: string; status: string; maxGrossTonnes: number }),
          retained: packet.retain,
        });
    });
    await client.subscribeAsync(['alerts/#', 'crossings/#'], { qos: 1 });
    return watcher;
  }

  firing(ruleId: string, subjectId?: string): AlertMessage[] {
    return this.alerts.filter(
      (m) =>
        m.transition === 'firing' &&
        m.alert.ruleId === ruleId &&
        (!subjectId || m.alert.subjectId === subjectId),
    );
  }

  async waitForFiring(ruleId: string, subjectId?: string, timeoutMs = 10_000): Promise<AlertMessage> {
    return (await waitFor(
      `alert ${ruleId} firing${subjectId ? ` on ${subjectId}` : ''}`,
      () => this.firing(ruleId, subjectId)[0],
      timeoutMs,
    ))!;
  }

  async close(): Promise<void> {
    await this.client.endAsync();
  }
}

import { connectAsync, type MqttClient } from 'mqtt';

/** An alert transition as the service publishes it on alerts/{subjectId}. */
export interface AlertEvent {
  transition: 'firing' | 'escalated' | 'resolved' | 'acknowledged';
  alert: {
    id: string;
    ruleId: string;
    subjectId: string;
    severity: string;
    state: string;
    reason: string;
    firedAt?: string;
    breachSince?: string;
    trigger?: { ts?: string; deviceId?: string; metric?: string; value?: number };
  };
}

export type ActiveAlert = AlertEvent['alert'];

/** Listens to alerts/# as a read-only MQTT client of the site (e.g. ops-dashboard). */
export class AlertListener {
  readonly events: AlertEvent[] = [];

  private constructor(private readonly client: MqttClient) {
    client.on('message', (_topic, payload) => {
      try {
        this.events.push(JSON.parse(payload.toString()) as AlertEvent);
      } catch {
        // not an alert: ignore
      }
    });
  }

  static async connect(url: string, user: string, password: string): Promise<AlertListener> {
    const client = await connectAsync(url, {
      clientId: `${user}:sim-${process.pid}-${Date.now().toString(36)}`,
      username: user,
      password,
      protocolVersion: 4,
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
    });
    const listener = new AlertListener(client);
    const granted = await client.subscribeAsync('alerts/#', { qos: 1 });
    if (granted.some((g) => g.qos === 128)) {
      await client.endAsync();
      throw new Error(`${user} may not subscribe to alerts/# on ${url}`);
    }
    return listener;
  }

  close(): Promise<void> {
    return this.client.endAsync();
  }
}

/** The alerts active (firing or acknowledged) now, from the service's HTTP API (the alerts API needs an operator's key). */
export async function activeAlerts(apiUrl: string, apiKey: string): Promise<ActiveAlert[]> {
  const response = await fetch(`${apiUrl.replace(/\/$/, '')}/api/alerts?state=active&limit=1000`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  if (response.status !== 200) throw new Error(`GET ${apiUrl}/api/alerts answered ${response.status}`);
  return (await response.json()) as ActiveAlert[];
}

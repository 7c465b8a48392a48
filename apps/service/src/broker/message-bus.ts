/**
 * Publishing to MQTT, whichever broker is in use: the embedded aedes broker or an external one.
 * Rejection replies go through it; later the alert engine's alerts and crossing status.
 */
export abstract class MessageBus {
  abstract publish(
    topic: string,
    payload: string,
    options?: { qos?: 0 | 1; retain?: boolean },
  ): Promise<void>;
  abstract get connected(): boolean;
  abstract get description(): string;

  /** Devices connected now, where the broker can tell (the embedded one); undefined otherwise. */
  connectedDevices(): number | undefined {
    return undefined;
  }

  /**
   * Closes the connections of a device whose secret was revoked or rotated, where the broker is
   * ours (the embedded one). An external broker's own authentication decides there (README).
   */
  disconnectDevice(_id: string): void {}

  /** A rejection reply is advice to a device online now (QoS 0): it never holds up ingestion. */
  protected sendReply(reply: { topic: string; payload: string }): void {
    this.publish(reply.topic, reply.payload, { qos: 0 }).catch(() => undefined);
  }
}

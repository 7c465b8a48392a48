import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { TELEMETRY_SUBSCRIPTION, deviceIdOfTelemetryTopic } from '@jct/contract';
import { connect, type IPublishPacket, type MqttClient } from 'mqtt';
import { AppConfig, redactUrl } from '../config/app-config';
import { IngestService } from '../ingest/ingest.service';
import { MessageBus } from './message-bus';

/**
 * Ingestion through an external broker (Mosquitto, EMQX): a persistent session (fixed client id,
 * clean session off) subscribed at QoS 1, so the broker keeps messages while the service is down.
 * Raw payloads are read with MQTT.js, not Nest's MQTT transport (nestjs/nest #13675).
 *
 * MQTT.js sends the PUBACK when handleMessage calls back; it is called back only after the
 * readings are in the spool, so a message the broker sees acknowledged is never lost.
 */
@Injectable()
export class ExternalBroker extends MessageBus implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ExternalBroker');
  private client?: MqttClient;

  constructor(
    private readonly config: AppConfig,
    private readonly ingest: IngestService,
  ) {
    super();
  }

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  get description(): string {
    return `external ${redactUrl(this.config.mqtt.url ?? '')}`;
  }

  onModuleInit(): void {
    const { url, clientId, username, password } = this.config.mqtt;
    const client = connect(url!, {
      clientId,
      clean: false,
      protocolVersion: 4,
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
      username,
      password,
      // Subscribing is done explicitly on every connect below.
      resubscribe: false,
      // Rejection replies are advice to an online device: never queue them in memory while offline.
      queueQoSZero: false,
    });
    this.client = client;
    client.handleMessage = (packet, done) => this.handle(packet, done);
    client.on('connect', (connack) => {
      this.logger.log(`connected to ${this.description} (session present: ${connack.sessionPresent})`);
      client.subscribe(TELEMETRY_SUBSCRIPTION, { qos: 1 }, (error, granted) => {
        if (error) this.logger.error(`subscribe failed: ${error.message}`);
        else if (granted?.some((grant) => grant.qos === 128)) {
          this.logger.error(
            `the broker refused the subscription to ${TELEMETRY_SUBSCRIPTION}: check its ACL`,
          );
        }
      });
    });
    client.on('reconnect', () => this.logger.debug('reconnecting to the broker'));
    client.on('offline', () => this.logger.warn('broker connection lost; the broker keeps our session'));
    client.on('error', (error) => this.logger.warn(`broker: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client?.endAsync();
  }

  async publish(
    topic: string,
    payload: string,
    options: { qos?: 0 | 1; retain?: boolean } = {},
  ): Promise<void> {
    if (!this.client) throw new Error('not connected');
    await this.client.publishAsync(topic, payload, {
      qos: options.qos ?? 0,
      retain: options.retain ?? false,
    });
  }

  private handle(packet: IPublishPacket, done: (error?: Error) => void): void {
    const deviceId = deviceIdOfTelemetryTopic(packet.topic);
    if (!deviceId) return done();
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    this.ingest.ingest(deviceId, payload).then(
      (outcome) => {
        done();
        if (outcome.reply) this.sendReply(outcome.reply);
      },
      (error: Error) => {
        this.logger.error(`could not accept telemetry from ${deviceId}: ${error.message}`);
        done(error);
      },
    );
  }
}

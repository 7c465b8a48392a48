import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { deviceIdOfTelemetryTopic, truncate } from '@jct/contract';
import { Aedes, type AuthenticateError, type Client, type PublishPacket, type Subscription } from 'aedes';
import { unwatchFile, watchFile } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createServer, type Server } from 'node:net';
import type { Duplex } from 'node:stream';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { WebSocketServer, createWebSocketStream } from 'ws';
import { AppConfig } from '../config/app-config';
import { IngestService } from '../ingest/ingest.service';
import { MessageBus } from './message-bus';
import { SiteRegistry } from '../site/site-registry';
import { canPublish, canSubscribe, clientIdFits, retainedFits, type BrokerIdentity } from './broker-access';
import { brokerTlsOptions, peerCertificate } from './broker-tls';
import { guardPacketSize } from './packet-size-guard';
import { VerifiedSecrets } from './verified-secrets';

// aedes' AuthErrorCode is a const enum, which isolatedModules cannot read.
const BAD_USERNAME_OR_PASSWORD = 4;
const NOT_AUTHORIZED = 5;
const identities = new WeakMap<Client, BrokerIdentity>();
/** The stored hash a device's password was verified against, to notice a rotation during CONNECT. */
const verifiedHashes = new WeakMap<Client, string>();
// A well-formed hash no secret is known for: an unknown user costs one SHA-256, as a provisioned
// device does. (Not a scrypt: that would let anyone make the broker burn ~30 ms per CONNECT, and
// device ids are not secret, they name the telemetry topics.)
const UNKNOWN_USER_HASH = 'sha256$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/**
 * The embedded aedes broker: MQTT over TCP and WebSocket, devices authenticated against the site
 * configuration. Telemetry is ingested inside authorizePublish, before aedes sends the PUBACK: a
 * device's QoS 1 message is acknowledged only once its readings are durably in the spool.
 */
@Injectable()
export class EmbeddedBroker extends MessageBus implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('EmbeddedBroker');
  private broker?: Aedes;
  /** Connected clients authenticated as devices, for the connected-devices gauge. */
  private readonly devicesOnline = new Set<Client>();
  readonly secrets = new VerifiedSecrets();
  private tls?: TlsServer;
  private https?: HttpsServer;
  private wss?: WebSocketServer;
  private tcp?: Server;
  private ws?: WebSocketServer;

  constructor(
    private readonly config: AppConfig,
    private readonly site: SiteRegistry,
    private readonly ingest: IngestService,
  ) {
    super();
  }

  get connected(): boolean {
    return this.broker !== undefined && !this.broker.closed && (this.tcp?.listening ?? false);
  }

  get description(): string {
    return `embedded aedes on ${this.config.mqtt.host}:${this.config.mqtt.port} (ws ${this.config.mqtt.wsPort})`;
  }

  override connectedDevices(): number {
    return this.devicesOnline.size;
  }

  override disconnectDevice(id: string): void {
    this.secrets.forget(id);
    for (const client of this.devicesOnline) {
      if (identities.get(client)?.id !== id) continue;
      this.logger.log(`closed the connection of device ${id}: its secret was revoked or rotated`);
      client.close();
    }
  }

  get connectedClients(): number {
    return this.broker?.connectedClients ?? 0;
  }

  async onModuleInit(): Promise<void> {
    const broker = await Aedes.createBroker({
      authenticate: (client, username, password, done) =>
        void this.authenticate(client, username, password, done),
      authorizePublish: (client, packet, done) => this.authorizePublish(client, packet, done),
      authorizeSubscribe: (client, subscription, done) => this.authorizeSubscribe(client, subscription, done),
    });
    this.broker = broker;
    const { host, port, wsPort } = this.config.mqtt;
    const limits = {
      maxPacketBytes: this.config.mqtt.maxPacketBytes,
      maxConnectBytes: this.config.mqtt.maxConnectBytes,
    };
    const refused = (bytes: number) =>
      this.logger.warn(
        `closed an MQTT connection announcing a ${bytes}-byte packet (limits: ${limits.maxConnectBytes} bytes for CONNECT, ${limits.maxPacketBytes} after)`,
      );
    const handle = (stream: Duplex, request?: IncomingMessage) =>
      broker.handle(guardPacketSize(stream, limits, refused), request);
    this.tcp = createServer((socket) => handle(socket));
    await new Promise<void>((resolve, reject) => {
      this.tcp!.once('error', reject);
      this.tcp!.listen(port, host, () => resolve());
    });
    this.ws = new WebSocketServer({ host, port: wsPort, maxPayload: limits.maxPacketBytes + 8 });
    this.ws.on('connection', (socket, request) => handle(createWebSocketStream(socket), request));
    await new Promise<void>((resolve, reject) => {
      this.ws!.once('error', reject);
      this.ws!.once('listening', () => resolve());
    });
    if (this.config.mqtt.tls) await this.listenWithTls(handle, limits.maxPacketBytes + 8);
    broker.on('client', (client) => {
      const identity = identities.get(client);
      if (identity?.type !== 'device') return;
      this.devicesOnline.add(client);
      // Revoked or rotated between the password check and now: the disconnect above missed it.
      const hash = verifiedHashes.get(client);
      if (hash !== undefined && this.site.device(identity.id)?.secretHash !== hash)
        this.disconnectDevice(identity.id);
    });
    broker.on('clientDisconnect', (client) => this.devicesOnline.delete(client));
    broker.on('clientError', (client, error) => this.logger.debug(`client ${client?.id}: ${error.message}`));
    this.logger.log(`MQTT broker listening on ${host}:${port}, WebSocket on ${host}:${wsPort}`);
  }

  async onApplicationShutdown(): Promise<void> {
    // Close the broker before the servers, so clients are told first.
    await new Promise<void>((resolve) => (this.broker ? this.broker.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) => (this.ws ? this.ws.close(() => resolve()) : resolve()));
    for (const client of this.ws?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (this.tcp ? this.tcp.close(() => resolve()) : resolve()));
    if (this.config.mqtt.tls) {
      for (const file of [this.config.mqtt.tls.certFile, this.config.mqtt.tls.keyFile]) unwatchFile(file);
      await new Promise<void>((resolve) => (this.wss ? this.wss.close(() => resolve()) : resolve()));
      for (const client of this.wss?.clients ?? []) client.terminate();
      await new Promise<void>((resolve) => (this.https ? this.https.close(() => resolve()) : resolve()));
      await new Promise<void>((resolve) => (this.tls ? this.tls.close(() => resolve()) : resolve()));
    }
  }

  /**
   * MQTT over TLS and secure WebSocket, from the certificate and key files. When the files change
   * (a renewed certificate), new connections get the new one; open connections stay up.
   */
  private async listenWithTls(
    handle: (stream: Duplex, request?: IncomingMessage) => void,
    maxPayload: number,
  ): Promise<void> {
    const tls = this.config.mqtt.tls!;
    const host = this.config.mqtt.host;
    const options = brokerTlsOptions(tls);
    // The size guard wraps the socket; the TLS socket stays reachable as the request's socket, where
    // peerCertificate() reads the client's certificate.
    this.tls = createTlsServer(options, (socket) => handle(socket, { socket } as unknown as IncomingMessage));
    this.https = createHttpsServer(options);
    this.wss = new WebSocketServer({ server: this.https, maxPayload });
    this.wss.on('connection', (socket, request) => handle(createWebSocketStream(socket), request));
    for (const [server, port] of [
      [this.tls, tls.port],
      [this.https, tls.wssPort],
    ] as const) {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
    }
    for (const file of [tls.certFile, tls.keyFile])
      watchFile(file, { interval: 2000 }, () => this.reloadCertificate());
    this.logger.log(
      `MQTT over TLS on ${host}:${tls.port}, secure WebSocket on ${host}:${tls.wssPort}` +
        (tls.clientCaFile ? `, client certificates ${tls.requireClientCert ? 'required' : 'accepted'}` : ''),
    );
  }

  /** Swaps the secure context; a half-written pair (key and certificate not matching) is skipped. */
  reloadCertificate(): void {
    try {
      const options = brokerTlsOptions(this.config.mqtt.tls!);
      this.tls?.setSecureContext(options);
      this.https?.setSecureContext(options);
      this.logger.log('TLS certificate reloaded');
    } catch (error) {
      this.logger.warn(`TLS certificate not reloaded, keeping the current one: ${(error as Error).message}`);
    }
  }

  publish(topic: string, payload: string, options: { qos?: 0 | 1; retain?: boolean } = {}): Promise<void> {
    const broker = this.broker;
    if (!broker) return Promise.reject(new Error('broker not started'));
    return new Promise((resolve, reject) =>
      broker.publish(
        {
          cmd: 'publish',
          topic,
          payload: Buffer.from(payload),
          qos: options.qos ?? 0,
          retain: options.retain ?? false,
          dup: false,
        },
        (error) => (error ? reject(error) : resolve()),
      ),
    );
  }

  private async authenticate(
    client: Client,
    username: string | undefined,
    password: Buffer | undefined,
    done: (error: AuthenticateError | null, success: boolean | null) => void,
  ): Promise<void> {
    const refuse = (code: number, why: string) => {
      this.logger.warn(
        `refused MQTT connection (client id "${truncate(client.id ?? '')}", user "${truncate(username ?? '')}"): ${why}`,
      );
      done(Object.assign(new Error(why), { returnCode: code }) as AuthenticateError, false);
    };
    const certificate = peerCertificate(client);
    if (certificate.presented) {
      // A certificate from the devices' CA is the device's identity: its CN, whatever the password.
      if (!certificate.trusted)
        return refuse(NOT_AUTHORIZED, `untrusted client certificate: ${certificate.why}`);
      const id = certificate.commonName;
      if (!this.site.device(id))
        return refuse(NOT_AUTHORIZED, `certificate for "${id}", not a device of the site`);
      if (username && username !== id)
        return refuse(NOT_AUTHORIZED, `certificate for "${id}", username "${username}"`);
      if (!clientIdFits(id, client.id))
        return refuse(
          NOT_AUTHORIZED,
          `a device must connect with its id as client id ("${id}" or "${id}:…")`,
        );
      identities.set(client, { type: 'device', id });
      return done(null, true);
    }
    if (!username || !password) return refuse(BAD_USERNAME_OR_PASSWORD, 'no username or password');
    // Checked before the secret: it depends on the names only, and costs nothing.
    if (!clientIdFits(username, client.id)) {
      return refuse(
        NOT_AUTHORIZED,
        `a client must connect with its user name as client id ("${username}" or "${username}:…", at most 128 characters)`,
      );
    }
    const device = this.site.device(username);
    const mqttClient = device ? undefined : this.site.mqttClient(username);
    const hash = device?.secretHash ?? mqttClient?.secretHash ?? UNKNOWN_USER_HASH;
    const verified = await this.secrets.verify(username, password.toString('utf8'), hash);
    if (!verified || hash === UNKNOWN_USER_HASH) {
      return refuse(BAD_USERNAME_OR_PASSWORD, 'unknown user or wrong password');
    }
    if (device) verifiedHashes.set(client, hash);
    identities.set(
      client,
      device
        ? { type: 'device', id: device.id }
        : { type: 'client', id: username, subscribe: mqttClient!.subscribe },
    );
    done(null, true);
  }

  private authorizePublish(
    client: Client | null,
    packet: PublishPacket,
    done: (error?: Error | null) => void,
  ): void {
    if (!client) return done(null); // the broker's own publishes
    const identity = identities.get(client);
    let decision = identity
      ? canPublish(identity, packet.topic)
      : { allowed: false as const, reason: 'not authenticated' };
    if (decision.allowed) decision = retainedFits(packet);
    if (!decision.allowed) {
      // MQTT 3.1.1 has no negative PUBACK: the broker closes the connection (aedes does on error).
      this.logger.warn(
        `refused publish to ${packet.topic} by ${identity?.id ?? client.id}: ${decision.reason}`,
      );
      return done(new Error(decision.reason));
    }
    const deviceId = deviceIdOfTelemetryTopic(packet.topic);
    if (!deviceId) return done(null);
    packet.retain = false; // telemetry is a stream, not a state to keep on the broker
    this.ingest.ingest(deviceId, packet.payload as Buffer).then(
      (outcome) => {
        done(null);
        if (outcome.reply) this.sendReply(outcome.reply);
      },
      (error: Error) => {
        // A local failure (the spool could not be written): no PUBACK, the device sends again.
        // Bad input never lands here: parseTelemetry turns it into rejections.
        this.logger.error(`could not accept telemetry from ${deviceId}: ${error.message}`);
        done(error);
      },
    );
  }

  private authorizeSubscribe(
    client: Client,
    subscription: Subscription,
    done: (error: Error | null, subscription?: Subscription | null) => void,
  ): void {
    const identity = identities.get(client);
    const decision = identity
      ? canSubscribe(identity, subscription.topic)
      : { allowed: false as const, reason: 'not authenticated' };
    if (!decision.allowed) {
      this.logger.warn(
        `refused subscription to ${subscription.topic} by ${identity?.id ?? client.id}: ${decision.reason}`,
      );
      // A null subscription is a SUBACK failure (0x80) for this filter; the connection stays up.
      return done(null, null);
    }
    done(null, subscription);
  }
}

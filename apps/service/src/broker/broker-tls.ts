import type { Client } from 'aedes';
import { readFileSync } from 'node:fs';
import { TLSSocket, type TlsOptions } from 'node:tls';
import type { BrokerTlsConfig } from '../config/app-config';

/** Certificate, key and (for client certificates) the CA, read from their files now. */
export function brokerTlsOptions(tls: BrokerTlsConfig): TlsOptions {
  return {
    cert: readFileSync(tls.certFile),
    key: readFileSync(tls.keyFile),
    ca: tls.clientCaFile ? readFileSync(tls.clientCaFile) : undefined,
    // Without requireClientCert, devices without a certificate still log in with their password.
    requestCert: tls.clientCaFile !== undefined,
    rejectUnauthorized: tls.requireClientCert,
    minVersion: 'TLSv1.2',
  };
}

export type PeerCertificate =
  | { presented: false }
  | { presented: true; trusted: true; commonName: string }
  | { presented: true; trusted: false; why: string };

/**
 * The client certificate of an MQTT connection, over TLS (the stream is the TLS socket) or secure
 * WebSocket (the upgrade request's socket is). Plain connections present none.
 */
export function peerCertificate(client: Client): PeerCertificate {
  const request = (client as Client & { req?: { socket?: unknown } }).req;
  const socket = client.conn instanceof TLSSocket ? client.conn : request?.socket;
  if (!(socket instanceof TLSSocket)) return { presented: false };
  const certificate = socket.getPeerCertificate();
  if (!certificate || Object.keys(certificate).length === 0) return { presented: false };
  if (!socket.authorized) return { presented: true, trusted: false, why: String(socket.authorizationError) };
  const commonName = certificate.subject?.CN;
  if (typeof commonName !== 'string' || commonName === '')
    return { presented: true, trusted: false, why: 'the certificate names no CN' };
  return { presented: true, trusted: true, commonName };
}

import { telemetryTopic, rejectedTopic } from '@jct/contract';

/** Who is on the other end of an MQTT connection to the embedded broker. */
export type BrokerIdentity =
  { type: 'device'; id: string } | { type: 'client'; id: string; subscribe: readonly string[] };

export type AccessDecision = { allowed: true } | { allowed: false; reason: string };

const ALLOWED: AccessDecision = { allowed: true };

/** A device publishes its telemetry and status under its own id only; read-only clients publish nothing. */
export function canPublish(identity: BrokerIdentity, topic: string): AccessDecision {
  if (topic.startsWith('$SYS/')) return { allowed: false, reason: '$SYS/ topics are reserved' };
  if (identity.type === 'device') {
    if (topic === telemetryTopic(identity.id) || topic === `devices/${identity.id}/status`) return ALLOWED;
    return {
      allowed: false,
      reason: `device ${identity.id} may publish only to ${telemetryTopic(identity.id)}`,
    };
  }
  return { allowed: false, reason: `client ${identity.id} is read-only` };
}

/** A device subscribes to its own reply topic only; a client to the filters it was given. */
export function canSubscribe(identity: BrokerIdentity, filter: string): AccessDecision {
  if (identity.type === 'device') {
    if (filter === rejectedTopic(identity.id)) return ALLOWED;
    return {
      allowed: false,
      reason: `device ${identity.id} may subscribe only to ${rejectedTopic(identity.id)}`,
    };
  }
  if (identity.subscribe.some((allowed) => filterCovers(allowed, filter))) return ALLOWED;
  return { allowed: false, reason: `client ${identity.id} may not subscribe to ${filter}` };
}

/**
 * True when every topic that `filter` matches is also matched by `allowed` (MQTT 3.1.1 §4.7
 * wildcards), so a client cannot widen its access with a broader wildcard.
 */
export function filterCovers(allowed: string, filter: string): boolean {
  // A wildcard in the first level never matches a $ topic (MQTT 3.1.1 §4.7.2).
  if (filter.startsWith('$') && (allowed.startsWith('#') || allowed.startsWith('+'))) return false;
  const a = allowed.split('/');
  const f = filter.split('/');
  for (let i = 0; i < a.length; i++) {
    if (a[i] === '#') return true;
    if (i >= f.length) return false;
    if (f[i] === '#') return false;
    if (a[i] === '+') {
      if (f[i] === '#') return false;
      continue;
    }
    if (a[i] !== f[i]) return false;
  }
  return a.length === f.length;
}

/**
 * Every client (device or read-only) uses its user name as client id, or "<name>:<suffix>" for a
 * second connection, so no one can take over another's session (a client id names the session
 * MQTT 3.1.1 §3.1.4 closes on a second CONNECT). ":" cannot occur in an id, so "ICE" can never
 * claim "ICE-1"'s client id.
 */
export function clientIdFits(username: string, clientId: string): boolean {
  if (clientId.length > MAX_CLIENT_ID_LENGTH) return false;
  return (
    clientId === username || (clientId.startsWith(`${username}:`) && clientId.length > username.length + 1)
  );
}

/** Client ids are kept per session and logged: a 64 kB id is an attack, not a name. */
export const MAX_CLIENT_ID_LENGTH = 128;

/** A retained message (a device's status, also as its Will) stays on the broker: kept small. */
export const MAX_RETAINED_BYTES = 1024;

export function retainedFits(packet: { retain: boolean; payload: Buffer | string }): AccessDecision {
  if (!packet.retain || Buffer.byteLength(packet.payload) <= MAX_RETAINED_BYTES) return ALLOWED;
  return { allowed: false, reason: `a retained message may hold at most ${MAX_RETAINED_BYTES} bytes` };
}

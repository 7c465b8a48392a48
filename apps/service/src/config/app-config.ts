import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { leaseTimingProblems, type LeaseTiming } from '../leadership/leader-lease';

/**
 * Every environment variable the service reads, with its default. This is the only place that
 * reads process.env; README "Configuration" lists the same table.
 */
const port = (fallback: number) => integer(fallback, 1, 65_535);
function integer(fallback: number, min: number, max: number) {
  return z
    .string()
    .optional()
    .transform((text, context) => {
      if (text === undefined || text === '') return fallback;
      // Explicit parsing: "12abc" or "1e3" is a mistake, not 12 or 1000.
      if (!/^-?\d+$/.test(text.trim())) {
        context.addIssue({ code: 'custom', message: `"${text}" is not a whole number` });
        return z.NEVER;
      }
      const value = Number(text);
      if (value < min || value > max) {
        context.addIssue({ code: 'custom', message: `${value} is outside ${min}…${max}` });
        return z.NEVER;
      }
      return value;
    });
}
const optionalText = z
  .string()
  .optional()
  .transform((text) => (text === undefined || text.trim() === '' ? undefined : text.trim()));
const url = (protocols: string[]) =>
  optionalText.refine(
    (text) => {
      if (text === undefined) return true;
      try {
        return protocols.includes(new URL(text).protocol);
      } catch {
        return false;
      }
    },
    `a URL starting with ${protocols.join(' or ')}//`,
  );

const envSchema = z.object({
  NODE_ENV: optionalText,
  HTTP_PORT: port(3000),
  HTTP_HOST: optionalText.default('0.0.0.0'),
  MQTT_PORT: port(1883),
  MQTT_WS_PORT: port(8083),
  MQTT_HOST: optionalText.default('0.0.0.0'),
  MQTT_TLS_CERT: optionalText,
  MQTT_TLS_KEY: optionalText,
  MQTT_TLS_CLIENT_CA: optionalText,
  MQTT_TLS_REQUIRE_CLIENT_CERT: z.preprocess(
    (text) => (typeof text === 'string' && text.trim() === '' ? undefined : text),
    z.enum(['true', 'false']).default('false'),
  ),
  MQTT_TLS_PORT: port(8883),
  MQTT_WSS_PORT: port(8884),
  MQTT_URL: url(['mqtt:', 'mqtts:', 'ws:', 'wss:', 'tcp:']),
  MQTT_CLIENT_ID: optionalText.default('jct-ingest'),
  MQTT_USERNAME: optionalText,
  MQTT_PASSWORD: optionalText,
  INFLUX_URL: url(['http:', 'https:']),
  INFLUX_TOKEN: optionalText,
  INFLUX_ORG: optionalText,
  INFLUX_BUCKET: optionalText,
  INFLUX_DATABASE: optionalText,
  DATA_DIR: optionalText.default('./data'),
  SITE_CONFIG: optionalText.default('config/jalinda-mohe.site.yaml'),
  LOG_FORMAT: z.preprocess(
    (text) => (typeof text === 'string' && text.trim() === '' ? undefined : text),
    z.enum(['text', 'json']).default('text'),
  ),
  LOG_LEVEL: z.preprocess(
    (text) => (typeof text === 'string' && text.trim() === '' ? undefined : text),
    z.enum(['error', 'warn', 'info', 'debug']).default('info'),
  ),
  INGEST_MAX_PAYLOAD_BYTES: integer(256 * 1024, 64, 16 * 1024 * 1024),
  // Well above the payload limit: a payload between the two is read and refused with a reason
  // the device can read (payload_too_large); only a packet above this is cut at its header.
  MQTT_MAX_PACKET_BYTES: integer(1024 * 1024, 1024, 32 * 1024 * 1024),
  MQTT_MAX_CONNECT_BYTES: integer(8 * 1024, 256, 1024 * 1024),
  TRUST_PROXY: optionalText
    .default('false')
    .refine(
      (text) => /^(false|true|\d+|[\w.:/]+(\s*,\s*[\w.:/]+)*)$/.test(text),
      'false, true, a number of proxy hops, or a comma-separated list of addresses/subnets',
    ),
  INGEST_MAX_READINGS: integer(1000, 1, 100_000),
  INGEST_MAX_FUTURE_SECONDS: integer(300, 0, 86_400),
  INGEST_MAX_AGE_HOURS: integer(720, 1, 24 * 366),
  SPOOL_MAX_MB: integer(1024, 1, 1_000_000),
  SPOOL_FSYNC_MS: integer(100, 0, 60_000),
  SPOOL_DRAIN_BATCH_MS: integer(50, 0, 10_000),
  DUCKDB_MEMORY_LIMIT: optionalText.default('64MB'),
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  // The leader lease (with DATABASE_URL); the timing rule is checked below (leader-lease.ts).
  LEADER_LEASE_MS: integer(5_000, 500, 600_000),
  LEADER_RENEW_MS: integer(1_000, 100, 60_000),
  LEADER_RENEW_TIMEOUT_MS: integer(1_500, 100, 60_000),
  LEADER_LEASE_MARGIN_MS: integer(1_000, 1, 60_000),
  TELEMETRY_RETENTION_DAYS: integer(90, 0, 36_500),
  ALERT_TICK_SECONDS: integer(10, 1, 3600),
  ALERT_RETENTION_DAYS: integer(90, 1, 3650),
  SMTP_URL: url(['smtp:', 'smtps:']),
  SMTP_FROM: optionalText.default('Jalinda Crossing Telemetry <alerts@jalinda-crossing.local>'),
  PUBLIC_URL: url(['http:', 'https:']),
  NOTIFY_RETRY_MAX_SECONDS: integer(60, 1, 3600),
  NOTIFY_REPEAT_SECONDS: integer(3600, 0, 7 * 86_400),
  NOTIFY_GROUP_SECONDS: integer(30, 0, 3600),
  NOTIFY_REPORT_TIME: z
    .string()
    .optional()
    .transform((text) => (text === undefined || text.trim() === '' ? '07:00' : text.trim()))
    .refine(
      (text) => text === 'off' || /^([01]\d|2[0-3]):[0-5]\d$/.test(text),
      'a local time HH:MM (24 h), or "off"',
    ),
  API_RATE_LIMIT_PER_MINUTE: integer(600, 1, 1_000_000),
});

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
export type LogFormat = 'text' | 'json';

/**
 * LOG_FORMAT alone, for the messages written before the configuration is valid (a bad variable
 * is itself reported in the format asked for).
 */
export function requestedLogFormat(env: Record<string, string | undefined> = process.env): LogFormat {
  return env.LOG_FORMAT?.trim() === 'json' ? 'json' : 'text';
}

/** The validated configuration, injected wherever a setting is needed. */
export class AppConfig {
  /** NODE_ENV=production: refuse the development secrets of the shipped site configuration. */
  readonly production!: boolean;
  /** trustProxy: Express's "trust proxy" (false, true, hop count, or addresses/subnets). */
  readonly http!: { port: number; host: string; trustProxy: boolean | number | string };
  readonly mqtt!: {
    /** Set: use this external broker; unset: run the embedded aedes broker. */
    url?: string;
    clientId: string;
    username?: string;
    password?: string;
    port: number;
    wsPort: number;
    host: string;
    /** Set: the embedded broker also listens with TLS (MQTT over TLS and secure WebSocket). */
    tls?: BrokerTlsConfig;
    /** Embedded broker: packets over these sizes close the connection before they are buffered. */
    maxPacketBytes: number;
    maxConnectBytes: number;
  };
  readonly influx?: { url: string; token?: string; org?: string; bucket: string };
  readonly dataDir!: string;
  readonly siteConfigPath!: string;
  readonly logLevel!: LogLevel;
  /** text: Nest's lines (coloured only on a terminal); json: one JSON object per line. */
  readonly logFormat!: LogFormat;
  readonly ingest!: {
    maxPayloadBytes: number;
    maxReadingsPerMessage: number;
    maxFutureMs: number;
    maxAgeMs: number;
  };
  readonly spool!: { maxBytes: number; fsyncIntervalMs: number; storeBatchMs: number };
  readonly duckdb!: { memoryLimit: string };
  /**
   * Set: the operational state (registry, audit, alerts, outbox …) lives in this PostgreSQL
   * database, shared by every instance; unset: in DuckDB in the data folder.
   */
  readonly postgres?: { url: string };
  /** Timing of the leader lease that picks the one instance evaluating rules and sending mail. */
  readonly leaderLease!: LeaseTiming;
  /** Raw telemetry older than this is rolled up hourly and deleted; undefined: kept forever. */
  readonly telemetryRetentionMs?: number;
  /** How often silence ("no data") and crossing staleness are judged. */
  readonly alerts!: {
    tickMs: number;
    /** Resolved alerts older than this are forgotten. */ retentionMs: number;
  };
  /** Requests per API key (or per address without one) per minute. */
  readonly api!: { rateLimitPerMinute: number };
  readonly mail!: {
    smtpUrl?: string;
    from: string;
    publicUrl: string;
    retryMaxMs: number;
    repeatMs: number;
    /** Transitions for one person within this window go out as one e-mail. */
    groupMs: number;
    /** Local time of the daily shipment report in each owner's zone, minutes after midnight; undefined: off. */
    reportAtMinute?: number;
  };
}

export interface BrokerTlsConfig {
  certFile: string;
  keyFile: string;
  /** Set: clients may authenticate with a certificate from this CA, its CN being the device id. */
  clientCaFile?: string;
  /** true: the TLS handshake fails without a certificate from clientCaFile. */
  requireClientCert: boolean;
  port: number;
  wssPort: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Validates the environment once; throws ConfigError listing every bad variable. */
export function loadAppConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  // Checks across variables run on the raw values too, so one message lists every problem.
  const set = (name: string) => (env[name] ?? '').trim() !== '';
  const problems: string[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`);
  if (set('INFLUX_URL') && !set('INFLUX_BUCKET') && !set('INFLUX_DATABASE')) {
    problems.push('  - INFLUX_BUCKET (or INFLUX_DATABASE): required when INFLUX_URL is set');
  }
  if (
    set('INFLUX_BUCKET') &&
    set('INFLUX_DATABASE') &&
    env.INFLUX_BUCKET!.trim() !== env.INFLUX_DATABASE!.trim()
  ) {
    problems.push('  - INFLUX_DATABASE: differs from INFLUX_BUCKET; set one of them');
  }
  if (set('MQTT_TLS_CERT') !== set('MQTT_TLS_KEY')) {
    problems.push(
      '  - MQTT_TLS_CERT and MQTT_TLS_KEY: give both (TLS needs a certificate and its key) or neither',
    );
  }
  if (set('MQTT_TLS_CLIENT_CA') && !set('MQTT_TLS_CERT')) {
    problems.push(
      '  - MQTT_TLS_CLIENT_CA: client certificates need the TLS listener (MQTT_TLS_CERT, MQTT_TLS_KEY)',
    );
  }
  if (env.MQTT_TLS_REQUIRE_CLIENT_CERT?.trim() === 'true' && !set('MQTT_TLS_CLIENT_CA')) {
    problems.push(
      '  - MQTT_TLS_REQUIRE_CLIENT_CERT: needs MQTT_TLS_CLIENT_CA, the CA that signs the devices',
    );
  }
  for (const name of ['MQTT_TLS_CERT', 'MQTT_TLS_KEY', 'MQTT_TLS_CLIENT_CA']) {
    if (set(name) && !existsSync(env[name]!.trim()))
      problems.push(`  - ${name}: no file at ${env[name]!.trim()}`);
  }
  if (parsed.success && parsed.data.MQTT_MAX_PACKET_BYTES <= parsed.data.INGEST_MAX_PAYLOAD_BYTES) {
    problems.push(
      '  - MQTT_MAX_PACKET_BYTES: must exceed INGEST_MAX_PAYLOAD_BYTES (a packet holds a payload)',
    );
  }
  const leaseTiming: LeaseTiming = parsed.success
    ? {
        durationMs: parsed.data.LEADER_LEASE_MS,
        renewEveryMs: parsed.data.LEADER_RENEW_MS,
        renewTimeoutMs: parsed.data.LEADER_RENEW_TIMEOUT_MS,
        marginMs: parsed.data.LEADER_LEASE_MARGIN_MS,
      }
    : { durationMs: 0, renewEveryMs: 0, renewTimeoutMs: 0, marginMs: 0 };
  if (parsed.success)
    for (const problem of leaseTimingProblems(leaseTiming))
      problems.push(
        `  - LEADER_LEASE_MS, LEADER_RENEW_MS, LEADER_RENEW_TIMEOUT_MS, LEADER_LEASE_MARGIN_MS: ${problem}`,
      );
  if (!parsed.success || problems.length > 0)
    throw new ConfigError(`invalid configuration:\n${problems.join('\n')}`);
  const e = parsed.data;

  const config: AppConfig = {
    production: e.NODE_ENV === 'production',
    http: { port: e.HTTP_PORT, host: e.HTTP_HOST, trustProxy: parseTrustProxy(e.TRUST_PROXY) },
    mqtt: {
      url: e.MQTT_URL,
      clientId: e.MQTT_CLIENT_ID,
      username: e.MQTT_USERNAME,
      password: e.MQTT_PASSWORD,
      port: e.MQTT_PORT,
      wsPort: e.MQTT_WS_PORT,
      host: e.MQTT_HOST,
      tls:
        e.MQTT_TLS_CERT && e.MQTT_TLS_KEY
          ? {
              certFile: resolve(e.MQTT_TLS_CERT),
              keyFile: resolve(e.MQTT_TLS_KEY),
              clientCaFile: e.MQTT_TLS_CLIENT_CA && resolve(e.MQTT_TLS_CLIENT_CA),
              requireClientCert: e.MQTT_TLS_REQUIRE_CLIENT_CERT === 'true',
              port: e.MQTT_TLS_PORT,
              wssPort: e.MQTT_WSS_PORT,
            }
          : undefined,
      maxPacketBytes: e.MQTT_MAX_PACKET_BYTES,
      maxConnectBytes: e.MQTT_MAX_CONNECT_BYTES,
    },
    influx: e.INFLUX_URL
      ? {
          url: e.INFLUX_URL,
          token: e.INFLUX_TOKEN,
          org: e.INFLUX_ORG,
          bucket: (e.INFLUX_BUCKET ?? e.INFLUX_DATABASE)!,
        }
      : undefined,
    dataDir: resolve(e.DATA_DIR),
    siteConfigPath: resolve(e.SITE_CONFIG),
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    ingest: {
      maxPayloadBytes: e.INGEST_MAX_PAYLOAD_BYTES,
      maxReadingsPerMessage: e.INGEST_MAX_READINGS,
      maxFutureMs: e.INGEST_MAX_FUTURE_SECONDS * 1000,
      maxAgeMs: e.INGEST_MAX_AGE_HOURS * 3_600_000,
    },
    spool: {
      maxBytes: e.SPOOL_MAX_MB * 1024 * 1024,
      fsyncIntervalMs: e.SPOOL_FSYNC_MS,
      storeBatchMs: e.SPOOL_DRAIN_BATCH_MS,
    },
    duckdb: { memoryLimit: e.DUCKDB_MEMORY_LIMIT },
    postgres: e.DATABASE_URL ? { url: e.DATABASE_URL } : undefined,
    leaderLease: leaseTiming,
    telemetryRetentionMs:
      e.TELEMETRY_RETENTION_DAYS === 0 ? undefined : e.TELEMETRY_RETENTION_DAYS * 86_400_000,
    alerts: { tickMs: e.ALERT_TICK_SECONDS * 1000, retentionMs: e.ALERT_RETENTION_DAYS * 86_400_000 },
    api: { rateLimitPerMinute: e.API_RATE_LIMIT_PER_MINUTE },
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.SMTP_FROM,
      publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.HTTP_PORT}`,
      retryMaxMs: e.NOTIFY_RETRY_MAX_SECONDS * 1000,
      repeatMs: e.NOTIFY_REPEAT_SECONDS * 1000,
      groupMs: e.NOTIFY_GROUP_SECONDS * 1000,
      reportAtMinute:
        e.NOTIFY_REPORT_TIME === 'off'
          ? undefined
          : Number(e.NOTIFY_REPORT_TIME.slice(0, 2)) * 60 + Number(e.NOTIFY_REPORT_TIME.slice(3)),
    },
  };
  return Object.assign(Object.create(AppConfig.prototype) as AppConfig, config);
}

function parseTrustProxy(text: string): boolean | number | string {
  if (text === 'false' || text === 'true') return text === 'true';
  return /^\d+$/.test(text) ? Number(text) : text;
}

/** For logs: a URL without its password. */
export function redactUrl(text: string): string {
  try {
    const parsed = new URL(text);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(invalid URL)';
  }
}

import { DEVICE_ID_PATTERN, DEVICE_KINDS, isValidContainerNumber } from '@jct/contract';
import { z } from 'zod';
import { isScryptCost } from './secrets';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'ids are lower-case letters, digits and dashes');
const deviceId = z
  .string()
  .regex(DEVICE_ID_PATTERN, 'device ids are letters, digits, ".", "_" and "-", at most 64');
const localized = z.object({ en: z.string().min(1), ru: z.string().min(1), zh: z.string().min(1) });
const latLon = z.tuple([z.number().min(-90).max(90), z.number().min(-180).max(180)]);
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const monthDay = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'a date in the year as MM-DD', abort: true })
  .refine(
    (text) => Number(text.slice(3)) <= DAYS_IN_MONTH[Number(text.slice(0, 2)) - 1],
    'no such day in that month',
  );
const timezone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone such as Asia/Yakutsk');

/** A calendar window; it may wrap the new year (an ice season from December to April). */
const season = z.object({ opens: monthDay, closes: monthDay });

const crossing = z.object({
  id,
  mode: z.enum(['ice', 'ferry']),
  name: localized,
  /** Centre line bank to bank; vehicles must stay within widthM of it (docs/domain.md §3). */
  corridor: z.array(latLon).min(2),
  corridorWidthM: z.number().positive().max(2000),
  /** Water depth under the route: sets the critical speed on ice (docs/domain.md §3). */
  waterDepthM: z.number().positive().max(100),
  season,
  /** Gold's A in kg/cm² (docs/domain.md §2); default 4. */
  goldA: z.number().min(1).max(20).optional(),
  minWaterLevelCm: z.number().optional(),
  /** Overrides of the rule defaults for this crossing (libs/rules; each default cites docs/domain.md). */
  rules: z
    .strictObject({
      /** The gross mass the crossing is posted for; below it the crossing is restricted. */
      designLoadTonnes: z.number().positive().max(200),
      /** Below this capacity the crossing is closed [design]. */
      minOpenTonnes: z.number().nonnegative().max(200),
      /** An ice station silent this long makes the status unknown (docs/domain.md §4). */
      staleAfterMinutes: z
        .number()
        .positive()
        .max(7 * 24 * 60),
      /** A crack at least this wide closes the crossing (docs/domain.md §2). */
      crackCloseMm: z.number().positive().max(1000),
      /** Spring weakening from this date to the season's close (docs/domain.md §2). */
      springFrom: monthDay,
      /** Thinning faster than this (cm per day) raises an alert [design]. */
      thinningCmPerDay: z.number().positive().max(100),
      /** Speed limit on the ice (docs/domain.md §3, ОДН 218.010-98 §8.2: 20 km/h). */
      speedLimitKmh: z.number().positive().max(100),
      /** How long a vehicle may stand still on the ice (docs/domain.md §3: stopping is forbidden). */
      maxStopMinutes: z.number().positive().max(120),
      /** GPS scatter of the crossing's vehicles or ferries standing still, m (docs/domain.md §8); default 25. */
      gpsNoiseM: z.number().positive().max(500),
      /** Ice gauge noise a rise may add on top of Stefan growth, cm (docs/domain.md §8); default 2. */
      gaugeNoiseCm: z.number().nonnegative().max(50),
      /** A gauge that does not vary over this window is stuck (docs/domain.md §8); default 1440. */
      stuckWindowMinutes: z
        .number()
        .positive()
        .max(7 * 24 * 60),
      /** "Does not vary": max − min at most this, cm; default 0 (the same to the last digit). */
      stuckResolutionCm: z.number().nonnegative().max(10),
      /** …while the air temperature varied at least this much, °C; default 10. */
      stuckAirSwingC: z.number().positive().max(100),
    })
    .partial()
    .optional(),
});

const container = z.object({
  id,
  type: z.literal('container'),
  /** ISO 6346 container number, e.g. "MSKU1234565". */
  isoNumber: z
    .string()
    .refine(isValidContainerNumber, 'an ISO 6346 number: owner code, U/J/Z, 6 digits, valid check digit'),
  owner: id,
  cargoProfile: id,
  description: z.string().optional(),
  /** When the container is planned to arrive, ISO 8601 with a zone: the battery early warning's horizon. */
  plannedArrival: z.iso.datetime({ offset: true }).optional(),
  /** Per-shipment overrides of the cargo profile's limits (docs/domain.md §5: limits come per consignment). */
  limits: z
    .strictObject({
      tempC: z.strictObject({ min: z.number(), max: z.number() }).partial(),
      humidityPct: z
        .strictObject({ min: z.number().min(0).max(100), max: z.number().min(0).max(100) })
        .partial(),
      shockMaxG: z.number().positive(),
      excursionMinutes: z
        .number()
        .nonnegative()
        .max(24 * 60),
    })
    .partial()
    .optional(),
});
const vehicle = z.object({
  id,
  type: z.literal('vehicle'),
  plate: z.string().min(1),
  description: z.string().optional(),
});
const ferry = z.object({ id, type: z.literal('ferry'), crossing: id, description: z.string().optional() });
const place = z.object({
  id,
  type: z.enum(['inspection-zone', 'rail-hub', 'checkpoint', 'road']),
  name: localized,
  polygon: z.array(latLon).min(3).optional(),
  location: latLon.optional(),
});
const asset = z.discriminatedUnion('type', [
  container,
  vehicle,
  ferry,
  place.extend({ type: z.literal('inspection-zone') }),
  place.extend({ type: z.literal('rail-hub') }),
  place.extend({ type: z.literal('checkpoint') }),
  place.extend({ type: z.literal('road') }),
]);

const device = z.object({
  id: deviceId,
  kind: z.enum(DEVICE_KINDS),
  /** The crossing (ice stations) or asset (vehicles, ferries, containers) the device sits on. */
  asset: id,
  /**
   * Hash of the device's MQTT password, never the secret itself: scrypt (npm run hash-secret) for a
   * secret a person chose, or "sha256$…" for a secret the service generated (provisioning through
   * the API, exported here), which only a 43-character generated secret can match.
   */
  secretHash: z
    .string()
    .regex(/^(scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+|sha256\$[A-Za-z0-9+/]{43}=)$/, {
      message: 'a hash made by `npm run hash-secret`',
      abort: true,
    })
    .refine((hash) => {
      if (hash.startsWith('sha256$')) return true;
      const [, N, r, p] = hash.split('$').map(Number);
      return isScryptCost({ N, r, p });
    }, 'scrypt cost out of range: make the hash with `npm run hash-secret`'),
  /** For ice stations: where on the crossing. */
  location: latLon.optional(),
});

const owner = z.object({ id, name: z.string().min(1) });

const person = z.object({
  id,
  name: z.string().min(1),
  role: z.enum(['operator', 'cargo-owner', 'engineer']),
  email: z.email(),
  language: z.enum(['en', 'ru', 'zh']),
  timezone,
  /** Cargo owners: the organisation whose shipments they see. */
  owner: id.optional(),
  /** The least severe alert this person is e-mailed about; default warning (everything). */
  minSeverity: z.enum(['warning', 'major', 'critical']).optional(),
});

/** A read-only MQTT account on the embedded broker (dashboards, the recorder of devices-sim). */
const mqttClient = z.object({
  id: z.string().regex(DEVICE_ID_PATTERN),
  secretHash: device.shape.secretHash,
  subscribe: z.array(z.string().min(1)).min(1),
});

/** Roles of API callers; `admin` is for keys only, people are never mailed as admins. */
export const API_ROLES = ['operator', 'cargo-owner', 'engineer', 'admin'] as const;

/**
 * An API key for the HTTP API, the live stream and the dashboard. Only its scrypt hash is kept
 * (npm run hash-secret); the key itself is shown once, to whoever made it.
 */
const apiKey = z.object({
  id,
  role: z.enum(API_ROLES),
  /** The person the key belongs to (people[].id), when it is a person's. */
  person: id.optional(),
  /** Cargo owners: the organisation whose shipments the key sees (required for that role). */
  owner: id.optional(),
  keyHash: device.shape.secretHash,
});

export const siteConfigSchema = z.strictObject({
  version: z.literal(1),
  site: z.object({ id, name: localized, timezone }),
  crossings: z.array(crossing).min(1),
  owners: z.array(owner).default([]),
  assets: z.array(asset).default([]),
  devices: z.array(device).default([]),
  people: z.array(person).default([]),
  mqttClients: z.array(mqttClient).default([]),
  apiKeys: z.array(apiKey).default([]),
});

export type SiteConfig = z.infer<typeof siteConfigSchema>;
export type Crossing = SiteConfig['crossings'][number];
export type Asset = SiteConfig['assets'][number];
export type DeviceConfig = SiteConfig['devices'][number];
export type Person = SiteConfig['people'][number];
export type MqttClientConfig = SiteConfig['mqttClients'][number];
export type ApiKeyConfig = SiteConfig['apiKeys'][number];
export type ApiRole = (typeof API_ROLES)[number];

import { UNIT_CODES } from '@jct/contract';
import { REGISTRY_SCHEMAS } from './registry-schemas';
import { FORECAST_SCHEMAS } from './forecast-schemas';

/** An OpenAPI 3.0 schema object (or a $ref to one). */
export type SchemaObject = Record<string, unknown>;

// Response and request shapes of the HTTP API (OpenAPI 3.0 schema objects). Objects allow more
// properties than listed, so adding a field is not a breaking change; what is listed as required
// is what clients may rely on. The e2e tests check real responses against these.

const string: SchemaObject = { type: 'string' };
const dateTime: SchemaObject = { type: 'string', format: 'date-time' };
const integer: SchemaObject = { type: 'integer' };
const number: SchemaObject = { type: 'number' };
const ref = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` });
const arrayOf = (items: SchemaObject): SchemaObject => ({ type: 'array', items });
const object = (properties: Record<string, SchemaObject>, required: string[] = []): SchemaObject => ({
  type: 'object',
  properties,
  required: required.length > 0 ? required : undefined,
});

const ROLES = ['operator', 'cargo-owner', 'engineer', 'admin'];
const SEVERITIES = ['warning', 'major', 'critical'];

export const SCHEMAS: Record<string, SchemaObject> = {
  Error: object(
    {
      statusCode: integer,
      error: string,
      message: { oneOf: [string, arrayOf(string)] },
    },
    ['statusCode', 'message'],
  ),
  Localized: object({ en: string, ru: string, zh: string }, ['en', 'ru', 'zh']),
  ApiKey: object(
    { id: string, role: { type: 'string', enum: ROLES }, person: string, owner: string, source: string },
    ['id', 'role'],
  ),
  NewApiKey: object(
    {
      role: { type: 'string', enum: ROLES },
      owner: {
        type: 'string',
        description: 'required for cargo-owner keys: an owner of the site configuration',
      },
      person: { type: 'string', description: 'a person of the site configuration' },
    },
    ['role'],
  ),
  IssuedApiKey: object(
    {
      id: string,
      key: { type: 'string', description: 'shown once: keep it, only its hash is stored' },
      role: { type: 'string', enum: ROLES },
      owner: string,
      person: string,
    },
    ['id', 'key', 'role'],
  ),
  Me: object(
    {
      keyId: string,
      role: { type: 'string', enum: ROLES },
      owner: string,
      person: object({ id: string, name: string, language: string, timezone: string }),
      siteTimezone: string,
    },
    ['keyId', 'role', 'siteTimezone'],
  ),
  Health: object(
    {
      status: { type: 'string', enum: ['ok', 'degraded'] },
      broker: object({ up: { type: 'boolean' }, mode: string }, ['up']),
      store: object({ up: { type: 'boolean' }, kind: string, error: string }, ['up']),
      spool: object({ depthBytes: integer, full: { type: 'boolean' } }, ['depthBytes', 'full']),
    },
    ['status', 'broker', 'store', 'spool'],
  ),
  Live: object({ status: { type: 'string', enum: ['ok'] }, eventLoopDelayMaxMs: number }, ['status']),
  Ready: object(
    {
      status: { type: 'string', enum: ['ready', 'not ready'] },
      role: {
        type: 'string',
        enum: ['leader', 'standby'],
        description: 'leader: this instance evaluates alert rules and sends mail; standby: another one does',
      },
      instance: { type: 'string', description: 'This instance in the leader lease: host, process, start' },
      store: object({ up: { type: 'boolean' }, kind: string, error: string }, ['up']),
      spool: object({ depthBytes: integer, full: { type: 'boolean' } }, ['depthBytes', 'full']),
    },
    ['status', 'role', 'instance', 'store', 'spool'],
  ),
  Device: object(
    {
      id: string,
      kind: string,
      asset: string,
      location: { ...arrayOf(number), minItems: 2, maxItems: 2, description: '[latitude, longitude]' },
    },
    ['id', 'kind', 'asset'],
  ),
  Latest: object(
    {
      deviceId: string,
      kind: string,
      values: arrayOf(ref('LatestValue')),
    },
    ['deviceId', 'values'],
  ),
  LatestValue: object(
    {
      metric: string,
      value: { oneOf: [number, { type: 'boolean' }] },
      unit: {
        type: 'string',
        enum: [...UNIT_CODES],
        description:
          'SenML unit code (RFC 8428, RFC 8798); [g] (UCUM standard gravity) for shock; empty for true/false metrics',
      },
      unitDisplay: { type: 'string', description: 'the unit as people write it: °C, %, cm …' },
      ts: dateTime,
    },
    ['metric', 'value', 'unit', 'unitDisplay', 'ts'],
  ),
  Telemetry: object(
    {
      deviceId: string,
      metric: string,
      unit: string,
      from: dateTime,
      to: dateTime,
      every: { type: 'string', description: 'present when windows were asked for' },
      points: arrayOf(
        object({ ts: dateTime, value: { oneOf: [number, { type: 'boolean' }] } }, ['ts', 'value']),
      ),
      windows: arrayOf(
        object({ ts: dateTime, mean: number, min: number, max: number, count: integer }, [
          'ts',
          'mean',
          'min',
          'max',
          'count',
        ]),
      ),
    },
    ['deviceId', 'metric', 'from', 'to'],
  ),
  Rejection: object(
    {
      deviceId: string,
      receivedAt: dateTime,
      accepted: integer,
      rejections: arrayOf(object({ code: string, reason: string }, ['code', 'reason'])),
    },
    ['deviceId', 'receivedAt', 'rejections'],
  ),
  Alert: object(
    {
      id: string,
      ruleId: string,
      subjectId: string,
      subjectType: {
        type: 'string',
        enum: ['crossing', 'station', 'vehicle', 'container', 'ferry', 'device'],
      },
      severity: { type: 'string', enum: SEVERITIES },
      state: { type: 'string', enum: ['firing', 'acknowledged', 'resolved'] },
      reason: string,
      trigger: { type: 'object' },
      breachSince: dateTime,
      firedAt: dateTime,
      escalatedAt: dateTime,
      acknowledgedAt: dateTime,
      acknowledgedBy: string,
      resolvedAt: dateTime,
      resolveReason: string,
      silenced: { type: 'boolean', description: 'a silence holds its mails and reminders now' },
      silenceId: string,
    },
    ['id', 'ruleId', 'subjectId', 'subjectType', 'severity', 'state', 'reason', 'firedAt', 'silenced'],
  ),
  SilenceMatchers: object({
    ruleId: { type: 'string', minLength: 1, maxLength: 200 },
    subjectId: { type: 'string', minLength: 1, maxLength: 200 },
    crossingId: { type: 'string', minLength: 1, maxLength: 200 },
    owner: { type: 'string', minLength: 1, maxLength: 200 },
  }),
  NewSilence: object(
    {
      matchers: ref('SilenceMatchers'),
      startsAt: { type: 'string', description: 'ISO 8601 with a zone, or epoch ms; default now' },
      endsAt: { type: 'string', description: 'ISO 8601 with a zone, or epoch ms; at most 30 days on' },
      comment: { type: 'string', minLength: 1, maxLength: 2000 },
    },
    ['matchers', 'endsAt', 'comment'],
  ),
  Silence: object(
    {
      id: string,
      matchers: ref('SilenceMatchers'),
      state: { type: 'string', enum: ['pending', 'active', 'expired'] },
      startsAt: dateTime,
      endsAt: dateTime,
      comment: string,
      createdBy: string,
      createdAt: dateTime,
      expiredAt: dateTime,
      expiredBy: string,
      audit: arrayOf(
        object(
          {
            silenceId: string,
            action: { type: 'string', enum: ['created', 'expired', 'ended'] },
            by: string,
            at: integer,
          },
          ['action', 'by', 'at'],
        ),
      ),
    },
    ['id', 'matchers', 'state', 'startsAt', 'endsAt', 'comment', 'createdBy', 'createdAt'],
  ),
  NewComment: object({ text: { type: 'string', minLength: 1, maxLength: 2000 } }, ['text']),
  NewMeasurement: object(
    {
      thicknessCm: { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 1000 },
      measuredAt: { type: 'string', description: 'ISO 8601 with a zone, or epoch ms; default now' },
    },
    ['thicknessCm'],
  ),
  ManualMeasurement: object(
    {
      crossingId: string,
      stationId: string,
      measuredAt: dateTime,
      thicknessCm: number,
      by: string,
      recordedAt: dateTime,
    },
    ['crossingId', 'stationId', 'measuredAt', 'thicknessCm', 'by', 'recordedAt'],
  ),
  Comment: object({ alertId: string, by: string, at: dateTime, text: string }, [
    'alertId',
    'by',
    'at',
    'text',
  ]),
  Crossing: object(
    {
      id: string,
      mode: { type: 'string', enum: ['ice', 'ferry'] },
      name: ref('Localized'),
      season: object({ opens: string, closes: string }),
      status: string,
      maxGrossTonnes: number,
      requiredThicknessCm: number,
      reasons: arrayOf(object({ code: string, text: string, source: string }, ['code', 'text'])),
      evaluatedAt: dateTime,
      dataAt: { ...dateTime, description: 'when the newest reading the status rests on was taken' },
      corridor: arrayOf(arrayOf(number)),
      corridorWidthM: number,
      stations: arrayOf({ type: 'object' }),
      waterLevelCm: object({ value: number, ts: dateTime }, ['value', 'ts']),
      minWaterLevelCm: number,
      ferries: arrayOf(string),
    },
    ['id', 'mode', 'status', 'maxGrossTonnes', 'reasons'],
  ),
  CrossingHistory: object(
    {
      crossingId: string,
      from: dateTime,
      to: dateTime,
      points: arrayOf(object({ ts: dateTime, status: string, maxGrossTonnes: number }, ['ts', 'status'])),
    },
    ['crossingId', 'from', 'to', 'points'],
  ),
  Notification: object(
    {
      key: string,
      personId: string,
      to: string,
      language: string,
      subject: string,
      status: { type: 'string', enum: ['queued', 'sent', 'failed'] },
      attempts: integer,
      createdAt: dateTime,
    },
    ['key', 'to', 'subject', 'status'],
  ),
  Shipment: object(
    {
      id: string,
      containerNumber: { ...string, description: 'ISO 6346, check digit validated' },
      isoNumber: { ...string, description: 'the same as containerNumber (older clients)' },
      owner: string,
      cargoProfile: string,
      overrides: ref('LimitOverrides'),
      trackers: arrayOf(string),
      devices: { ...arrayOf(string), description: 'the same as trackers (older clients)' },
      legs: arrayOf(ref('PlannedLeg')),
      description: string,
      state: { type: 'string', enum: ['planned', 'in_transit', 'delivered', 'cancelled'] },
      origin: {
        type: 'string',
        enum: ['yaml', 'api'],
        description: 'yaml: declared by the site configuration, read-only here',
      },
      createdAt: dateTime,
      startedAt: dateTime,
      endedAt: dateTime,
      openAlerts: integer,
    },
    ['id', 'containerNumber', 'owner', 'cargoProfile', 'trackers', 'devices', 'legs', 'state', 'origin'],
  ),
  LimitOverrides: {
    ...object({
      tempC: object({ min: number, max: number }),
      humidityPct: object({ min: number, max: number }),
      shockMaxG: number,
      excursionMinutes: number,
    }),
    description:
      "narrowings of the cargo profile's limits: an override may only narrow a limit, never widen it",
  },
  PlannedLeg: object(
    {
      mode: { type: 'string', enum: ['rail', 'truck', 'crossing', 'onward'] },
      from: string,
      to: string,
      departAt: { ...dateTime, description: 'ISO 8601 with a zone, or epoch ms' },
      arriveAt: { ...dateTime, description: 'ISO 8601 with a zone, or epoch ms' },
    },
    ['mode', 'from', 'to', 'departAt', 'arriveAt'],
  ),
  NewShipment: object(
    {
      containerNumber: string,
      owner: { ...string, description: 'required for operators; a cargo owner’s own owner otherwise' },
      cargoProfile: string,
      overrides: ref('LimitOverrides'),
      trackers: arrayOf(string),
      legs: arrayOf(ref('PlannedLeg')),
      description: string,
    },
    ['containerNumber', 'cargoProfile'],
  ),
  ShipmentChanges: object({
    containerNumber: string,
    cargoProfile: string,
    overrides: ref('LimitOverrides'),
    trackers: arrayOf(string),
    legs: arrayOf(ref('PlannedLeg')),
    description: string,
  }),
  ShipmentDetail: {
    allOf: [
      ref('Shipment'),
      object({ profile: { type: 'object' }, excursions: arrayOf({ type: 'object' }) }),
    ],
  },
  ShipmentConditions: object(
    {
      shipmentId: string,
      from: dateTime,
      to: dateTime,
      limits: { type: 'object' },
      series: { type: 'object' },
      excursions: arrayOf({ type: 'object' }),
    },
    ['shipmentId', 'from', 'to', 'series'],
  ),
  ReeferEvent: { type: 'object', description: 'a DCSA-shaped reefer event' },
  ...REGISTRY_SCHEMAS,
  ...FORECAST_SCHEMAS,
  ShipmentJourney: object(
    {
      shipmentId: string,
      from: dateTime,
      to: dateTime,
      trail: arrayOf(object({ ts: dateTime, lat: number, lon: number }, ['ts', 'lat', 'lon'])),
      lastPosition: object({ ts: dateTime, lat: number, lon: number }, ['ts', 'lat', 'lon']),
      stage: {
        type: 'string',
        enum: ['rail-hub', 'on-road', 'checkpoint', 'on-ice', 'on-ferry', 'beyond-crossing', 'unknown'],
      },
      leg: { type: 'string', enum: ['rail', 'road', 'crossing', 'destination', 'unknown'] },
      placeId: string,
      lastHeardAt: dateTime,
      outlook: arrayOf(
        object(
          {
            deviceId: string,
            at: dateTime,
            minutesToLimit: number,
            batteryHoursLeft: number,
            hoursToArrival: number,
          },
          ['deviceId', 'at'],
        ),
      ),
      places: object({ crossings: arrayOf({ type: 'object' }), zones: arrayOf({ type: 'object' }) }),
    },
    ['shipmentId', 'from', 'to', 'trail', 'stage', 'leg', 'places'],
  ),
};

export const schemaRef = ref;
export const arraySchema = arrayOf;

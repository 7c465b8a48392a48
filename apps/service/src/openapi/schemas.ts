import { UNIT_CODES } from '@jct/contract';

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
      store: object({ up: { type: 'boolean' }, kind: string, error: string }, ['up']),
      spool: object({ depthBytes: integer, full: { type: 'boolean' } }, ['depthBytes', 'full']),
    },
    ['status', 'store', 'spool'],
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
    },
    ['id', 'ruleId', 'subjectId', 'subjectType', 'severity', 'state', 'reason', 'firedAt'],
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
      isoNumber: string,
      owner: string,
      cargoProfile: string,
      devices: arrayOf(string),
      openAlerts: integer,
    },
    ['id', 'owner', 'cargoProfile', 'devices'],
  ),
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
      places: object({ crossings: arrayOf({ type: 'object' }), zones: arrayOf({ type: 'object' }) }),
    },
    ['shipmentId', 'from', 'to', 'trail', 'stage', 'leg', 'places'],
  ),
};

export const schemaRef = ref;
export const arraySchema = arrayOf;

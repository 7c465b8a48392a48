import type { SchemaObject } from './schemas';

// The crossing forecast (docs/domain.md §9): advice, labelled as such in every response.
const number: SchemaObject = { type: 'number' };
const dateTime: SchemaObject = { type: 'string', format: 'date-time' };
const nullableDateTime: SchemaObject = { type: 'string', format: 'date-time', nullable: true };
const band: SchemaObject = {
  type: 'object',
  description: 'low and high: the pessimistic and optimistic runs; mid: the forecast',
  properties: { low: number, mid: number, high: number },
  required: ['low', 'mid', 'high'],
};

export const FORECAST_SCHEMAS: Record<string, SchemaObject> = {
  AirForecast: {
    type: 'object',
    properties: {
      hours: {
        type: 'array',
        minItems: 1,
        maxItems: 240,
        items: {
          type: 'object',
          properties: {
            ts: {
              type: 'string',
              description: 'the hour, ISO 8601 with a zone; from a day ago to 10 days ahead',
            },
            tempC: { type: 'number', minimum: -70, maximum: 50 },
          },
          required: ['ts', 'tempC'],
        },
      },
    },
    required: ['hours'],
  },
  AirForecastAccepted: {
    type: 'object',
    properties: { crossingId: { type: 'string' }, accepted: { type: 'integer' } },
    required: ['crossingId', 'accepted'],
  },
  CrossingForecast: {
    type: 'object',
    description: 'Advice only: the crossing status follows measurements, never this forecast.',
    properties: {
      crossingId: { type: 'string' },
      advice: { type: 'boolean', enum: [true] },
      note: { type: 'string' },
      postedTonnes: { type: 'number', description: 'the design load the crossing is posted for' },
      generatedAt: dateTime,
      stations: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            stationId: { type: 'string' },
            fromCm: number,
            alpha: { type: 'number', description: "Stefan's α used, cm/√(°C·day)" },
            fittedAlpha: {
              type: 'number',
              nullable: true,
              description: 'the fit before bounding; null: too little history',
            },
            bounded: { type: 'boolean' },
          },
          required: ['stationId', 'fromCm', 'alpha', 'bounded'],
        },
      },
      points: {
        type: 'array',
        description:
          'hourly from now to 72 h ahead (73 points); empty when a station has no thickness or there is no air data',
        items: {
          type: 'object',
          properties: { ts: dateTime, airTempC: number, effectiveThicknessCm: band, allowedTonnes: band },
          required: ['ts', 'airTempC', 'effectiveThicknessCm', 'allowedTonnes'],
        },
      },
      loadClasses: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            tonnes: number,
            allowedFrom: { ...nullableDateTime, description: 'null: not reached at this weather' },
          },
          required: ['tonnes', 'allowedFrom'],
        },
      },
      lastOpenAt: { ...nullableDateTime, description: 'when capacity falls below the opening minimum' },
    },
    required: [
      'crossingId',
      'advice',
      'postedTonnes',
      'generatedAt',
      'stations',
      'points',
      'loadClasses',
      'lastOpenAt',
    ],
  },
};

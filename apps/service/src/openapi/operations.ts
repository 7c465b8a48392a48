import { REGISTRY_OPERATIONS } from './registry-operations';
import { arraySchema as arrayOf, schemaRef as ref, type SchemaObject } from './schemas';

/** What the generated document cannot know: summary, success response, request body, errors. */
export interface OperationDoc {
  summary: string;
  status: number;
  /** JSON body of the success response; a string is another media type (text/plain, text/event-stream). */
  response?: SchemaObject | { mediaType: string; description: string };
  body?: SchemaObject;
  /** A request body that is a file, not JSON: its media types (e.g. text/csv). */
  fileBody?: string[];
  /** Error statuses besides those every protected route has (401, 403, 429). */
  errors?: number[];
}

const text = (mediaType: string, description: string) => ({ mediaType, description });
/** A read: 200 with a JSON body. */
const read = (summary: string, response: SchemaObject, errors?: number[]): OperationDoc => ({
  summary,
  status: 200,
  response,
  errors,
});

/** A shipment state transition: 200 with the shipment, 409 when its state does not allow it. */
function transitionDoc(summary: string): OperationDoc {
  return { summary, status: 200, response: ref('Shipment'), errors: [404, 409] };
}

/** Every operation of the API, by "METHOD path" as in the document. Open routes are listed in OPEN_PATHS. */
export const OPERATIONS: Record<string, OperationDoc> = {
  'GET /health': read('Broker and store health (combined)', ref('Health'), [503]),
  'GET /health/live': { summary: 'Liveness probe: the process runs', status: 200, response: ref('Live') },
  'GET /health/ready': read('Readiness probe: the store answers and the spool accepts', ref('Ready'), [503]),
  'GET /metrics': {
    summary: 'Prometheus metrics',
    status: 200,
    response: text('text/plain', 'Prometheus text exposition format 0.0.4'),
  },
  'GET /api/keys': read('List API keys (never the keys or their hashes)', arrayOf(ref('ApiKey'))),
  'POST /api/keys': {
    summary: 'Issue an API key (shown once)',
    status: 201,
    response: ref('IssuedApiKey'),
    body: ref('NewApiKey'),
    errors: [400],
  },
  'DELETE /api/keys/{id}': { summary: 'Revoke an issued API key, at once', status: 204, errors: [404] },
  'GET /api/me': { summary: 'The caller: key, role, person, time zone', status: 200, response: ref('Me') },
  'GET /api/devices': read('Devices the caller may see', arrayOf(ref('Device'))),
  'GET /api/devices/{id}/latest': read(
    'Newest value of each metric of a device (by device time)',
    ref('Latest'),
    [404],
  ),
  'GET /api/devices/{id}/telemetry': read(
    'Raw points or aggregation windows of one metric',
    ref('Telemetry'),
    [400, 404],
  ),
  'GET /api/rejections': read('Latest rejected messages', arrayOf(ref('Rejection')), [400]),
  'GET /api/alerts': read('Alerts, newest first', arrayOf(ref('Alert')), [400]),
  'GET /api/alerts/{id}': { summary: 'One alert', status: 200, response: ref('Alert'), errors: [404] },
  'POST /api/alerts/{id}/ack': read('Acknowledge an alert', ref('Alert'), [404]),
  'GET /api/silences': read('Silences the caller may see, oldest first', arrayOf(ref('Silence'))),
  'POST /api/silences': {
    summary: 'Silence the mails and reminders of matching alerts for a while',
    status: 201,
    response: ref('Silence'),
    body: ref('NewSilence'),
    errors: [400, 404],
  },
  'GET /api/silences/{id}': read('One silence with its audit trail', ref('Silence'), [404]),
  'DELETE /api/silences/{id}': read(
    'Expire a silence now (kept, with its audit trail)',
    ref('Silence'),
    [404],
  ),
  'GET /api/alerts/{id}/comments': read("An alert's comments", arrayOf(ref('Comment')), [404]),
  'POST /api/alerts/{id}/comments': {
    summary: 'Comment on an alert',
    status: 201,
    response: ref('Comment'),
    body: ref('NewComment'),
    errors: [400, 404],
  },
  'GET /api/crossings': read('Crossings and their status', arrayOf(ref('Crossing'))),
  'GET /api/crossings/{id}': read('One crossing, with its stations', ref('Crossing'), [404]),
  'GET /api/crossings/{id}/history': read(
    "A crossing's status over time",
    ref('CrossingHistory'),
    [400, 404],
  ),
  'GET /api/crossings/{id}/forecast': read(
    'The ice forecast of a crossing for 72 h, with dates per load class (advice, not the status)',
    ref('CrossingForecast'),
    [404],
  ),
  'POST /api/crossings/{id}/air-forecast': {
    summary: "Publish an outside weather service's hourly air-temperature forecast for a crossing",
    status: 202,
    response: ref('AirForecastAccepted'),
    body: ref('AirForecast'),
    errors: [400, 404],
  },
  'POST /api/crossings/{id}/stations/{stationId}/measurements': {
    summary: "Record an operator's manual ice measurement at a station (confirms a held rise)",
    status: 201,
    response: ref('ManualMeasurement'),
    body: ref('NewMeasurement'),
    errors: [400, 404],
  },
  'GET /api/notifications': read('E-mails in the outbox', arrayOf(ref('Notification'))),
  'GET /api/shipments': read('Shipments the caller may see', arrayOf(ref('Shipment'))),
  'GET /api/shipments/{id}': read('One shipment: cargo profile and excursions', ref('ShipmentDetail'), [404]),
  'GET /api/shipments/{id}/conditions': read(
    "A shipment's condition timeline against its limits",
    ref('ShipmentConditions'),
    [400, 404],
  ),
  'GET /api/shipments/{id}/journey': read(
    'Where a shipment is: trail, last position, stage and leg of the route, last heard from',
    ref('ShipmentJourney'),
    [400, 404],
  ),
  'GET /api/shipments/{id}/reefer-events': read(
    "A shipment's reefer events",
    arrayOf(ref('ReeferEvent')),
    [404],
  ),
  'POST /api/shipments': {
    summary: 'Register a shipment (planned); a cargo owner registers for their own owner',
    status: 201,
    response: ref('Shipment'),
    body: ref('NewShipment'),
    errors: [400, 409],
  },
  'GET /api/cargo-profiles': read('Cargo profiles and their limits', arrayOf({ type: 'object' })),
  'GET /api/shipments/export': {
    summary: "The caller's run-time shipments as a file (format=csv or format=yaml)",
    status: 200,
    response: text('text/csv', 'CSV (format=csv) or YAML (format=yaml, application/yaml)'),
    errors: [400],
  },
  'POST /api/shipments/import': {
    summary: 'Register every shipment of a CSV or YAML file, or none (problems per row)',
    status: 201,
    response: arrayOf(ref('Shipment')),
    fileBody: ['text/csv', 'application/yaml'],
    errors: [400, 409],
  },
  'PATCH /api/shipments/{id}': {
    summary: 'Change a planned or in-transit shipment (container, profile and trackers only while planned)',
    status: 200,
    response: ref('Shipment'),
    body: ref('ShipmentChanges'),
    errors: [400, 404, 409],
  },
  'POST /api/shipments/{id}/start': transitionDoc(
    'planned → in transit: from now its trackers’ readings are judged',
  ),
  'POST /api/shipments/{id}/deliver': transitionDoc('in transit → delivered: its trackers are free again'),
  'POST /api/shipments/{id}/cancel': transitionDoc('planned or in transit → cancelled'),
  'GET /api/stream': {
    summary: 'Live readings, alerts and crossing status (server-sent events)',
    status: 200,
    response: text('text/event-stream', 'events "reading", "alert", "crossing"'),
  },
  ...REGISTRY_OPERATIONS,
};

/** Routes without an API key. */
export const OPEN_PATHS = new Set(['/health', '/health/live', '/health/ready', '/metrics']);

export const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'invalid request: every problem listed in message',
  401: 'no API key, or an unknown or revoked one',
  403: "the key's role may not use this route",
  404: 'not found, or outside the caller\u2019s scope',
  409: 'conflicts with what exists (a taken id, a record of the site configuration): see message',
  429: 'rate limit reached: retry after Retry-After seconds',
  503: 'not ready: see the body',
};

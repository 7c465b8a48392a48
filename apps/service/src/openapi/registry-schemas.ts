import type { SchemaObject } from './schemas';

// Shapes of the registry (devices provisioned at run time) and the audit log.

const string: SchemaObject = { type: 'string' };
const dateTime: SchemaObject = { type: 'string', format: 'date-time' };
const number: SchemaObject = { type: 'number' };
const ref = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` });
const KINDS = ['ice-station', 'vehicle', 'ferry', 'container'];
const location: SchemaObject = {
  type: 'array',
  items: number,
  minItems: 2,
  maxItems: 2,
  description: '[latitude, longitude]',
};

export const REGISTRY_SCHEMAS: Record<string, SchemaObject> = {
  RegistryDevice: {
    type: 'object',
    properties: {
      id: string,
      kind: { type: 'string', enum: KINDS },
      asset: string,
      location,
      source: {
        type: 'string',
        enum: ['site-config', 'api'],
        description: 'site-config: declared in the site configuration, read-only here',
      },
      status: { type: 'string', enum: ['active', 'revoked'] },
      createdAt: dateTime,
      createdBy: string,
      secretSetAt: dateTime,
      revokedAt: dateTime,
      lastSeen: { ...dateTime, description: 'device time of its newest reading (one device only)' },
      batteryPct: { ...number, description: 'its last reported battery level (one device only)' },
    },
    required: ['id', 'kind', 'asset', 'source', 'status'],
  },
  RegistryDevicePage: {
    type: 'object',
    properties: {
      items: { type: 'array', items: ref('RegistryDevice') },
      next: { type: 'string', description: 'pass as `after` for the next page; absent on the last' },
    },
    required: ['items'],
  },
  NewRegistryDevice: {
    type: 'object',
    properties: {
      id: { type: 'string', description: 'letters, digits, ".", "_" and "-", at most 64' },
      kind: { type: 'string', enum: KINDS },
      asset: {
        type: 'string',
        description: 'an asset of the same kind; for an ice station, an ice crossing',
      },
      location,
    },
    required: ['id', 'kind', 'asset'],
  },
  ProvisionedDevice: {
    type: 'object',
    properties: {
      device: ref('RegistryDevice'),
      secret: {
        type: 'string',
        description: 'the MQTT password, shown once: keep it, only its hash is stored',
      },
    },
    required: ['device', 'secret'],
  },
  DeviceImportRequest: {
    type: 'object',
    properties: {
      format: { type: 'string', enum: ['csv', 'yaml'] },
      content: {
        type: 'string',
        description:
          'CSV with the header id,kind,asset,latitude,longitude, or YAML `devices: [{id, kind, asset, location?}]`',
      },
    },
    required: ['format', 'content'],
  },
  DeviceImport: {
    type: 'object',
    properties: {
      created: {
        type: 'array',
        items: {
          type: 'object',
          properties: { id: string, secret: { type: 'string', description: 'shown once' } },
          required: ['id', 'secret'],
        },
      },
    },
    required: ['created'],
  },
  AuditEntry: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      at: dateTime,
      who: { type: 'string', description: 'the person of the API key (or key:<id>)' },
      action: string,
      entity: string,
      entityId: string,
      before: { type: 'object', description: 'the record before the change (never a secret)' },
      after: { type: 'object', description: 'the record after the change (never a secret)' },
    },
    required: ['id', 'at', 'who', 'action', 'entity', 'entityId'],
  },
};

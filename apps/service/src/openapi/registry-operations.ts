import type { OperationDoc } from './operations';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** The registry's operations, merged into OPERATIONS. */
export const REGISTRY_OPERATIONS: Record<string, OperationDoc> = {
  'GET /api/registry/devices': {
    summary: 'Configured and provisioned devices, a page at a time, by id',
    status: 200,
    response: ref('RegistryDevicePage'),
    errors: [400],
  },
  'POST /api/registry/devices': {
    summary: 'Provision a device: its MQTT secret is in the answer once',
    status: 201,
    response: ref('ProvisionedDevice'),
    body: ref('NewRegistryDevice'),
    errors: [400, 409],
  },
  'GET /api/registry/devices/{id}': {
    summary: 'One device, with when it was last seen and its battery',
    status: 200,
    response: ref('RegistryDevice'),
    errors: [404],
  },
  'POST /api/registry/devices/{id}/rotate': {
    summary: 'A new secret for a provisioned device (shown once); its connections close',
    status: 200,
    response: ref('ProvisionedDevice'),
    errors: [404, 409],
  },
  'DELETE /api/registry/devices/{id}': {
    summary: 'Revoke a provisioned device: disconnected at once, refused on reconnect',
    status: 200,
    response: ref('RegistryDevice'),
    errors: [404, 409],
  },
  'GET /api/registry/devices/export': {
    summary: 'The devices the caller may see as CSV or the YAML shape (never secrets)',
    status: 200,
    response: {
      mediaType: 'text/csv',
      description: 'id,kind,asset,latitude,longitude; or YAML with format=yaml',
    },
    errors: [400],
  },
  'POST /api/registry/devices/import': {
    summary: 'Provision many devices from CSV or the YAML shape, all or none; each secret shown once',
    status: 201,
    response: ref('DeviceImport'),
    body: ref('DeviceImportRequest'),
    errors: [400, 409],
  },
  'GET /api/audit': {
    summary: 'Changes to the registry, newest first',
    status: 200,
    response: { type: 'array', items: ref('AuditEntry') },
    errors: [400],
  },
};

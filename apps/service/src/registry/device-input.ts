import { DEVICE_ID_PATTERN, DEVICE_KINDS, isDeviceKind, type DeviceKind } from '@jct/contract';
import type { SiteConfig } from '@jct/site-config';

/** What a caller gives to provision a device: the secret is the service's to make. */
export interface NewDevice {
  id: string;
  kind: DeviceKind;
  asset: string;
  location?: [number, number];
}

/**
 * Checks a new device as the site configuration's schema and references check one, naming each bad
 * field ("asset: unknown asset …"). An ice station sits on an ice crossing; any other device on an
 * asset of its own kind. Pure: the caller turns errors into a 400.
 */
export function parseNewDevice(
  body: unknown,
  site: Pick<SiteConfig, 'crossings' | 'assets'>,
): { device: NewDevice } | { errors: string[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { errors: ['body: a JSON object {id, kind, asset, location?}'] };
  const input = body as Record<string, unknown>;
  const errors: string[] = [];
  const known = new Set(['id', 'kind', 'asset', 'location']);
  for (const field of Object.keys(input))
    if (!known.has(field)) errors.push(`${field}: not a field of a device`);
  const { id, kind, asset, location } = input;
  if (typeof id !== 'string' || !DEVICE_ID_PATTERN.test(id))
    errors.push('id: letters, digits, ".", "_" and "-", at most 64');
  if (!isDeviceKind(kind)) errors.push(`kind: one of ${DEVICE_KINDS.join(', ')}`);
  if (typeof asset !== 'string' || asset === '')
    errors.push('asset: the crossing or asset the device sits on');
  else if (isDeviceKind(kind)) {
    const problem = assetProblem(kind, asset, site);
    if (problem) errors.push(`asset: ${problem}`);
  }
  if (location !== undefined && !isLatLon(location))
    errors.push('location: [latitude, longitude] in degrees');
  if (errors.length > 0) return { errors };
  return {
    device: {
      id: id as string,
      kind: kind as DeviceKind,
      asset: asset as string,
      location: location as [number, number] | undefined,
    },
  };
}

function assetProblem(kind: DeviceKind, asset: string, site: Pick<SiteConfig, 'crossings' | 'assets'>) {
  if (kind === 'ice-station') {
    const crossing = site.crossings.find((c) => c.id === asset);
    return crossing?.mode === 'ice'
      ? undefined
      : `an ice station must sit on an ice crossing; "${asset}" is not one`;
  }
  const found = site.assets.find((a) => a.id === asset);
  if (!found) return `unknown asset "${asset}"`;
  if (found.type !== kind) return `a ${kind} device must sit on a ${kind}; "${asset}" is a ${found.type}`;
  return undefined;
}

function isLatLon(value: unknown): value is [number, number] {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === 'number' &&
    typeof value[1] === 'number' &&
    Math.abs(value[0]) <= 90 &&
    Math.abs(value[1]) <= 180
  );
}

/** The kinds of device on the route (docs/domain.md §4, §5; the vocabulary). */
export const DEVICE_KINDS = ['ice-station', 'vehicle', 'ferry', 'container'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export function isDeviceKind(value: unknown): value is DeviceKind {
  return typeof value === 'string' && (DEVICE_KINDS as readonly string[]).includes(value);
}

/** The kind with its indefinite article, for messages: "an ice-station", "a vehicle". */
export function aDeviceKind(kind: DeviceKind): string {
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
}

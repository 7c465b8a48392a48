/** Device ids are short, printable and safe inside an MQTT topic level and a file name. */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const TELEMETRY_SUBSCRIPTION = 'devices/+/telemetry';

export function telemetryTopic(deviceId: string): string {
  return `devices/${deviceId}/telemetry`;
}

export function rejectedTopic(deviceId: string): string {
  return `devices/${deviceId}/rejected`;
}

/** The device id of a telemetry topic, or undefined when the topic is not one. */
export function deviceIdOfTelemetryTopic(topic: string): string | undefined {
  const parts = topic.split('/');
  if (parts.length !== 3 || parts[0] !== 'devices' || parts[2] !== 'telemetry') return undefined;
  return DEVICE_ID_PATTERN.test(parts[1]) ? parts[1] : undefined;
}

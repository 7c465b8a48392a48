import { withKey } from './api-keys';

/** How many points of one metric a device has in the store, through the HTTP API. */
export async function storedCount(
  httpUrl: string,
  deviceId: string,
  metric: string,
  from: number,
  to: number,
): Promise<number> {
  const response = await fetch(
    `${httpUrl}/api/devices/${deviceId}/telemetry?metric=${metric}&from=${from}&to=${to}&every=1d`,
    withKey('engineer'),
  );
  if (response.status !== 200) throw new Error(`telemetry query answered ${response.status}`);
  const body = (await response.json()) as { windows: { count: number }[] };
  return body.windows.reduce((sum, window) => sum + window.count, 0);
}

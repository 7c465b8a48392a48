import type { Alert } from '../../apps/service/src/alerts/alert';
import { apiKey, withKey } from '../support/api-keys';
import { connectDevice } from '../support/devices';
import { EventStream } from '../support/sse';
import { startTestApp, type TestApp } from '../support/test-app';

const HOUR = 3_600_000;

// Alert times from one clock: a batch a station buffered for hours fires and resolves an alert at
// the device times of its readings; the service's clock is beside them as …RecordedAt.
describe('alert times of a buffered batch', () => {
  let service: TestApp;
  let stream: EventStream;

  beforeAll(async () => {
    service = await startTestApp();
    stream = await EventStream.open(`${service.httpUrl}/api/stream`, {
      authorization: `Bearer ${apiKey('operator')}`,
    });
  }, 30_000);
  afterAll(async () => {
    stream?.close();
    await service?.close();
  });

  it('firedAt and resolvedAt are the readings’ times (resolvedAt ≥ firedAt) in the API and the stream; …RecordedAt the service’s', async () => {
    const crackAt = Date.now() - 3 * HOUR;
    const closedAt = crackAt + HOUR;
    const device = await connectDevice(service.mqttUrl, 'ICE-2');
    const before = Date.now();
    await device.publishAsync(
      'devices/ICE-2/telemetry',
      JSON.stringify([
        { ts: crackAt, values: { crackWidthMm: 40 } },
        { ts: closedAt, values: { crackWidthMm: 0 } },
      ]),
      { qos: 1 },
    );
    await device.endAsync();

    const resolved = await stream.waitFor(
      'the crack alert resolved on the stream',
      (e) =>
        e.type === 'alert' &&
        e.data.transition === 'resolved' &&
        (e.data.alert as Alert).ruleId === 'ice.crack',
    );
    const streamed = resolved.data.alert as Alert;
    // The stream's sentences are English; the API is asked for English too (the operator's key
    // would otherwise get Russian), and adds whether a silence holds the alert.
    const response = await fetch(
      `${service.httpUrl}/api/alerts/${streamed.id}`,
      withKey('operator', { headers: { 'accept-language': 'en' } }),
    );
    const alert = (await response.json()) as Alert;
    expect(alert).toEqual({ ...streamed, silenced: false });
    expect(alert).toMatchObject({
      ruleId: 'ice.crack',
      subjectId: 'ICE-2',
      state: 'resolved',
      firedAt: new Date(crackAt).toISOString(),
      resolvedAt: new Date(closedAt).toISOString(),
    });
    expect(alert.trigger.ts).toBe(alert.firedAt);
    for (const recorded of [alert.firedRecordedAt, alert.resolvedRecordedAt]) {
      expect(Date.parse(recorded!)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(recorded!)).toBeLessThanOrEqual(Date.now());
    }
  });
});

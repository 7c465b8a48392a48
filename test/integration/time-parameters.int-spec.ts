import { startTestApp, type TestApp } from '../support/test-app';
import { withKey, type KeyHolder } from '../support/api-keys';

// Every controller that takes a time reads it with the one strict parser: a time of day without a
// zone (the crossing's two banks are an hour apart) answers 400 naming the parameter, and the same
// time with its zone is accepted.
describe('time parameters of every API', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp();
  }, 30_000);
  afterAll(async () => {
    await service?.close();
  }, 30_000);

  const answer = async (path: string, who: KeyHolder) => {
    const response = await fetch(`${service.httpUrl}${path}`, withKey(who));
    return { status: response.status, body: (await response.json()) as { message?: string[] } };
  };
  const noZone = (name: string) =>
    `${name}: no time zone; add Z or an offset such as +09:00, or give epoch milliseconds`;

  it.each([
    { api: 'crossings', path: '/api/crossings/jalinda-mohe-ice/history', name: 'from', who: 'operator' },
    { api: 'crossings', path: '/api/crossings/jalinda-mohe-ice/history', name: 'to', who: 'operator' },
    { api: 'shipments', path: '/api/shipments/cont-pharma-1/conditions', name: 'from', who: 'owner-pharma' },
    { api: 'shipments', path: '/api/shipments/cont-pharma-1/reefer-events', name: 'to', who: 'owner-pharma' },
    { api: 'alerts', path: '/api/alerts', name: 'since', who: 'operator' },
    {
      api: 'devices',
      path: '/api/devices/ICE-1/telemetry?metric=iceThicknessCm',
      name: 'from',
      who: 'engineer',
    },
  ] as const)('$api: $name without a zone → 400 naming $name; with Z → 200', async ({ path, name, who }) => {
    const join = path.includes('?') ? '&' : '?';
    const zoneless = await answer(`${path}${join}${name}=2026-01-20T03:00:00`, who);
    expect(zoneless).toMatchObject({ status: 400, body: { message: [noZone(name)] } });
    // `to` must stay after the default `from` (a day or a week before it) and `from` before the
    // default `to` (now).
    const zoned = await answer(`${path}${join}${name}=${name === 'to' ? 2099 : 2020}-01-20T03:00:00Z`, who);
    expect(zoned.status).toBe(200);
  });
});

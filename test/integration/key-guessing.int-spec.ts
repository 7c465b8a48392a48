// Guessing API keys against the real service: what a burst of made-up keys costs (at most one
// scrypt each, counted before the check), that device logins over MQTT are not starved meanwhile,
// that keys known to be good are not locked out, TRUST_PROXY, and the security headers.
import { ApiKeyRegistry } from '../../apps/service/src/auth/api-key-registry';
import { apiKey, withKey } from '../support/api-keys';
import { connectDevice } from '../support/devices';
import { startTestApp, type TestApp } from '../support/test-app';

describe('API key guessing', () => {
  let service: TestApp;

  beforeAll(async () => {
    // Each case guesses from its own address, forwarded by a proxy on loopback.
    service = await startTestApp({ TRUST_PROXY: 'loopback' });
  }, 30_000);
  afterAll(async () => service?.close());

  it.each([
    ['naming no key (as guessed in the field)', '198.51.100.1', (i: number) => `guess-${i}-xxxxxxxx`],
    ['each naming a real key (the worst case)', '198.51.100.2', (i: number) => `guess-${i}-xxxxxxxx-admin`],
  ])(
    '100 parallel unknown keys %s: at most one hash each, 401 or 429; a device CONNECT meanwhile < 500 ms',
    async (_case, address, keyOf) => {
      const registry = service.app.get(ApiKeyRegistry);
      const me = (key: string) =>
        fetch(`${service.httpUrl}/api/me`, {
          headers: { authorization: `Bearer ${key}`, 'x-forwarded-for': address },
        }).then((response) => response.status);
      // Verified before the burst: the lockout that follows must not refuse it.
      expect(await me(apiKey('operator'))).toBe(200);
      const quiet = Date.now();
      await (await connectDevice(service.mqttUrl, 'ICE-1')).endAsync();
      const quietMs = Date.now() - quiet;
      const checksBefore = registry.checks;
      const burst = Array.from({ length: 100 }, (_, i) => me(keyOf(i)));
      await Promise.race(burst); // the burst has reached the service: connect in the thick of it
      const started = Date.now();
      const device = await connectDevice(service.mqttUrl, 'ICE-1');
      const connectMs = Date.now() - started;
      await device.endAsync();
      const statuses = await Promise.all(burst);
      const checks = registry.checks - checksBefore;
      const count = (status: number) => statuses.filter((s) => s === status).length;
      console.log(
        `key burst ${_case}: device CONNECT ${connectMs} ms (${quietMs} ms without a burst); ${count(401)}×401, ${count(429)}×429; ${checks} scrypt checks`,
      );
      expect(count(401) + count(429)).toBe(100);
      expect(checks).toBeLessThanOrEqual(100);
      expect(connectMs).toBeLessThan(500);
      // The address is locked out now, but not for a key known to be good.
      expect(await me(apiKey('operator'))).toBe(200);
      expect(await me(keyOf(100))).toBe(429);
    },
    60_000,
  );

  it.each(['/health', '/api/me', '/no-such-route', '/metrics'])('security headers on %s', async (path) => {
    const response = await fetch(`${service.httpUrl}${path}`, withKey('admin'));
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});

describe('TRUST_PROXY', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp({ TRUST_PROXY: 'loopback' });
  }, 30_000);
  afterAll(async () => service?.close());

  const attempt = (forwardedFor: string, key = 'guess-0-nobody-at-all') =>
    fetch(`${service.httpUrl}/api/me`, {
      headers: { authorization: `Bearer ${key}`, 'x-forwarded-for': forwardedFor },
    }).then((response) => response.status);

  it('behind a trusted proxy each forwarded address has its own lockout', async () => {
    for (let i = 0; i < 30; i++) expect(await attempt('203.0.113.1')).toBe(401);
    expect(await attempt('203.0.113.1')).toBe(429);
    expect(await attempt('203.0.113.2')).toBe(401);
    expect(await attempt('203.0.113.2', apiKey('engineer'))).toBe(200);
  });
});

// The built service killed with SIGKILL during a burst of registry writes through the API: after
// the restart every change that got a 2xx is there, and none is half-applied (every device's state
// matches its audit entries, one per change).
import { withKey } from '../support/api-keys';
import { connectWithSecret } from '../support/registry';
import { freePort } from '../harness/ports';
import { startService, type ServiceProcess } from '../harness/service-process';
import { waitFor } from '../harness/wait';

jest.setTimeout(180_000);

type Device = { id: string; status: string; source: string };
type AuditEntry = { action: string; entityId: string };

describe('SIGKILL during a burst of registry writes', () => {
  let service: ServiceProcess | undefined;
  afterAll(async () => service?.destroy());

  const post = (method: string, path: string, body?: unknown) =>
    fetch(
      `${service!.httpUrl}${path}`,
      withKey('engineer', {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      }),
    );

  it('every acknowledged create and revoke survives; every device matches its audit entries', async () => {
    const [httpPort, mqttPort] = [await freePort(), await freePort()];
    service = await startService({}, { httpPort, mqttPort });
    const dataDir = service.dataDir;
    const created = new Map<string, string>(); // id → secret, for those answered 201
    const revoked = new Set<string>(); // answered 200
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (!killed) {
        const id = `TRK-K${String(next++).padStart(4, '0')}`;
        try {
          const response = await post('POST', '/api/registry/devices', {
            id,
            kind: 'container',
            asset: 'cont-frozen-1',
          });
          if (response.status !== 201) continue;
          created.set(id, ((await response.json()) as { secret: string }).secret);
          // Every third device is revoked right away: two changes, two audit entries.
          if (next % 3 === 0 && (await post('DELETE', `/api/registry/devices/${id}`)).status === 200)
            revoked.add(id);
        } catch {
          // The service died under this request: its outcome is unknown, and either is fine.
        }
      }
    };
    const burst = Promise.all(Array.from({ length: 4 }, worker));
    await waitFor('40 acknowledged devices', () => created.size >= 40, 60_000);
    await service.kill('SIGKILL');
    killed = true;
    await burst;

    service = await startService({}, { dataDir, httpPort, mqttPort });
    const devices: Device[] = [];
    let after = '';
    for (;;) {
      const response = await fetch(
        `${service.httpUrl}/api/registry/devices?source=api&limit=1000${after ? `&after=${after}` : ''}`,
        withKey('engineer'),
      );
      const page = (await response.json()) as { items: Device[]; next?: string };
      devices.push(...page.items);
      if (!page.next) break;
      after = page.next;
    }
    const byId = new Map(devices.map((d) => [d.id, d]));
    for (const id of created.keys()) expect([id, byId.has(id)]).toEqual([id, true]);
    for (const id of revoked) expect([id, byId.get(id)?.status]).toEqual([id, 'revoked']);

    const audit = (await (
      await fetch(`${service.httpUrl}/api/audit?entity=device&limit=1000`, withKey('admin'))
    ).json()) as AuditEntry[];
    for (const device of devices) {
      const actions = audit
        .filter((entry) => entry.entityId === device.id)
        .map((entry) => entry.action)
        .reverse();
      const expected = device.status === 'revoked' ? ['create', 'revoke'] : ['create'];
      expect([device.id, actions]).toEqual([device.id, expected]);
    }
    // An acknowledged, active device still connects with the secret it was given.
    const [activeId, secret] = [...created.entries()].find(([id]) => byId.get(id)?.status === 'active')!;
    await (await connectWithSecret(service.mqttUrl, activeId, secret)).endAsync();
  });
});

import { removeDir } from '../harness/cleanup';
import { startMosquitto, type MosquittoTestServer } from '../harness/mosquitto';
import { usePostgres } from '../support/postgres';
import { startService, type ServiceProcess } from '../harness/service-process';
import { waitFor } from '../harness/wait';
import { mosquittoForSite, serviceMqttUrl } from '../support/mosquitto-site';

// Two built instances as an operator runs them (the default lease timing), one PostgreSQL 15 and
// one Mosquitto, all real processes: SIGKILL the leader, the standby leads within 10 s; the killed
// one comes back (once with its data folder deleted) as a standby; then the next leader is killed.
const FAILOVER_LIMIT_MS = 10_000;

type Role = 'leader' | 'standby' | 'down';

async function roleOf(service: ServiceProcess): Promise<Role> {
  try {
    const res = await fetch(`${service.httpUrl}/health/ready`, { signal: AbortSignal.timeout(1_000) });
    return ((await res.json()) as { role: Role }).role;
  } catch {
    return 'down';
  }
}

describe('leader failover between two built instances', () => {
  const postgres = usePostgres();
  let mosquitto: MosquittoTestServer;
  let env: (name: string) => Record<string, string>;
  const services = new Map<string, ServiceProcess>();

  const start = async (name: string) => {
    const service = await startService(env(name));
    services.set(name, service);
    return service;
  };

  beforeAll(async () => {
    mosquitto = await startMosquitto(mosquittoForSite([]));
    const databaseUrl = await postgres().createDatabase('failover');
    env = (name) => ({
      DATABASE_URL: databaseUrl,
      MQTT_URL: serviceMqttUrl(mosquitto.url),
      MQTT_CLIENT_ID: `jct-ingest-${name}`,
    });
  }, 60_000);

  afterAll(async () => {
    for (const service of services.values()) await service.destroy().catch(() => undefined);
    await mosquitto?.destroy();
  }, 60_000);

  /** SIGKILLs the leader and returns how long until the other instance led; never two leaders. */
  async function killLeader(leader: string, standby: string): Promise<number> {
    const [dead, next] = [services.get(leader)!, services.get(standby)!];
    expect([await roleOf(dead), await roleOf(next)]).toEqual(['leader', 'standby']);
    const killedAt = Date.now();
    await dead.kill('SIGKILL');
    await waitFor(
      'the standby to lead',
      async () => (await roleOf(next)) === 'leader',
      FAILOVER_LIMIT_MS + 5_000,
      50,
    );
    return Date.now() - killedAt;
  }

  it('the standby leads within 10 s of each SIGKILL; a restarted instance, even on an empty data folder, stands by', async () => {
    await start('a');
    await waitFor('a to lead', async () => (await roleOf(services.get('a')!)) === 'leader', 20_000);
    await start('b');
    expect(await roleOf(services.get('b')!)).toBe('standby');

    const firstFailover = await killLeader('a', 'b');
    // The killed instance comes back on a new, empty data folder: its disk is gone for good.
    await removeDir(services.get('a')!.dataDir);
    await start('a');
    expect(await roleOf(services.get('a')!)).toBe('standby');

    const secondFailover = await killLeader('b', 'a');
    expect(firstFailover).toBeLessThan(FAILOVER_LIMIT_MS);
    expect(secondFailover).toBeLessThan(FAILOVER_LIMIT_MS);
  }, 180_000);
});

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';
import { parse } from 'yaml';
import { loadSiteConfig } from '@jct/site-config';
import { SHIPPED_SITE_CONFIG } from '../harness/paths';
import { findExecutable, freePort } from '../harness/ports';
import { waitFor } from '../harness/wait';

// The deployment as docker-compose.yml and the Dockerfile make it, without a Docker engine: the
// image's entrypoint script run here, the secrets of `npm run deploy:init`, the Mosquitto
// configuration of docker/ in the real Mosquitto, and `docker-compose config` (Debian's 1.29).
jest.setTimeout(60_000);

const ROOT = join(__dirname, '..', '..');
const ENTRYPOINT = join(ROOT, 'docker', 'entrypoint.sh');

interface Run {
  code: number | null;
  output: string;
}

/** Runs the image's entrypoint from the repository root, as the image runs it from /app. */
function entrypoint(env: Record<string, string>, until?: (output: string) => boolean): Promise<Run> {
  const child = spawn('sh', [ENTRYPOINT], { cwd: ROOT, env: { PATH: process.env.PATH, ...env } });
  let output = '';
  return new Promise((resolve) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (until?.(output)) child.kill('SIGTERM');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

async function serviceEnv(siteConfig: string, dataDir: string): Promise<Record<string, string>> {
  return {
    NODE_ENV: 'production',
    SITE_CONFIG: siteConfig,
    DATA_DIR: dataDir,
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(await freePort()),
    MQTT_HOST: '127.0.0.1',
    MQTT_PORT: String(await freePort()),
    MQTT_WS_PORT: String(await freePort()),
  };
}

/** `npm run deploy:init` into a temp dir: returns the dir and the secrets it wrote, by id. */
function initDeployment(): { dir: string; secrets: Map<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'jct-deploy-'));
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'dist', 'scripts', 'init-deployment.js'), SHIPPED_SITE_CONFIG, join(dir, 'deploy')],
    { cwd: dir, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`deploy:init failed: ${result.stderr}`);
  const secrets = new Map(
    readFileSync(join(dir, 'deploy', 'secrets.txt'), 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.split(' ') as [string, string, string])
      .map(([, id, secret]) => [id, secret] as const),
  );
  return { dir, secrets };
}

describe('deployment', () => {
  const temp: string[] = [];
  const tempDir = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    temp.push(dir);
    return dir;
  };
  let deployment: { dir: string; secrets: Map<string, string> };
  beforeAll(() => {
    deployment = initDeployment();
    temp.push(deployment.dir);
  });
  afterAll(() => temp.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('entrypoint with no site configuration mounted → exits 78 saying where to mount one', async () => {
    const run = await entrypoint({ SITE_CONFIG: join(tempDir('jct-none-'), 'site.yaml') });
    expect(run.code).toBe(78);
    expect(run.output).toMatch(/no site configuration at .*site\.yaml: mount one there/);
  });

  it('production mode with the shipped configuration → exits 78 naming every development secret', async () => {
    const run = await entrypoint(await serviceEnv(SHIPPED_SITE_CONFIG, tempDir('jct-data-')));
    expect(run.code).toBe(78);
    const site = loadSiteConfig(SHIPPED_SITE_CONFIG);
    for (const device of site.devices) expect(run.output).toContain(`device ${device.id} still has`);
    for (const client of site.mqttClients) expect(run.output).toContain(`MQTT client ${client.id} still has`);
    for (const key of site.apiKeys) expect(run.output).toContain(`API key ${key.id} still has`);
    expect(run.output).not.toMatch(/Jalinda Crossing Telemetry up/);
  });

  it('production mode with the secrets of deploy:init → starts; a device connects with its new secret, not the development one', async () => {
    const env = await serviceEnv(join(deployment.dir, 'deploy', 'site.yaml'), tempDir('jct-data-'));
    const child = spawn('sh', [ENTRYPOINT], { cwd: ROOT, env: { PATH: process.env.PATH, ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await waitFor(
        'the production service to answer /health',
        async () => {
          if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${output}`);
          return (await fetch(`http://127.0.0.1:${env.HTTP_PORT}/health`)).status === 200;
        },
        30_000,
        100,
      );
      const url = `mqtt://127.0.0.1:${env.MQTT_PORT}`;
      const options = {
        clientId: 'ICE-1',
        username: 'ICE-1',
        protocolVersion: 4 as const,
        reconnectPeriod: 0,
      };
      const device = await connectAsync(url, { ...options, password: deployment.secrets.get('ICE-1') });
      await device.endAsync();
      await expect(connectAsync(url, { ...options, password: 'dev-secret-ICE-1' })).rejects.toThrow(
        /Not authorized|Bad username or password/,
      );
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });

  it("Mosquitto with docker/'s configuration and deploy:init's password file → devices and read-only clients work, development secrets do not", async () => {
    const dir = tempDir('jct-mosquitto-');
    const port = await freePort();
    const conf = readFileSync(join(ROOT, 'docker', 'mosquitto', 'mosquitto.conf'), 'utf8')
      .replace(/^listener 1883$/m, `listener ${port} 127.0.0.1`)
      .replace(
        /^password_file .*$/m,
        `password_file ${join(deployment.dir, 'deploy', 'mosquitto', 'passwd')}`,
      )
      .replace(/^acl_file .*$/m, `acl_file ${join(ROOT, 'docker', 'mosquitto', 'acl')}`)
      .replace(/^persistence_location .*$/m, `persistence_location ${dir}/`);
    writeFileSync(join(dir, 'mosquitto.conf'), `user ${userInfo().username}\n${conf}`);
    const broker = spawn(findExecutable('mosquitto')!, ['-c', join(dir, 'mosquitto.conf')], {
      stdio: 'ignore',
    });
    const stopped = new Promise((resolve) => broker.once('exit', resolve));
    const url = `mqtt://127.0.0.1:${port}`;
    const as = (id: string, password = deployment.secrets.get(id)) =>
      connectAsync(url, { clientId: id, username: id, password, protocolVersion: 4, reconnectPeriod: 0 });
    try {
      const recorder = await waitFor(
        'Mosquitto to accept sim-recorder',
        () => as('sim-recorder'),
        10_000,
        100,
      );
      const received: string[] = [];
      recorder.on('message', (topic) => received.push(topic));
      const granted = await recorder.subscribeAsync('devices/#', { qos: 1 });
      expect(granted[0].qos).toBe(1);
      const device = await as('ICE-1');
      await device.publishAsync('devices/ICE-1/telemetry', '{}', { qos: 1 });
      await waitFor('sim-recorder to receive ICE-1 telemetry', () =>
        received.includes('devices/ICE-1/telemetry'),
      );
      await Promise.all([device.endAsync(), recorder.endAsync()]);
      await expect(as('ICE-1', 'dev-secret-ICE-1')).rejects.toThrow(/Not authorized/);
    } finally {
      broker.kill('SIGTERM');
      await stopped;
    }
  });

  it('docker-compose config with the generated .env → every image pinned to a version, every published port on 127.0.0.1, the site configuration mounted', () => {
    const compose = findExecutable('docker-compose');
    if (!compose) throw new Error('docker-compose not found: apt-get install docker-compose');
    const result = spawnSync(
      compose,
      [
        '--project-directory',
        ROOT,
        '-f',
        join(ROOT, 'docker-compose.yml'),
        '--env-file',
        join(deployment.dir, '.env'),
        'config',
      ],
      { encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    type Service = {
      image: string;
      ports?: { host_ip?: string; published: number }[];
      volumes?: { target: string }[];
    };
    const { services } = parse(result.stdout) as { services: Record<string, Service> };
    expect(Object.keys(services).sort()).toEqual(['influxdb', 'mailpit', 'mosquitto', 'service']);
    for (const [name, service] of Object.entries(services)) {
      expect([name, service.image]).toEqual([name, expect.stringMatching(/:v?\d+\.\d+\.\d+$/)]);
      for (const port of service.ports ?? [])
        expect([name, port]).toEqual([name, expect.stringMatching(/^127\.0\.0\.1:\d+:\d+\/tcp$/)]);
    }
    expect(services.service.volumes).toContain(`${join(ROOT, 'deploy', 'site.yaml')}:/config/site.yaml:ro`);
    expect(result.stdout).not.toMatch(/dev-|password:\s*$/m);
  });

  it('docker-compose config without .env → refuses, saying to run deploy:init', () => {
    const empty = tempDir('jct-noenv-');
    writeFileSync(join(empty, '.env'), '');
    const result = spawnSync(
      findExecutable('docker-compose')!,
      [
        '--project-directory',
        ROOT,
        '-f',
        join(ROOT, 'docker-compose.yml'),
        '--env-file',
        join(empty, '.env'),
        'config',
      ],
      { encoding: 'utf8' },
    );
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/run npm run deploy:init first/);
  });
});

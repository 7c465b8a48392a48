// loadAppConfig: defaults, explicit parsing (no implicit coercion) and every bad variable at once.
import { join, resolve } from 'node:path';
import { AppConfig, ConfigError, loadAppConfig, redactUrl } from './app-config';

function errorOf(env: Record<string, string | undefined>): ConfigError {
  try {
    loadAppConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError, but the environment was accepted');
}

describe('loadAppConfig: defaults for an empty environment', () => {
  const config = loadAppConfig({});

  it('is an AppConfig instance (injectable by class)', () => {
    expect(config).toBeInstanceOf(AppConfig);
  });

  it('HTTP on 0.0.0.0:3000', () => {
    expect(config.http).toEqual({ port: 3000, host: '0.0.0.0', trustProxy: false });
  });

  it('the embedded broker on 1883 (TCP) and 8083 (WebSocket), no external MQTT_URL', () => {
    expect(config.mqtt).toEqual({
      url: undefined,
      clientId: 'jct-ingest',
      username: undefined,
      password: undefined,
      port: 1883,
      wsPort: 8083,
      host: '0.0.0.0',
      maxPacketBytes: 1024 * 1024,
      maxConnectBytes: 8 * 1024,
    });
  });

  it.each([
    ['', false],
    ['true', true],
    ['2', 2],
    ['loopback, 10.0.0.0/8', 'loopback, 10.0.0.0/8'],
  ])('TRUST_PROXY "%s" → %p', (text, expected) => {
    expect(loadAppConfig({ TRUST_PROXY: text }).http.trustProxy).toEqual(expected);
  });

  it('refuses MQTT_MAX_PACKET_BYTES not above INGEST_MAX_PAYLOAD_BYTES', () => {
    expect(() => loadAppConfig({ MQTT_MAX_PACKET_BYTES: '2048', INGEST_MAX_PAYLOAD_BYTES: '4096' })).toThrow(
      'MQTT_MAX_PACKET_BYTES',
    );
  });

  it('no InfluxDB', () => {
    expect(config.influx).toBeUndefined();
  });

  it('DATA_DIR ./data and the shipped site file, resolved against the working directory', () => {
    expect(config.dataDir).toBe(join(process.cwd(), 'data'));
    expect(config.siteConfigPath).toBe(join(process.cwd(), 'config', 'jalinda-mohe.site.yaml'));
  });

  it('log level info', () => {
    expect(config.logLevel).toBe('info');
  });

  it('ingest limits: 256 KiB, 1000 readings, 5 minutes ahead, 30 days old', () => {
    expect(config.ingest).toEqual({
      maxPayloadBytes: 262_144,
      maxReadingsPerMessage: 1000,
      maxFutureMs: 300_000,
      maxAgeMs: 720 * 3_600_000,
    });
  });

  it('spool 1024 MiB with fsync every 100 ms; DuckDB memory 64MB', () => {
    expect(config.spool).toEqual({ maxBytes: 1024 * 1024 * 1024, fsyncIntervalMs: 100, storeBatchMs: 50 });
    expect(config.duckdb).toEqual({ memoryLimit: '64MB' });
  });

  it.each([
    { name: 'unset', value: undefined },
    { name: 'empty', value: '' },
    { name: 'blank', value: '  ' },
    { name: 'a tab', value: '\t' },
  ])('LOG_LEVEL $name → info (the default, not an error)', ({ value }) => {
    expect(loadAppConfig({ LOG_LEVEL: value }).logLevel).toBe('info');
  });

  it.each([
    { env: {}, format: 'text', production: false },
    { env: { LOG_FORMAT: 'json' }, format: 'json', production: false },
    { env: { NODE_ENV: 'production' }, format: 'text', production: true },
    { env: { NODE_ENV: 'development' }, format: 'text', production: false },
  ])('$env → log format $format, production $production', ({ env, format, production }) => {
    const loaded = loadAppConfig(env);
    expect([loaded.logFormat, loaded.production]).toEqual([format, production]);
  });

  it('LOG_FORMAT xml → refused, naming the choices', () => {
    expect(() => loadAppConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT: .*"text".*"json"/);
  });

  it('TLS unset → no TLS listener; cert without key, client CA without TLS, missing files → each named', () => {
    expect(loadAppConfig({}).mqtt.tls).toBeUndefined();
    expect(() => loadAppConfig({ MQTT_TLS_CERT: __filename, MQTT_TLS_REQUIRE_CLIENT_CERT: 'true' })).toThrow(
      /MQTT_TLS_CERT and MQTT_TLS_KEY: give both[\s\S]*MQTT_TLS_REQUIRE_CLIENT_CERT: needs MQTT_TLS_CLIENT_CA/,
    );
    expect(() => loadAppConfig({ MQTT_TLS_CLIENT_CA: '/nowhere/ca.crt' })).toThrow(
      /MQTT_TLS_CLIENT_CA: client certificates need the TLS listener[\s\S]*MQTT_TLS_CLIENT_CA: no file at \/nowhere\/ca.crt/,
    );
  });

  it('TLS cert and key → listeners on 8883 and 8884, client certificates off', () => {
    expect(loadAppConfig({ MQTT_TLS_CERT: __filename, MQTT_TLS_KEY: __filename }).mqtt.tls).toEqual({
      certFile: __filename,
      keyFile: __filename,
      clientCaFile: undefined,
      requireClientCert: false,
      port: 8883,
      wssPort: 8884,
    });
  });

  it('empty and blank strings count as unset', () => {
    const blank = loadAppConfig({ HTTP_PORT: '', MQTT_URL: '  ', DATA_DIR: ' ', INFLUX_URL: '' });
    expect(blank.http.port).toBe(3000);
    expect(blank.mqtt.url).toBeUndefined();
    expect(blank.dataDir).toBe(resolve('data'));
    expect(blank.influx).toBeUndefined();
  });
});

describe('loadAppConfig: explicit values', () => {
  it('ports, host, limits and paths are taken as given and converted to their units', () => {
    const config = loadAppConfig({
      HTTP_PORT: '8080',
      HTTP_HOST: '127.0.0.1',
      MQTT_PORT: '1884',
      MQTT_WS_PORT: '9001',
      DATA_DIR: '/var/lib/jct',
      SITE_CONFIG: '/etc/jct/site.yaml',
      LOG_LEVEL: 'debug',
      INGEST_MAX_FUTURE_SECONDS: '60',
      INGEST_MAX_AGE_HOURS: '48',
      SPOOL_MAX_MB: '2',
    });
    expect(config.http).toEqual({ port: 8080, host: '127.0.0.1', trustProxy: false });
    expect(config.mqtt).toMatchObject({ port: 1884, wsPort: 9001 });
    expect(config.dataDir).toBe('/var/lib/jct');
    expect(config.siteConfigPath).toBe('/etc/jct/site.yaml');
    expect(config.logLevel).toBe('debug');
    expect(config.ingest).toMatchObject({ maxFutureMs: 60_000, maxAgeMs: 48 * 3_600_000 });
    expect(config.spool.maxBytes).toBe(2 * 1024 * 1024);
  });

  it('an external broker: MQTT_URL with credentials, trimmed', () => {
    const config = loadAppConfig({
      MQTT_URL: ' mqtts://broker.example:8883 ',
      MQTT_USERNAME: 'ingest',
      MQTT_PASSWORD: 's3cret',
      MQTT_CLIENT_ID: 'jct-ingest-2',
    });
    expect(config.mqtt).toMatchObject({
      url: 'mqtts://broker.example:8883',
      username: 'ingest',
      password: 's3cret',
      clientId: 'jct-ingest-2',
    });
  });

  it.each(['mqtt://b:1883', 'mqtts://b:8883', 'ws://b/mqtt', 'wss://b/mqtt', 'tcp://b:1883'])(
    'MQTT_URL %s is accepted',
    (url) => {
      expect(loadAppConfig({ MQTT_URL: url }).mqtt.url).toBe(url);
    },
  );

  it.each([
    { name: 'the lowest port 1', value: '1', port: 1 },
    { name: 'the highest port 65535', value: '65535', port: 65_535 },
    { name: 'surrounding spaces', value: ' 3001 ', port: 3001 },
  ])('HTTP_PORT with $name → $port', ({ value, port }) => {
    expect(loadAppConfig({ HTTP_PORT: value }).http.port).toBe(port);
  });
});

describe('loadAppConfig: PostgreSQL state store', () => {
  it('no DATABASE_URL → no postgres settings (the state stays in DuckDB in the data folder)', () => {
    expect(loadAppConfig({}).postgres).toBeUndefined();
  });

  it('DATABASE_URL postgres:// or postgresql:// → postgres settings with that URL', () => {
    for (const url of ['postgres://jct:pw@db:5432/jct', 'postgresql://db/jct'])
      expect(loadAppConfig({ DATABASE_URL: url }).postgres).toEqual({ url });
  });

  it('DATABASE_URL of another scheme → rejected naming the variable', () => {
    expect(errorOf({ DATABASE_URL: 'mysql://db/jct' }).message).toMatch(
      /DATABASE_URL: a URL starting with postgres: or postgresql:\/\//,
    );
  });
});

describe('loadAppConfig: leader lease', () => {
  it('defaults → a 5 s lease renewed every second, 1.5 s renewal timeout, 1 s margin', () => {
    expect(loadAppConfig({}).leaderLease).toEqual({
      durationMs: 5_000,
      renewEveryMs: 1_000,
      renewTimeoutMs: 1_500,
      marginMs: 1_000,
    });
  });

  it('a lease too short for its renewals → rejected naming the four variables and the rule', () => {
    expect(errorOf({ LEADER_LEASE_MS: '2000' }).message).toMatch(
      /LEADER_LEASE_MS, LEADER_RENEW_MS, LEADER_RENEW_TIMEOUT_MS, LEADER_LEASE_MARGIN_MS: two renewal intervals plus the renewal timeout \(3500 ms\) must be shorter than the lease duration minus the margin \(1000 ms\)/,
    );
  });
});

describe('loadAppConfig: InfluxDB', () => {
  it('INFLUX_URL with INFLUX_BUCKET → influx settings', () => {
    expect(
      loadAppConfig({
        INFLUX_URL: 'http://influx:8086',
        INFLUX_BUCKET: 'telemetry',
        INFLUX_TOKEN: 'tok',
        INFLUX_ORG: 'jct',
      }).influx,
    ).toEqual({ url: 'http://influx:8086', bucket: 'telemetry', token: 'tok', org: 'jct' });
  });

  it('INFLUX_DATABASE (InfluxDB 1.x / 3.x) is used as the bucket', () => {
    expect(loadAppConfig({ INFLUX_URL: 'https://influx:8181', INFLUX_DATABASE: 'tele' }).influx).toEqual({
      url: 'https://influx:8181',
      bucket: 'tele',
      token: undefined,
      org: undefined,
    });
  });

  it('INFLUX_BUCKET and INFLUX_DATABASE both set to the same name → accepted', () => {
    expect(
      loadAppConfig({ INFLUX_URL: 'http://i:8086', INFLUX_BUCKET: 'tele', INFLUX_DATABASE: 'tele' }).influx
        ?.bucket,
    ).toBe('tele');
  });

  it('INFLUX_URL without bucket or database → rejected naming INFLUX_BUCKET', () => {
    expect(errorOf({ INFLUX_URL: 'http://influx:8086' }).message).toMatch(
      /INFLUX_BUCKET \(or INFLUX_DATABASE\): required when INFLUX_URL is set/,
    );
  });

  it('INFLUX_BUCKET and INFLUX_DATABASE that differ → rejected', () => {
    expect(
      errorOf({ INFLUX_URL: 'http://i:8086', INFLUX_BUCKET: 'a', INFLUX_DATABASE: 'b' }).message,
    ).toMatch(/INFLUX_DATABASE: differs from INFLUX_BUCKET/);
  });

  it('INFLUX_BUCKET and INFLUX_DATABASE equal after trimming → accepted, trimmed', () => {
    expect(
      loadAppConfig({ INFLUX_URL: 'http://i:8086', INFLUX_BUCKET: ' tele ', INFLUX_DATABASE: 'tele' }).influx
        ?.bucket,
    ).toBe('tele');
  });

  const rejected: { name: string; env: Record<string, string>; lines: RegExp[] }[] = [
    {
      name: 'INFLUX_URL with a blank INFLUX_BUCKET',
      env: { INFLUX_URL: 'http://i:8086', INFLUX_BUCKET: '  ' },
      lines: [/^ {2}- INFLUX_BUCKET \(or INFLUX_DATABASE\): required when INFLUX_URL is set$/],
    },
    {
      name: 'INFLUX_BUCKET a and INFLUX_DATABASE b without INFLUX_URL',
      env: { INFLUX_BUCKET: 'a', INFLUX_DATABASE: 'b' },
      lines: [/^ {2}- INFLUX_DATABASE: differs from INFLUX_BUCKET; set one of them$/],
    },
    {
      name: 'HTTP_PORT abc and INFLUX_URL without a bucket',
      env: { HTTP_PORT: 'abc', INFLUX_URL: 'http://x:8086' },
      lines: [
        /^ {2}- HTTP_PORT: "abc" is not a whole number$/,
        /^ {2}- INFLUX_BUCKET \(or INFLUX_DATABASE\): required when INFLUX_URL is set$/,
      ],
    },
    {
      name: 'LOG_LEVEL loud and INFLUX_BUCKET a with INFLUX_DATABASE b',
      env: { LOG_LEVEL: 'loud', INFLUX_URL: 'http://x:8086', INFLUX_BUCKET: 'a', INFLUX_DATABASE: 'b' },
      lines: [/^ {2}- LOG_LEVEL: /, /^ {2}- INFLUX_DATABASE: differs from INFLUX_BUCKET; set one of them$/],
    },
    {
      name: 'an mqtt:// INFLUX_URL without a bucket',
      env: { INFLUX_URL: 'mqtt://x:8086' },
      lines: [
        /^ {2}- INFLUX_URL: a URL starting with http: or https:\/\/$/,
        /^ {2}- INFLUX_BUCKET \(or INFLUX_DATABASE\): required when INFLUX_URL is set$/,
      ],
    },
  ];
  it.each(rejected)('$name → one ConfigError listing every problem', ({ env, lines }) => {
    const { message } = errorOf(env);
    const listed = message.split('\n');
    expect(listed[0]).toBe('invalid configuration:');
    expect(listed.slice(1)).toEqual(lines.map((line) => expect.stringMatching(line)));
  });

  it('INFLUX_URL with an mqtt:// scheme → rejected', () => {
    expect(errorOf({ INFLUX_URL: 'mqtt://influx:8086', INFLUX_BUCKET: 'x' }).message).toMatch(
      /INFLUX_URL: a URL starting with http: or https:\/\//,
    );
  });
});

describe('loadAppConfig: bad values', () => {
  it('every bad variable is listed in one ConfigError message at once', () => {
    const { message } = errorOf({
      HTTP_PORT: 'abc',
      MQTT_PORT: '70000',
      MQTT_URL: 'http://x',
      LOG_LEVEL: 'loud',
      INGEST_MAX_READINGS: '0',
    });
    expect(message).toMatch(/^invalid configuration:\n/);
    expect(message).toContain('  - HTTP_PORT: "abc" is not a whole number');
    expect(message).toContain('  - MQTT_PORT: 70000 is outside 1…65535');
    expect(message).toMatch(/ {2}- MQTT_URL: a URL starting with mqtt: or mqtts: or ws: or wss: or tcp:\/\//);
    expect(message).toMatch(/ {2}- LOG_LEVEL: /);
    expect(message).toContain('  - INGEST_MAX_READINGS: 0 is outside 1…100000');
    expect(message.split('\n')).toHaveLength(6);
  });

  const cases: { name: string; env: Record<string, string>; variable: string }[] = [
    { name: '"12abc" is not 12', env: { HTTP_PORT: '12abc' }, variable: 'HTTP_PORT' },
    { name: '"1e3" is not 1000', env: { MQTT_PORT: '1e3' }, variable: 'MQTT_PORT' },
    { name: '"0x50" is not 80', env: { HTTP_PORT: '0x50' }, variable: 'HTTP_PORT' },
    { name: '"3000.0" is not a whole number', env: { HTTP_PORT: '3000.0' }, variable: 'HTTP_PORT' },
    { name: '"+3000" is not accepted', env: { HTTP_PORT: '+3000' }, variable: 'HTTP_PORT' },
    { name: 'port 0', env: { HTTP_PORT: '0' }, variable: 'HTTP_PORT' },
    { name: 'port -1', env: { MQTT_WS_PORT: '-1' }, variable: 'MQTT_WS_PORT' },
    { name: 'port 65536', env: { MQTT_PORT: '65536' }, variable: 'MQTT_PORT' },
    {
      name: 'a payload limit under 64 bytes',
      env: { INGEST_MAX_PAYLOAD_BYTES: '63' },
      variable: 'INGEST_MAX_PAYLOAD_BYTES',
    },
    {
      name: 'a future window over a day',
      env: { INGEST_MAX_FUTURE_SECONDS: '86401' },
      variable: 'INGEST_MAX_FUTURE_SECONDS',
    },
    { name: 'a max age of 0 hours', env: { INGEST_MAX_AGE_HOURS: '0' }, variable: 'INGEST_MAX_AGE_HOURS' },
    { name: 'MQTT_URL http://x', env: { MQTT_URL: 'http://x' }, variable: 'MQTT_URL' },
    { name: 'MQTT_URL without a scheme', env: { MQTT_URL: 'broker:1883' }, variable: 'MQTT_URL' },
    { name: 'MQTT_URL that is not a URL', env: { MQTT_URL: 'not a url' }, variable: 'MQTT_URL' },
    { name: 'LOG_LEVEL loud', env: { LOG_LEVEL: 'loud' }, variable: 'LOG_LEVEL' },
    { name: 'LOG_LEVEL in upper case', env: { LOG_LEVEL: 'INFO' }, variable: 'LOG_LEVEL' },
  ];
  it.each(cases)('$name → ConfigError naming $variable', ({ env, variable }) => {
    const lines = errorOf(env).message.split('\n').slice(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^ {2}- ${variable}: `));
  });

  it('the error is a ConfigError named so in logs', () => {
    expect(errorOf({ HTTP_PORT: 'x' }).name).toBe('ConfigError');
  });

  it('unknown variables of the environment are ignored (PATH, HOME …)', () => {
    expect(() => loadAppConfig({ PATH: '/usr/bin', HOME: '/root', JCT_UNUSED: '1' })).not.toThrow();
  });
});

describe('redactUrl', () => {
  const cases: { name: string; url: string; shown: string }[] = [
    {
      name: 'a password is replaced by ***',
      url: 'mqtt://ingest:s3cret@broker.example:1883',
      shown: 'mqtt://ingest:***@broker.example:1883',
    },
    {
      name: 'a password without a user name',
      url: 'https://:token123@influx.example/',
      shown: 'https://:***@influx.example/',
    },
    {
      name: 'a URL without credentials is unchanged',
      url: 'mqtts://broker.example:8883/',
      shown: 'mqtts://broker.example:8883/',
    },
    {
      name: 'a user name without a password is kept',
      url: 'mqtt://ingest@broker.example:1883',
      shown: 'mqtt://ingest@broker.example:1883',
    },
    { name: 'text that is no URL', url: 'not a url', shown: '(invalid URL)' },
  ];
  it.each(cases)('$name', ({ url, shown }) => {
    expect(redactUrl(url)).toBe(shown);
  });

  it('a percent-encoded password does not leak in any form', () => {
    const shown = redactUrl('mqtt://ingest:p%40ss%3Aword@broker:1883');
    expect(shown).not.toMatch(/p%40ss|p@ss|word/);
    expect(shown).toContain('***');
  });
});

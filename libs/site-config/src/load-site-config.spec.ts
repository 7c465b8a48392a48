// parseSiteConfig: the shipped site file is valid, and every mistake is reported by its path.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { loadSiteConfig, parseSiteConfig, SiteConfigError } from './load-site-config';
import type { ConfigProblem } from './references';

const SHIPPED = resolve(__dirname, '../../../config/jalinda-mohe.site.yaml');
const HASH = 'scrypt$16384$8$1$c2FsdA==$aGFzaA==';
const NAME = { en: 'Name', ru: 'Имя', zh: '名字' };
const PERSON = { name: 'Someone', email: 'someone@example.com', language: 'en', timezone: 'Asia/Yakutsk' };

type Config = ReturnType<typeof validConfig>;
/** A small valid configuration: one ice and one ferry crossing, an asset and a device of each kind. */
function validConfig() {
  const corridor = [
    [53.4852, 123.9018],
    [53.4771, 123.9042],
  ];
  return {
    version: 1,
    site: { id: 'test-site', name: NAME, timezone: 'Asia/Yakutsk' },
    crossings: [
      {
        id: 'ice-x',
        mode: 'ice',
        name: NAME,
        corridor,
        corridorWidthM: 60,
        waterDepthM: 4,
        season: { opens: '12-20', closes: '04-10' },
      } as Record<string, unknown>,
      {
        id: 'ferry-x',
        mode: 'ferry',
        name: NAME,
        corridor,
        corridorWidthM: 150,
        waterDepthM: 5,
        season: { opens: '05-15', closes: '10-15' },
      } as Record<string, unknown>,
    ],
    owners: [{ id: 'acme', name: 'Acme Export' }],
    assets: [
      { id: 'truck-1', type: 'vehicle', plate: 'А123ВС 28' },
      { id: 'box-1', type: 'container', isoNumber: 'CSQU3054383', owner: 'acme', cargoProfile: 'frozen' },
      { id: 'pontoon-1', type: 'ferry', crossing: 'ferry-x' },
    ] as Record<string, unknown>[],
    devices: [
      { id: 'ICE-1', kind: 'ice-station', asset: 'ice-x', secretHash: HASH },
      { id: 'TRUCK-1', kind: 'vehicle', asset: 'truck-1', secretHash: HASH },
      { id: 'CONT-1', kind: 'container', asset: 'box-1', secretHash: HASH },
      { id: 'FERRY-1', kind: 'ferry', asset: 'pontoon-1', secretHash: HASH },
    ] as Record<string, unknown>[],
    people: [
      { id: 'op', role: 'operator', ...PERSON },
      { id: 'acme-logistics', role: 'cargo-owner', owner: 'acme', ...PERSON, timezone: 'Asia/Shanghai' },
    ] as Record<string, unknown>[],
    mqttClients: [{ id: 'dashboard', secretHash: HASH, subscribe: ['alerts/#'] }] as Record<
      string,
      unknown
    >[],
    apiKeys: [
      { id: 'op-key', role: 'operator', person: 'op', keyHash: HASH },
      { id: 'acme-key', role: 'cargo-owner', owner: 'acme', keyHash: HASH },
    ] as Record<string, unknown>[],
  };
}

function problemsOf(text: string): ConfigProblem[] {
  try {
    parseSiteConfig(text, 'test.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(SiteConfigError);
    return (error as SiteConfigError).problems;
  }
  throw new Error('expected a SiteConfigError, but the configuration was accepted');
}
const paths = (problems: ConfigProblem[]) => problems.map((problem) => problem.path);

describe('the shipped config/jalinda-mohe.site.yaml', () => {
  const config = parseSiteConfig(readFileSync(SHIPPED, 'utf8'), SHIPPED);

  it('parses into the Jalinda–Mohe site in Asia/Yakutsk', () => {
    expect(config.site).toMatchObject({ id: 'jalinda-mohe', timezone: 'Asia/Yakutsk' });
  });

  it('has one ice and one ferry crossing, the ice one with Gold A = 4 (docs/domain.md §2)', () => {
    expect(config.crossings.map((c) => [c.id, c.mode])).toEqual([
      ['jalinda-mohe-ice', 'ice'],
      ['jalinda-mohe-ferry', 'ferry'],
    ]);
    expect(config.crossings[0].goldA).toBe(4);
  });

  it('has devices of every kind, each on an asset of its kind', () => {
    const kinds = new Set(config.devices.map((d) => d.kind));
    expect([...kinds].sort()).toEqual(['container', 'ferry', 'ice-station', 'vehicle']);
    expect(config.devices.map((d) => d.id)).toEqual(
      expect.arrayContaining(['ICE-1', 'ICE-4', 'TRUCK-01', 'FERRY-1', 'CONT-03']),
    );
  });

  it('loadSiteConfig reads the same file from disk', () => {
    expect(loadSiteConfig(SHIPPED)).toEqual(config);
  });
});

describe('parseSiteConfig: a valid configuration', () => {
  it('the small fixture is accepted as is', () => {
    expect(() => parseSiteConfig(stringify(validConfig()))).not.toThrow();
  });

  it('owners, assets, devices, people, mqttClients and apiKeys default to empty lists', () => {
    const { version, site, crossings } = validConfig();
    const config = parseSiteConfig(stringify({ version, site, crossings }));
    expect(config).toMatchObject({
      owners: [],
      assets: [],
      devices: [],
      people: [],
      mqttClients: [],
      apiKeys: [],
    });
  });

  it('a season that wraps the new year (12-20 → 04-10) is accepted', () => {
    expect(parseSiteConfig(stringify(validConfig())).crossings[0].season).toEqual({
      opens: '12-20',
      closes: '04-10',
    });
  });
});

describe('parseSiteConfig: schema mistakes are all listed by path', () => {
  it('a file with several schema mistakes at once → one SiteConfigError naming every one', () => {
    const config = validConfig() as Config & { extra?: unknown };
    config.devices[0].kind = 'buoy';
    config.crossings[0].season = { opens: '13-01', closes: '04-10' };
    config.crossings[1].corridor = [[53.48, 123.9]];
    config.people[0].timezone = 'Asia/Jalinda';
    config.site.timezone = 'UTC+25';
    config.assets[1].isoNumber = 'CSQU3054384';
    config.devices[1].secretHash = 'dev-secret-TRUCK-1';
    config.extra = true;
    const problems = problemsOf(stringify(config));
    expect(paths(problems).sort()).toEqual(
      [
        '',
        'assets[1].isoNumber',
        'crossings[0].season.opens',
        'crossings[1].corridor',
        'devices[0].kind',
        'devices[1].secretHash',
        'people[0].timezone',
        'site.timezone',
      ].sort(),
    );
    expect(problems.find((p) => p.path === '')?.message).toMatch(/extra/);
    expect(problems.find((p) => p.path === 'people[0].timezone')?.message).toMatch(/IANA time zone/);
  });

  const single: { name: string; mutate: (config: Config) => void; path: string }[] = [
    { name: 'version 2', mutate: (c) => void (c.version = 2), path: 'version' },
    { name: 'an upper-case site id', mutate: (c) => void (c.site.id = 'Jalinda'), path: 'site.id' },
    {
      name: 'a name without zh',
      mutate: (c) => void (c.site.name = { ...NAME, zh: '' }),
      path: 'site.name.zh',
    },
    { name: 'no crossings', mutate: (c) => void (c.crossings = []), path: 'crossings' },
    {
      name: 'a crossing mode "bridge"',
      mutate: (c) => void (c.crossings[0].mode = 'bridge'),
      path: 'crossings[0].mode',
    },
    {
      name: 'a season day 32',
      mutate: (c) => void (c.crossings[1].season = { opens: '05-15', closes: '10-32' }),
      path: 'crossings[1].season.closes',
    },
    {
      name: 'a latitude beyond 90',
      mutate: (c) =>
        void (c.crossings[0].corridor = [
          [91, 123.9],
          [53.4, 123.9],
        ]),
      path: 'crossings[0].corridor[0][0]',
    },
    { name: 'Gold A of 0.5', mutate: (c) => void (c.crossings[0].goldA = 0.5), path: 'crossings[0].goldA' },
    {
      name: 'a container with a bad ISO 6346 check digit',
      mutate: (c) => void (c.assets[1].isoNumber = 'CSQU3054384'),
      path: 'assets[1].isoNumber',
    },
    {
      name: 'an asset of an unknown type',
      mutate: (c) => void (c.assets[0].type = 'barge'),
      path: 'assets[0].type',
    },
    {
      name: 'a device id with a slash (unsafe in a topic)',
      mutate: (c) => void (c.devices[0].id = 'ICE/1'),
      path: 'devices[0].id',
    },
    {
      name: 'a device kind "buoy"',
      mutate: (c) => void (c.devices[0].kind = 'buoy'),
      path: 'devices[0].kind',
    },
    {
      name: 'an API key stored in plain text instead of a hash',
      mutate: (c) => void (c.apiKeys[0].keyHash = 'dev-key-op'),
      path: 'apiKeys[0].keyHash',
    },
    {
      name: 'an API key role "root"',
      mutate: (c) => void (c.apiKeys[0].role = 'root'),
      path: 'apiKeys[0].role',
    },
    {
      name: 'a plain-text secret instead of a hash',
      mutate: (c) => void (c.devices[2].secretHash = 'dev-secret-CONT-1'),
      path: 'devices[2].secretHash',
    },
    {
      name: 'a bad email',
      mutate: (c) => void (c.people[0].email = 'op-at-example'),
      path: 'people[0].email',
    },
    {
      name: 'a language "de"',
      mutate: (c) => void (c.people[1].language = 'de'),
      path: 'people[1].language',
    },
    {
      name: 'a bad time zone',
      mutate: (c) => void (c.people[0].timezone = 'Asia/Jalinda'),
      path: 'people[0].timezone',
    },
    {
      name: 'an mqttClient with no subscriptions',
      mutate: (c) => void (c.mqttClients[0].subscribe = []),
      path: 'mqttClients[0].subscribe',
    },
    {
      name: 'a secretHash with scrypt N 3 (cost out of range)',
      mutate: (c) => void (c.devices[1].secretHash = 'scrypt$3$8$1$AAAA$AAAA'),
      path: 'devices[1].secretHash',
    },
    {
      name: 'an mqttClient secretHash with scrypt p 0',
      mutate: (c) => void (c.mqttClients[0].secretHash = 'scrypt$16384$8$0$c2FsdA==$aGFzaA=='),
      path: 'mqttClients[0].secretHash',
    },
    {
      name: 'a season day 02-30',
      mutate: (c) => void (c.crossings[0].season = { opens: '12-20', closes: '02-30' }),
      path: 'crossings[0].season.closes',
    },
    {
      name: 'a season day 04-31',
      mutate: (c) => void (c.crossings[1].season = { opens: '04-31', closes: '10-15' }),
      path: 'crossings[1].season.opens',
    },
    // A whole list missing or malformed: only the list, none of the references into it.
    {
      name: 'no crossings key at all (the ice station on "ice-x" is not blamed)',
      mutate: (c) => void delete (c as Partial<Config>).crossings,
      path: 'crossings',
    },
    {
      name: 'assets that are not a list (the devices on them are not blamed)',
      mutate: (c) => void ((c as Record<string, unknown>).assets = 'truck-1, box-1'),
      path: 'assets',
    },
    {
      name: 'owners that are null (the container and the cargo owner naming "acme" are not blamed)',
      mutate: (c) => void ((c as Record<string, unknown>).owners = null),
      path: 'owners',
    },
    {
      name: 'devices that are a map, not a list',
      mutate: (c) => void ((c as Record<string, unknown>).devices = { 'ICE-1': c.devices[0] }),
      path: 'devices',
    },
  ];
  it.each(single)('$name → a problem at $path', ({ mutate, path }) => {
    const config = validConfig();
    mutate(config);
    expect(paths(problemsOf(stringify(config)))).toEqual([path]);
  });
});

describe('parseSiteConfig: reference mistakes are all listed by path', () => {
  it('a file with several reference mistakes at once → one SiteConfigError naming every one', () => {
    const config = validConfig();
    config.devices.push({ id: 'ICE-1', kind: 'ice-station', asset: 'ice-x', secretHash: HASH }); // [4] duplicate
    config.devices.push({ id: 'ICE-9', kind: 'ice-station', asset: 'ferry-x', secretHash: HASH }); // [5]
    config.devices[1].asset = 'box-1'; // a vehicle device on a container
    config.people.push({ id: 'cargo-1', role: 'cargo-owner', ...PERSON }); // [2] no owner
    config.people.push({ id: 'cargo-2', role: 'cargo-owner', owner: 'nobody', ...PERSON }); // [3]
    config.assets[1].owner = 'ghost';
    config.mqttClients[0].id = 'CONT-1';
    const problems = problemsOf(stringify(config));
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'devices[4].id', message: 'duplicate id "ICE-1"' },
        {
          path: 'devices[5].asset',
          message: 'an ice station must sit on an ice crossing; "ferry-x" is not one',
        },
        {
          path: 'devices[1].asset',
          message: 'a vehicle device must sit on a vehicle; "box-1" is a container',
        },
        { path: 'people[2].owner', message: 'a cargo owner must name the owner whose cargo they see' },
        { path: 'people[3].owner', message: 'unknown owner "nobody"' },
        { path: 'assets[1].owner', message: 'unknown owner "ghost"' },
        { path: 'mqttClients[0].id', message: '"CONT-1" is also a device id' },
      ]),
    );
    expect(problems).toHaveLength(7);
  });

  it('a container tracker waiting at a terminal for a run-time shipment is valid; a vehicle there is not', () => {
    const config = validConfig();
    config.assets.push({ id: 'terminal', type: 'rail-hub', name: { en: 'T', ru: 'Т', zh: '站' } });
    config.devices.push({ id: 'TRK-9', kind: 'container', asset: 'terminal', secretHash: HASH });
    expect(() => parseSiteConfig(stringify(config))).not.toThrow();
    config.devices.push({ id: 'VEH-9', kind: 'vehicle', asset: 'terminal', secretHash: HASH });
    expect(problemsOf(stringify(config))).toEqual([
      {
        path: 'devices[5].asset',
        message: 'a vehicle device must sit on a vehicle; "terminal" is a rail-hub',
      },
    ]);
  });

  const single: { name: string; mutate: (config: Config) => void; path: string; message: RegExp }[] = [
    {
      name: 'a duplicate crossing id',
      mutate: (c) => c.crossings.push({ ...c.crossings[0] }),
      path: 'crossings[2].id',
      message: /duplicate id "ice-x"/,
    },
    {
      name: 'a duplicate asset id',
      mutate: (c) => c.assets.push({ ...c.assets[0], plate: 'В456ЕК 28' }),
      path: 'assets[3].id',
      message: /duplicate id/,
    },
    {
      name: 'a duplicate person id',
      mutate: (c) => void (c.people[1].id = 'op'),
      path: 'people[1].id',
      message: /duplicate id "op"/,
    },
    {
      name: 'a duplicate owner id',
      mutate: (c) => c.owners.push({ id: 'acme', name: 'Acme again' }),
      path: 'owners[1].id',
      message: /duplicate id "acme"/,
    },
    {
      name: 'an ice station on a ferry crossing',
      mutate: (c) => void (c.devices[0].asset = 'ferry-x'),
      path: 'devices[0].asset',
      message: /must sit on an ice crossing/,
    },
    {
      name: 'an ice station on an unknown crossing',
      mutate: (c) => void (c.devices[0].asset = 'nowhere'),
      path: 'devices[0].asset',
      message: /"nowhere" is not one/,
    },
    {
      name: 'a vehicle device on a container asset',
      mutate: (c) => void (c.devices[1].asset = 'box-1'),
      path: 'devices[1].asset',
      message: /a vehicle device must sit on a vehicle; "box-1" is a container/,
    },
    {
      name: 'a container device on an ice crossing id (not an asset)',
      mutate: (c) => void (c.devices[2].asset = 'ice-x'),
      path: 'devices[2].asset',
      message: /unknown asset "ice-x"/,
    },
    {
      name: 'a ferry on an ice crossing',
      mutate: (c) => void (c.assets[2].crossing = 'ice-x'),
      path: 'assets[2].crossing',
      message: /"ice-x" is not a ferry crossing/,
    },
    {
      name: 'a container of an unknown owner',
      mutate: (c) => void (c.assets[1].owner = 'ghost'),
      path: 'assets[1].owner',
      message: /unknown owner "ghost"/,
    },
    {
      name: 'a container with an unknown cargo profile (a typo must not switch its limits off)',
      mutate: (c) => void (c.assets[1].cargoProfile = 'farma-2-8'),
      path: 'assets[1].cargoProfile',
      message: /unknown cargo profile "farma-2-8"; one of .*pharma-2-8/,
    },
    {
      name: 'a cargo owner without owner',
      mutate: (c) => void delete c.people[1].owner,
      path: 'people[1].owner',
      message: /must name the owner/,
    },
    {
      name: 'an operator naming an unknown owner',
      mutate: (c) => void (c.people[0].owner = 'ghost'),
      path: 'people[0].owner',
      message: /unknown owner "ghost"/,
    },
    {
      name: 'an mqttClient id equal to a device id',
      mutate: (c) => void (c.mqttClients[0].id = 'ICE-1'),
      path: 'mqttClients[0].id',
      message: /"ICE-1" is also a device id/,
    },
    {
      name: 'a cargo-owner API key without an owner (it would see no one, or be taken for staff)',
      mutate: (c) => void delete c.apiKeys[1].owner,
      path: 'apiKeys[1].owner',
      message: /must name its owner/,
    },
    {
      name: 'an operator API key with an owner',
      mutate: (c) => void (c.apiKeys[0].owner = 'acme'),
      path: 'apiKeys[0].owner',
      message: /only cargo-owner keys/,
    },
    {
      name: 'an API key of an unknown person',
      mutate: (c) => void (c.apiKeys[0].person = 'ghost'),
      path: 'apiKeys[0].person',
      message: /unknown person "ghost"/,
    },
  ];
  it.each(single)('$name → a problem at $path', ({ mutate, path, message }) => {
    const config = validConfig();
    mutate(config);
    const problems = problemsOf(stringify(config));
    expect(paths(problems)).toEqual([path]);
    expect(problems[0].message).toMatch(message);
  });
});

describe('parseSiteConfig: schema and reference mistakes together', () => {
  it('a device kind "buoy", a duplicate person id and a vehicle device on a container → one SiteConfigError naming all three', () => {
    const config = validConfig();
    config.devices[0].kind = 'buoy';
    config.people[1].id = 'op';
    config.devices[1].asset = 'box-1';
    let error: SiteConfigError | undefined;
    try {
      parseSiteConfig(stringify(config), 'test.yaml');
    } catch (caught) {
      error = caught as SiteConfigError;
    }
    expect(error).toBeInstanceOf(SiteConfigError);
    expect(paths(error!.problems).sort()).toEqual(['devices[0].kind', 'devices[1].asset', 'people[1].id']);
    expect(error!.problems).toEqual(
      expect.arrayContaining([
        { path: 'people[1].id', message: 'duplicate id "op"' },
        {
          path: 'devices[1].asset',
          message: 'a vehicle device must sit on a vehicle; "box-1" is a container',
        },
      ]),
    );
    expect(error!.message).toMatch(/has 3 problem\(s\):\n/);
  });

  const cases: { name: string; mutate: (config: Config) => void; paths: string[] }[] = [
    {
      name: 'a crossing mode "bridge" with two ice stations on it, and a duplicate owner',
      mutate: (c) => {
        c.crossings[0].mode = 'bridge';
        c.devices.push({ id: 'ICE-2', kind: 'ice-station', asset: 'ice-x', secretHash: HASH });
        c.owners.push({ id: 'acme', name: 'Acme again' });
      },
      paths: ['crossings[0].mode', 'owners[1].id'],
    },
    {
      name: 'an asset of unknown type "barge" (its device not blamed), and a ferry on an ice crossing',
      mutate: (c) => {
        c.assets[0].type = 'barge';
        c.assets[2].crossing = 'ice-x';
      },
      paths: ['assets[0].type', 'assets[2].crossing'],
    },
    {
      name: 'a device kind "buoy" on an unknown asset (the asset is not blamed)',
      mutate: (c) => {
        c.devices[0].kind = 'buoy';
        c.devices[0].asset = 'nowhere';
      },
      paths: ['devices[0].kind'],
    },
    {
      name: 'a device on an upper-case asset id (a bad id and an unknown asset at one path)',
      mutate: (c) => void (c.devices[1].asset = 'Truck-1'),
      paths: ['devices[1].asset'],
    },
    {
      name: 'a person naming an upper-case owner (a bad id and an unknown owner at one path)',
      mutate: (c) => void (c.people[1].owner = 'Acme'),
      paths: ['people[1].owner'],
    },
    {
      name: 'a container with a bad ISO number and an unknown owner (two mistakes of one entry)',
      mutate: (c) => {
        c.assets[1].isoNumber = 'CSQU3054384';
        c.assets[1].owner = 'ghost';
      },
      paths: ['assets[1].isoNumber', 'assets[1].owner'],
    },
    {
      name: 'a plain-text secret, a season day 02-30 and an mqttClient id equal to a device id',
      mutate: (c) => {
        c.devices[3].secretHash = 'dev-secret-FERRY-1';
        c.crossings[1].season = { opens: '02-30', closes: '10-15' };
        c.mqttClients[0].id = 'TRUCK-1';
      },
      paths: ['crossings[1].season.opens', 'devices[3].secretHash', 'mqttClients[0].id'],
    },
  ];
  it.each(cases)('$name → exactly $paths, each once', ({ mutate, paths: expected }) => {
    const config = validConfig();
    mutate(config);
    const found = paths(problemsOf(stringify(config)));
    expect([...found].sort()).toEqual([...expected].sort());
    expect(new Set(found).size).toBe(found.length);
  });
});

describe('parseSiteConfig: a season day must exist in its month', () => {
  const cases: { day: string; message?: RegExp }[] = [
    { day: '01-31' },
    { day: '02-28' },
    // A season is a day of every year: 29 February is accepted (it only opens in leap years).
    { day: '02-29' },
    { day: '02-30', message: /^no such day in that month$/ },
    { day: '02-31', message: /^no such day in that month$/ },
    { day: '03-31' },
    { day: '04-30' },
    { day: '04-31', message: /^no such day in that month$/ },
    { day: '06-31', message: /^no such day in that month$/ },
    { day: '09-31', message: /^no such day in that month$/ },
    { day: '11-31', message: /^no such day in that month$/ },
    { day: '12-31' },
    // Not MM-DD at all: the format problem alone, not also "no such day".
    { day: '02-32', message: /^a date in the year as MM-DD$/ },
    { day: '13-31', message: /^a date in the year as MM-DD$/ },
    { day: '00-10', message: /^a date in the year as MM-DD$/ },
    { day: '2-28', message: /^a date in the year as MM-DD$/ },
    { day: '02-00', message: /^a date in the year as MM-DD$/ },
  ];
  it.each(cases)('closes $day → $message', ({ day, message }) => {
    const config = validConfig();
    config.crossings[0].season = { opens: '12-20', closes: day };
    if (message === undefined) {
      expect(parseSiteConfig(stringify(config)).crossings[0].season.closes).toBe(day);
    } else {
      expect(problemsOf(stringify(config))).toEqual([
        { path: 'crossings[0].season.closes', message: expect.stringMatching(message) },
      ]);
    }
  });
});

describe('parseSiteConfig: secretHash format and scrypt cost', () => {
  const COST = /^scrypt cost out of range: make the hash with `npm run hash-secret`$/;
  const FORMAT = /^a hash made by `npm run hash-secret`$/;
  const cases: { name: string; hash: string; message?: RegExp }[] = [
    { name: 'the default cost N 2^14, r 8, p 1', hash: 'scrypt$16384$8$1$c2FsdA==$aGFzaA==' },
    { name: 'the lowest cost N 2^10, r 1, p 1', hash: 'scrypt$1024$1$1$c2FsdA==$aGFzaA==' },
    { name: 'N 3 (not a power of two)', hash: 'scrypt$3$8$1$AAAA$AAAA', message: COST },
    { name: 'N 16385 (not a power of two)', hash: 'scrypt$16385$8$1$AAAA$AAAA', message: COST },
    { name: 'N 2^21 (too large)', hash: 'scrypt$2097152$8$1$AAAA$AAAA', message: COST },
    { name: 'N 512 (too small)', hash: 'scrypt$512$8$1$AAAA$AAAA', message: COST },
    { name: 'r 0', hash: 'scrypt$16384$0$1$AAAA$AAAA', message: COST },
    { name: 'p 0', hash: 'scrypt$16384$8$0$AAAA$AAAA', message: COST },
    { name: 'r 33', hash: 'scrypt$16384$33$1$AAAA$AAAA', message: COST },
    // Malformed: the format problem alone, not also a cost problem.
    { name: 'N "abc"', hash: 'scrypt$abc$8$1$AAAA$AAAA', message: FORMAT },
    { name: 'the plain secret', hash: 'dev-secret-ICE-1', message: FORMAT },
    { name: 'no hash part', hash: 'scrypt$16384$8$1$AAAA', message: FORMAT },
  ];
  it.each(cases)('$name → $message', ({ hash, message }) => {
    const config = validConfig();
    config.devices[2].secretHash = hash;
    if (message === undefined) {
      expect(parseSiteConfig(stringify(config)).devices[2].secretHash).toBe(hash);
    } else {
      expect(problemsOf(stringify(config))).toEqual([
        { path: 'devices[2].secretHash', message: expect.stringMatching(message) },
      ]);
    }
  });
});

describe('parseSiteConfig: the error itself', () => {
  it('the message names the source and lists every problem on its own line', () => {
    const config = validConfig();
    config.devices[0].kind = 'buoy';
    config.people[0].timezone = 'Asia/Jalinda';
    let error: SiteConfigError | undefined;
    try {
      parseSiteConfig(stringify(config), 'sites/test.yaml');
    } catch (caught) {
      error = caught as SiteConfigError;
    }
    expect(error?.name).toBe('SiteConfigError');
    expect(error?.source).toBe('sites/test.yaml');
    expect(error?.message).toMatch(/^site configuration sites\/test\.yaml has 2 problem\(s\):\n/);
    expect(error?.message).toMatch(/\n {2}- devices\[0\]\.kind: /);
    expect(error?.message).toMatch(/\n {2}- people\[0\]\.timezone: an IANA time zone/);
  });

  it('a problem of the root is shown as (root)', () => {
    expect(() => parseSiteConfig('- just\n- a list\n')).toThrow(/ {2}- \(root\): /);
  });
});

describe('parseSiteConfig: invalid YAML reports the line', () => {
  const cases: { name: string; text: string; line: number }[] = [
    {
      name: 'a key indented into the previous value',
      text: 'version: 1\nsite:\n  id: x\n   name: y\n',
      line: 3,
    },
    { name: 'an unclosed flow mapping', text: 'version: 1\nsite: {id: x\ncrossings: []\n', line: 3 },
    { name: 'a duplicate key', text: 'version: 1\nversion: 1\n', line: 2 },
    { name: 'a tab used for indentation', text: 'version: 1\nsite:\n\tid: x\n', line: 3 },
  ];
  it.each(cases)('$name → a problem at line $line', ({ text, line }) => {
    const problems = problemsOf(text);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].path).toBe(`line ${line}`);
    expect(problems[0].message.length).toBeGreaterThan(0);
  });

  it('an empty file is a root problem, not a crash', () => {
    expect(problemsOf('')).toEqual([{ path: '', message: expect.stringMatching(/expected object/) }]);
  });
});

describe('loadSiteConfig', () => {
  it('a missing file → SiteConfigError "cannot read the file" naming the path', () => {
    const path = join(tmpdir(), 'jct-no-such-site-config.yaml');
    expect(() => loadSiteConfig(path)).toThrow(SiteConfigError);
    expect(() => loadSiteConfig(path)).toThrow(/cannot read the file/);
    expect(() => loadSiteConfig(path)).toThrow(path);
  });
});

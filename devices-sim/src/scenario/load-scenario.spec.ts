import { parse } from 'yaml';
import { shippedScenarioFiles } from '../commands/options';
import { loadScenario, parseScenario, scenarioSiteYaml, ScenarioError } from './load-scenario';

const REQUIRED = [
  'normal-winter-day',
  'thaw-spell',
  'thin-spot',
  'overweight-truck',
  'convoy-too-close',
  'truck-stopped-on-ice',
  'ferry-off-corridor',
  'reefer-failure',
  'door-opened-between-checkpoints',
  'pharma-excursion',
  'station-gone-silent',
  'misbehaving-device',
];

describe('scenario files', () => {
  it('ship every scenario the simulator promises', () => {
    const names = shippedScenarioFiles().map((file) => loadScenario(file).name);
    expect(names).toEqual(expect.arrayContaining(REQUIRED));
  });

  it.each(shippedScenarioFiles().map((f) => [f.replace(/^.*\//, ''), f]))(
    '%s: valid, named after its file, with something to check, and a site the service accepts',
    (name, file) => {
      const scenario = loadScenario(file);
      expect(`${scenario.name}.yaml`).toBe(name);
      expect(scenario.expect.length + scenario.forbid.length).toBeGreaterThan(0);
      expect(() => scenarioSiteYaml(scenario)).not.toThrow();
    },
  );
});

describe('parseScenario', () => {
  it('lists every problem by its path', () => {
    const text = `
name: Bad Name
description: x
duration: soon
trucks: [{ id: TRUCK-01, departAt: 5m }]
expect: [{ subject: ICE-1 }]
forbid: [{ alert: a, alertFamily: ice }]
surprise: true
`;
    let message = '';
    try {
      parseScenario(text, 'bad.yaml');
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/^bad\.yaml:/);
    expect(message).toMatch(/name: lower-case words joined by -/);
    expect(message).toMatch(/duration: "soon" is not a duration/);
    expect(message).toMatch(/trucks\.0\.grossMassKg/);
    expect(message).toMatch(/expect\.0\.alert/);
    expect(message).toMatch(/forbid\.0: give exactly one of alert or alertFamily/);
    expect(message).toMatch(/surprise/);
  });

  it('refuses a thaw that ends before it starts', () => {
    expect(() =>
      parseScenario(
        'name: x\ndescription: x\nduration: 1d\nweather: { thaw: [{ from: 10h, to: 2h, airTempC: 1 }] }',
      ),
    ).toThrow(/weather.thaw\[0\]: "to" must come after "from"/);
  });

  it('durations are read as simulated milliseconds', () => {
    const scenario = parseScenario(
      'name: x\ndescription: x\nduration: 1h30m\ntrucks: [{ id: T, grossMassKg: 1, departAt: 90s }]',
    );
    expect(scenario.duration).toBe(5_400_000);
    expect(scenario.trucks[0].departAt).toBe(90_000);
  });
});

describe('scenarioSiteYaml', () => {
  it("applies the scenario's seasons and rules, and takes devices out", () => {
    const scenario = parseScenario(`
name: x
description: x
duration: 1h
site:
  crossings: { jalinda-mohe-ice: { season: { opens: '01-01', closes: '12-31' }, rules: { staleAfterMinutes: 30 } } }
  removeDevices: [ICE-4]
`);
    const site = parse(scenarioSiteYaml(scenario)) as {
      crossings: { id: string; season: unknown; rules?: unknown }[];
      devices: { id: string }[];
    };
    const ice = site.crossings.find((c) => c.id === 'jalinda-mohe-ice')!;
    expect(ice.season).toEqual({ opens: '01-01', closes: '12-31' });
    expect(ice.rules).toEqual({ staleAfterMinutes: 30 });
    expect(site.devices.map((d) => d.id)).not.toContain('ICE-4');
    expect(site.devices.map((d) => d.id)).toContain('ICE-3');
  });

  it('a change the service would refuse is refused here, naming the scenario', () => {
    const scenario = parseScenario(`
name: x
description: x
duration: 1h
site: { crossings: { jalinda-mohe-ice: { season: { opens: '13-40', closes: '12-31' } } } }
`);
    expect(() => scenarioSiteYaml(scenario)).toThrow(/scenario x/);
  });

  it('an unknown crossing is named', () => {
    const scenario = parseScenario(
      'name: x\ndescription: x\nduration: 1h\nsite: { crossings: { nowhere: { rules: {} } } }',
    );
    expect(() => scenarioSiteYaml(scenario)).toThrow(/site.crossings.nowhere/);
  });
});

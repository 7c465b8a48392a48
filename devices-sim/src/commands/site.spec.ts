import { loadScenario } from '../scenario/load-scenario';
import { shippedScenarioFiles } from './options';
import { formatScenarioList } from './site';

describe('formatScenarioList', () => {
  it('the longest name keeps two spaces before its summary, and every summary starts in one column', () => {
    expect(
      formatScenarioList([
        { name: 'thin-spot', description: 'ICE-3 stands over a current.\nMore detail.' },
        { name: 'door-opened-between-checkpoints', description: 'A door opens on the road.' },
      ]),
    ).toBe(
      [
        'thin-spot                        ICE-3 stands over a current.',
        'door-opened-between-checkpoints  A door opens on the road.',
      ].join('\n'),
    );
  });
});

describe('sim list of the shipped scenarios', () => {
  it('every summary starts in one column, two spaces after the longest name', () => {
    const scenarios = shippedScenarioFiles().map((file) => loadScenario(file));
    const longest = Math.max(...scenarios.map((s) => s.name.length));
    const lines = formatScenarioList(scenarios).split('\n');
    expect(lines).toHaveLength(scenarios.length);
    lines.forEach((line, i) => {
      expect(line.slice(0, longest + 2)).toBe(scenarios[i].name.padEnd(longest + 2));
      expect(line[longest + 2]).not.toBe(' ');
    });
  });
});

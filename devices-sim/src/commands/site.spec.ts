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

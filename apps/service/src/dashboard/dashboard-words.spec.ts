import { CARGO_PROFILES, LANGUAGES, RULE_IDS, SEVERITIES } from '@jct/rules';
import { dashboardWords } from './dashboard.controller';

describe('/dashboard/i18n.json', () => {
  const words = dashboardWords();

  it('names every rule, severity, crossing state, alert state, subject kind, profile and metric in each language', () => {
    expect(Object.keys(words.rules).sort()).toEqual([...RULE_IDS].sort());
    expect(Object.keys(words.severities)).toEqual([...SEVERITIES]);
    expect(Object.keys(words.crossingStates).sort()).toEqual(['closed', 'open', 'restricted', 'unknown']);
    expect(Object.keys(words.alertStates).sort()).toEqual(['acknowledged', 'firing', 'resolved', 'silenced']);
    expect(Object.keys(words.profiles).sort()).toEqual(Object.keys(CARGO_PROFILES).sort());
    for (const table of Object.values(words))
      for (const names of Object.values(table) as Record<string, string>[])
        expect(Object.keys(names).sort()).toEqual([...LANGUAGES].sort());
  });
});

import { SEVERITIES } from './alerts/severity';
import { LANGUAGES, RULE_CATALOGUE, RULE_IDS, ruleEntry, ruleFamily, ruleName, ruleTells } from './catalogue';

describe('rule catalogue', () => {
  it.each(RULE_IDS)('%s has a name in English, Russian and Chinese, each its own', (ruleId) => {
    const names = RULE_CATALOGUE[ruleId].names;
    for (const language of LANGUAGES) expect(names[language].trim()).not.toBe('');
    expect(new Set(LANGUAGES.map((language) => names[language])).size).toBe(LANGUAGES.length);
  });

  it.each(RULE_IDS)('%s tells someone, at a known severity', (ruleId) => {
    const rule = RULE_CATALOGUE[ruleId];
    expect(rule.audience.length).toBeGreaterThan(0);
    expect(SEVERITIES).toContain(rule.severity);
  });

  it('cargo rules are about containers and tell their owner; device rules tell the engineers only', () => {
    for (const ruleId of RULE_IDS) {
      const rule = RULE_CATALOGUE[ruleId];
      if (rule.family === 'cargo') expect([rule.subject, rule.audience[0]]).toEqual(['container', 'owner']);
      if (rule.family === 'device') expect(rule.audience).toEqual(['engineers']);
    }
  });

  it('a silent ice station tells the operators first, then the engineers', () => {
    expect(RULE_CATALOGUE['station.silent'].audience).toEqual(['operators', 'engineers']);
    expect(ruleTells('station.silent', 'engineers')).toBe(true);
    expect(ruleTells('ice.crack', 'engineers')).toBe(false);
  });

  it('a door opened outside an inspection zone tells the owner and the operators', () => {
    expect(RULE_CATALOGUE['cargo.door-open-outside-zone'].audience).toEqual(['owner', 'operators']);
  });

  it('an id the catalogue does not know has no entry, no family, and is named by itself', () => {
    expect(ruleEntry('cargo.unheard-of')).toBeUndefined();
    expect(ruleEntry('toString')).toBeUndefined();
    expect(ruleFamily('device.')).toBeUndefined();
    expect(ruleTells('device.unheard-of', 'engineers')).toBe(false);
    expect(ruleName('cargo.unheard-of', 'ru')).toBe('cargo.unheard-of');
  });

  it('names a known rule in the reader’s language', () => {
    expect(ruleName('ice.crack', 'en')).toBe('crack in the ice');
    expect(ruleName('ice.crack', 'ru')).toBe('трещина во льду');
    expect(ruleName('ice.crack', 'zh')).toBe('冰面裂缝');
  });
});

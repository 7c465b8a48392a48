import { readerLanguage } from './reader-language';

describe('the language of the API’s sentences', () => {
  it.each([
    ['no header, no person → English', undefined, undefined, 'en'],
    ['no header → the key’s person’s language', undefined, 'zh', 'zh'],
    ['a header the service speaks wins over the person', 'ru-RU,ru;q=0.9', 'zh', 'ru'],
    ['weights decide, not the order', 'en;q=0.3, zh-CN;q=0.8', undefined, 'zh'],
    ['equal weights keep the client’s order', 'zh, ru', undefined, 'zh'],
    ['languages the service does not write are passed over', 'de-DE, fr;q=0.9, ru;q=0.1', 'en', 'ru'],
    ['only unknown languages → the person’s', 'de, fr', 'ru', 'ru'],
    ['q=0 means "not this one"', 'ru;q=0, zh;q=0.5', undefined, 'zh'],
    ['a wildcard is no choice → the person’s', '*', 'ru', 'ru'],
    ['malformed weights are ignored', 'ru;q=abc, zh', undefined, 'zh'],
  ] as const)('%s', (_case, header, person, expected) => {
    expect(readerLanguage(header, person)).toBe(expected);
  });
});

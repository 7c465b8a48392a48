// parseListQuery: paging and string filters of a registry list, each bad parameter named.
import { parseListQuery } from './list-query';

describe('parseListQuery', () => {
  it('nothing given → the first 100', () => {
    expect(parseListQuery({}, ['kind'])).toEqual({ query: { limit: 100 } });
  });

  it('filters, cursor and limit → passed on, limit a number', () => {
    expect(parseListQuery({ kind: 'container', after: 'TRK-1', limit: '1000' }, ['kind'])).toEqual({
      query: { kind: 'container', after: 'TRK-1', limit: 1000 },
    });
  });

  const bad: { name: string; query: Record<string, unknown>; errors: string[] }[] = [
    { name: 'limit 0', query: { limit: '0' }, errors: ['limit: a whole number from 1 to 1000'] },
    { name: 'limit 1001', query: { limit: '1001' }, errors: ['limit: a whole number from 1 to 1000'] },
    { name: 'limit 1.5', query: { limit: '1.5' }, errors: ['limit: a whole number from 1 to 1000'] },
    { name: 'an unknown parameter', query: { colour: 'red' }, errors: ['colour: not a parameter here'] },
    { name: 'a filter given twice', query: { kind: ['a', 'b'] }, errors: ['kind: give it once'] },
  ];
  it.each(bad)('$name → 400 naming it', ({ query, errors }) => {
    expect(parseListQuery(query, ['kind'])).toEqual({ errors });
  });
});

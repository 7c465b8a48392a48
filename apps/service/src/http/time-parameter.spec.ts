import { BadRequestException } from '@nestjs/common';
import { parseTimeParameter, timeParameters, TimeParameterPipe } from './time-parameter';

const NOT_A_TIME = 'not a time; give ISO 8601 with a zone (2026-01-20T03:00:00Z) or epoch milliseconds';
const NO_ZONE = 'no time zone; add Z or an offset such as +09:00, or give epoch milliseconds';

/** The HTTP answer a call throws (a BadRequestException's body); fails the test if it returns. */
function answerOf(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    if (error instanceof BadRequestException) {
      const { statusCode, message } = error.getResponse() as { statusCode: number; message: string[] };
      return { statusCode, message };
    }
    throw error;
  }
  throw new Error('expected a 400');
}

describe('parseTimeParameter', () => {
  it.each([
    { text: '0', ms: 0 },
    { text: '1768878000000', ms: 1768878000000 },
    { text: '2026-01-20T03:00:00Z', ms: Date.UTC(2026, 0, 20, 3) },
    { text: '2026-01-20T03:00Z', ms: Date.UTC(2026, 0, 20, 3) },
    { text: '2026-01-20T03:00:00.250Z', ms: Date.UTC(2026, 0, 20, 3, 0, 0, 250) },
    { text: '2026-01-20T12:00:00+09:00', ms: Date.UTC(2026, 0, 20, 3) },
    { text: '2026-01-20T11:00:00+08:00', ms: Date.UTC(2026, 0, 20, 3) },
    { text: '2026-01-19T22:00:00-05:00', ms: Date.UTC(2026, 0, 20, 3) },
    { text: '2026-01-20', ms: Date.UTC(2026, 0, 20) },
  ])('"$text" → $ms', ({ text, ms }) => {
    expect(parseTimeParameter('from', text)).toEqual({ ms });
  });

  it.each(['2026-01-20T03:00:00', '2026-01-20T03:00', '2026-01-20T03:00:00.250'])(
    '"%s" (a time of day without a zone) → "no time zone", naming the parameter',
    (text) => {
      expect(parseTimeParameter('since', text)).toEqual({ error: `since: ${NO_ZONE}` });
    },
  );

  it.each([
    '',
    'now',
    '-1',
    '1e12',
    '1768878000000.5',
    '1234567890123456',
    '2026-01-20T03:00:00+0900',
    '2026-01-20 03:00:00Z',
    '2026-13-01',
    '2026-02-30T00:00:00Z',
    'Tue, 20 Jan 2026 03:00:00 GMT',
  ])('"%s" → "not a time", naming the parameter', (text) => {
    expect(parseTimeParameter('to', text)).toEqual({ error: `to: ${NOT_A_TIME}` });
  });
});

describe('timeParameters', () => {
  it('absent parameters are undefined, present ones are parsed', () => {
    expect(timeParameters({ from: '0' }, ['from', 'to'])).toEqual({ from: 0 });
  });

  it('every bad parameter is answered together in one 400', () => {
    expect(answerOf(() => timeParameters({ from: '2026-01-20T03:00', to: 'later' }, ['from', 'to']))).toEqual(
      {
        statusCode: 400,
        message: [`from: ${NO_ZONE}`, `to: ${NOT_A_TIME}`],
      },
    );
  });
});

describe('TimeParameterPipe', () => {
  const pipe = new TimeParameterPipe();
  it('takes the parameter name from the @Query decorator', () => {
    expect(answerOf(() => pipe.transform('2026-01-20T03:00:00', { type: 'query', data: 'to' }))).toEqual({
      statusCode: 400,
      message: [`to: ${NO_ZONE}`],
    });
  });
  it('parses a good time and leaves an absent one undefined', () => {
    expect(pipe.transform('2026-01-20T03:00:00Z', { type: 'query', data: 'to' })).toBe(
      Date.UTC(2026, 0, 20, 3),
    );
    expect(pipe.transform(undefined, { type: 'query', data: 'to' })).toBeUndefined();
  });
});

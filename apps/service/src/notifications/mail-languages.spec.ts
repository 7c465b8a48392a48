import { METRICS } from '@jct/contract';
import { CARGO_PROFILES, LANGUAGES, METRIC_NAMES, reason, type Language } from '@jct/rules';
import type { Person } from '@jct/site-config';
import type { Alert, AlertEvent } from '../alerts/alert';
import { composeReportMail } from './daily-report';
import { composeAlertMail, type Mail } from './messages';

/**
 * Every mail the service sends, in every language a person may read: a Russian or Chinese reader
 * meets no English word but ids, units and the link.
 */
const alert: Alert = {
  id: 'a1',
  ruleId: 'cargo.shock',
  subjectId: 'CONT-02',
  subjectType: 'container',
  severity: 'critical',
  state: 'firing',
  reason: 'container HEFU1234567: shock 3.4 g, above the 2 g limit of industrial equipment',
  cause: reason('cargo.shock', {
    subject: 'container HEFU1234567',
    shockG: 3.4,
    limitG: 2,
    profile: 'equipment',
    breached: true,
  }),
  trigger: { deviceId: 'CONT-02', metric: 'shockG', value: 3.4, ts: '2026-01-20T03:00:00.000Z' },
  breachSince: '2026-01-20T02:50:00.000Z',
  firedAt: '2026-01-20T03:00:00.000Z',
  firedRecordedAt: '2026-01-20T04:00:00.000Z',
  escalatedAt: '2026-01-20T03:10:00.000Z',
  resolvedAt: '2026-01-20T05:21:00.000Z',
  resolveCause: reason('cargo.shock', {
    subject: 'container HEFU1234567',
    shockG: 0.4,
    limitG: 2,
    profile: 'equipment',
    breached: false,
  }),
};

const person = (language: Language): Person => ({
  id: 'p',
  role: 'cargo-owner',
  name: 'P',
  email: 'p@example.org',
  language,
  timezone: 'Asia/Yakutsk',
  owner: 'heihe-fresh',
});

const URL = 'https://jct.example';
/** Ids, the time zone, units and the link: what may stay Latin in a Russian or Chinese mail. */
const ALLOWED = ['CONT-02', 'HEFU1234567', 'HPHU1234560', 'Asia/Yakutsk', 'https://jct.example', 'g', 'C'];

function latinWords(mail: Mail): string[] {
  let text = `${mail.subject}\n${mail.text}`.replace(/https:\/\/\S+/g, ' ');
  for (const id of ALLOWED.slice(0, 5)) text = text.split(id).join(' ');
  return (text.match(/[A-Za-z]+/g) ?? []).filter((word) => !ALLOWED.includes(word));
}

const transitions: [AlertEvent['transition'], boolean][] = [
  ['firing', false],
  ['firing', true],
  ['escalated', false],
  ['acknowledged', false],
  ['resolved', false],
];

describe('every mail in every language', () => {
  it.each(['ru', 'zh'] as const)(
    'every alert mail in %s has no English word but ids and units',
    (language) => {
      for (const [transition, reminder] of transitions) {
        const mail = composeAlertMail({ transition, alert }, person(language), URL, reminder);
        expect([transition, reminder, latinWords(mail)]).toEqual([transition, reminder, []]);
      }
    },
  );

  it.each(['ru', 'zh'] as const)(
    'the daily report in %s has no English word but ids and units',
    (language) => {
      const mail = composeReportMail(
        {
          containerId: 'CONT-02',
          isoNumber: 'HPHU1234560',
          profile: CARGO_PROFILES['pharma-2-8']!,
          day: '2026-01-19',
          temperature: { count: 21, min: 3.1, max: 9.4, mean: 5.25, outOfRangeMs: 70 * 60_000 },
          humidity: { count: 3, min: 40, max: 60, mean: 50, outOfRangeMs: 0 },
          mktC: 8.61,
        },
        person(language),
        URL,
      );
      expect(latinWords(mail)).toEqual([]);
    },
  );

  it('the Russian report counts its readings with the plural the number asks for', () => {
    const report = (count: number) =>
      composeReportMail(
        {
          containerId: 'CONT-02',
          isoNumber: 'HPHU1234560',
          profile: CARGO_PROFILES.general!,
          day: '2026-01-19',
          temperature: { count, min: 1, max: 2, mean: 1.5, outOfRangeMs: 0 },
        },
        person('ru'),
        URL,
      ).text;
    expect(report(21)).toContain('21 показание');
    expect(report(3)).toContain('3 показания');
    expect(report(144)).toContain('144 показания');
    expect(report(11)).toContain('11 показаний');
  });

  it('the reading row names the quantity and writes the number for the reader', () => {
    const text = (language: Language) =>
      composeAlertMail({ transition: 'firing', alert }, person(language), URL).text;
    expect(text('ru')).toContain('Показание: удар 3,4 g');
    expect(text('zh')).toContain('读数: 冲击 3.4 g');
    expect(text('en')).toContain('Reading: shock 3.4 g');
  });

  it.each(Object.keys(METRICS))('metric %s has a name in English, Russian and Chinese', (metric) => {
    expect(new Set(LANGUAGES.map((language) => METRIC_NAMES[metric]?.[language])).size).toBe(3);
  });
});

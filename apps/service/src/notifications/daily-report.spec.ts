import { CARGO_PROFILES, meanKineticTemperatureC } from '@jct/rules';
import type { Person } from '@jct/site-config';
import {
  composeReportMail,
  dailyMkt,
  MAX_SAMPLE_SPAN_MS,
  summarise,
  type ShipmentReport,
} from './daily-report';

const MIN = 60_000;
const T0 = Date.parse('2026-01-19T15:00:00Z');
const every10min = (values: number[]) => values.map((value, i) => ({ ts: T0 + i * 10 * MIN, value }));

describe('daily condition summary', () => {
  it('no readings: no summary', () => {
    expect(summarise([], { min: 2, max: 8 }, T0 + 1440 * MIN)).toBeUndefined();
  });

  it('min, max and a time-weighted mean', () => {
    // 5 °C for 20 minutes, then 11 °C for 10 minutes: the mean weighs by time.
    const samples = [
      { ts: T0, value: 5 },
      { ts: T0 + 20 * MIN, value: 11 },
    ];
    const summary = summarise(samples, undefined, T0 + 30 * MIN)!;
    expect(summary).toMatchObject({ count: 2, min: 5, max: 11 });
    expect(summary.mean).toBeCloseTo(7, 10);
  });

  it('time out of range counts how long each reading outside the limits stood', () => {
    // 2–8 °C: the 9 and 10 readings stand 10 minutes each; limits are inclusive (8 is in range).
    const summary = summarise(every10min([5, 9, 10, 8, 5]), { min: 2, max: 8 }, T0 + 50 * MIN)!;
    expect(summary.outOfRangeMs).toBe(20 * MIN);
  });

  it('a silent tracker’s gap is not counted beyond 30 minutes', () => {
    const samples = [
      { ts: T0, value: 12 },
      { ts: T0 + 5 * 60 * MIN, value: 5 },
    ];
    expect(summarise(samples, { max: 8 }, T0 + 6 * 60 * MIN)!.outOfRangeMs).toBe(MAX_SAMPLE_SPAN_MS);
  });

  it('the order of the readings does not matter', () => {
    const samples = every10min([5, 9, 10, 8, 5]);
    expect(summarise([...samples].reverse(), { max: 8 }, T0 + 50 * MIN)).toEqual(
      summarise(samples, { max: 8 }, T0 + 50 * MIN),
    );
  });

  it('MKT is taken over 10-minute means, so a burst of readings is one sample', () => {
    const burst = [0, 1, 2, 3].map((s) => ({ ts: T0 + s * 1000, value: 20 }));
    const rest = [{ ts: T0 + 10 * MIN, value: 4 }];
    expect(dailyMkt([...burst, ...rest])).toBeCloseTo(meanKineticTemperatureC([20, 4]), 10);
    expect(dailyMkt([])).toBeUndefined();
  });
});

describe('daily report e-mail', () => {
  const person = (language: Person['language']): Person => ({
    id: 'owner-pharma',
    role: 'cargo-owner',
    name: 'QA',
    email: 'qa@harbin-pharma.example',
    language,
    timezone: 'Asia/Shanghai',
    owner: 'harbin-pharma',
  });
  const report: ShipmentReport = {
    containerId: 'CONT-03',
    isoNumber: 'HPHU1234560',
    profile: CARGO_PROFILES['pharma-2-8'],
    day: '2026-01-19',
    temperature: { count: 144, min: 3.1, max: 9.4, mean: 5.25, outOfRangeMs: 70 * MIN },
    mktC: 8.61,
  };

  it('in English: the limits, the figures with units, time out of range and MKT against its limit', () => {
    const mail = composeReportMail(report, person('en'), 'https://jct.example');
    expect(mail.subject).toBe('Daily condition report: HPHU1234560 — 2026-01-19');
    expect(mail.text).toContain(
      'Temperature (limits 2…8 °C): min 3.1, max 9.4, mean 5.3 °C; out of range 1 h 10 min; 144 readings',
    );
    expect(mail.text).toContain('Mean kinetic temperature: 8.61 °C — ABOVE the limit (≤ 8 °C)');
  });

  it('in Chinese, and a missing day of humidity says so rather than showing zeros', () => {
    const mail = composeReportMail(
      { ...report, profile: CARGO_PROFILES['fresh-produce'] },
      person('zh'),
      'https://jct.example',
    );
    expect(mail.subject).toBe('每日货物状况报告: HPHU1234560 — 2026-01-19');
    expect(mail.text).toContain('湿度 (限值 90…95 %): 无读数');
  });

  it.each([
    ['en', 'Forecast (advice): at the temperature limit in 45 min; battery lasts 20 h (arrival in 30 h)'],
    [
      'ru',
      'Прогноз (рекомендация): предел температуры через 45 минут; батареи хватит на 20 часов (прибытие через 30 часов)',
    ],
    ['zh', '预报（建议）: 距温度限值 45 分钟; 电池可用 20 小时 (距到达 30 小时)'],
  ] as const)('the forecast’s outlook in %s, as advice', (language, row) => {
    const outlook = { minutesToLimit: 45, batteryHoursLeft: 20, hoursToArrival: 30 };
    expect(composeReportMail({ ...report, outlook }, person(language), 'https://jct.example').text).toContain(
      row,
    );
  });

  it('no outlook row when the forecast has nothing to say', () => {
    expect(
      composeReportMail({ ...report, outlook: {} }, person('en'), 'https://jct.example').text,
    ).not.toContain('Forecast');
  });

  it('in Russian', () => {
    expect(composeReportMail(report, person('ru'), 'https://jct.example').text).toContain(
      'Температура (пределы 2…8 °C)',
    );
  });
});

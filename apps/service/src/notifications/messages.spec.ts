import { reason } from '@jct/rules';
import type { Person } from '@jct/site-config';
import type { Alert } from '../alerts/alert';
import { composeAlertMail } from './messages';

const alert: Alert = {
  id: '6c1f3a52-2d7e-4f57-9a43-0b8f3e6a9d10',
  ruleId: 'cargo.temp-high',
  subjectId: 'CONT-02',
  subjectType: 'container',
  severity: 'major',
  state: 'firing',
  reason: 'container HEFU1234567: 6.2 °C above the 4 °C limit for 10 min',
  trigger: { deviceId: 'CONT-02', metric: 'tempC', value: 6.2, ts: '2026-01-20T03:00:00.000Z' },
  breachSince: '2026-01-20T02:50:00.000Z',
  firedAt: '2026-01-20T03:00:00.000Z',
};
const person = (language: Person['language'], timezone: string): Person => ({
  id: 'p',
  role: 'cargo-owner',
  name: 'P',
  email: 'p@example.org',
  language,
  timezone,
  owner: 'heihe-fresh',
});

describe('alert e-mail content', () => {
  it('in Russian, Yakutsk time: severity and rule in the subject, the reading with its unit', () => {
    const mail = composeAlertMail(
      { transition: 'firing', alert },
      person('ru', 'Asia/Yakutsk'),
      'https://jct.example/',
    );
    expect(mail.subject).toBe('[ВАЖНО] Тревога: CONT-02 — температура груза выше нормы');
    expect(mail.text).toContain('Показание: температура 6,2 °C');
    expect(mail.text).toMatch(/Время: .*12:00 \(Asia\/Yakutsk\)/);
    expect(mail.text).toContain(
      'https://jct.example/dashboard/shipments.html#alert-6c1f3a52-2d7e-4f57-9a43-0b8f3e6a9d10',
    );
  });

  it('in Chinese, Shanghai time, a resolve notice says how long it lasted', () => {
    const resolved: Alert = { ...alert, state: 'resolved', resolvedAt: '2026-01-20T03:42:00.000Z' };
    const mail = composeAlertMail(
      { transition: 'resolved', alert: resolved },
      person('zh', 'Asia/Shanghai'),
      'https://x',
    );
    expect(mail.subject).toBe('[重要] 已解除: CONT-02 — 货物温度过高 — 恢复正常，持续 52 分钟');
  });

  it('the time is the reading’s; a reading received a minute or more late also says when it arrived', () => {
    const onTime = { ...alert, firedRecordedAt: '2026-01-20T03:00:02.000Z' };
    const late = { ...alert, firedRecordedAt: '2026-01-20T05:30:00.000Z' };
    const en = person('en', 'UTC');
    expect(composeAlertMail({ transition: 'firing', alert: onTime }, en, 'https://x').text).not.toContain(
      'Received by the service',
    );
    const mail = composeAlertMail({ transition: 'firing', alert: late }, en, 'https://x');
    expect(mail.text).toMatch(/Time: .*03:00 \(UTC\)/);
    expect(mail.text).toMatch(/Received by the service: .*05:30 \(UTC\)/);
  });

  it('a crossing alert links to the crossing page of the dashboard', () => {
    const ice: Alert = { ...alert, ruleId: 'ice.crack', subjectId: 'ICE-2', subjectType: 'station' };
    expect(
      composeAlertMail({ transition: 'firing', alert: ice }, person('en', 'UTC'), 'https://x').html,
    ).toContain(`href="https://x/dashboard/#alert-${alert.id}"`);
  });

  it('HTML escapes what it quotes', () => {
    const mail = composeAlertMail(
      { transition: 'firing', alert: { ...alert, reason: '<script>x</script>' } },
      person('en', 'UTC'),
      'https://x',
    );
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
  });
});

describe('alert e-mail reasons', () => {
  const cause = reason('cargo.shock', {
    subject: 'container HEFU1234567',
    shockG: 3.4,
    limitG: 2,
    profile: 'equipment',
    breached: true,
  });

  it('a reason kept as data is written in the reader’s language', () => {
    const russian = composeAlertMail(
      { transition: 'firing', alert: { ...alert, cause } },
      person('ru', 'Asia/Yakutsk'),
      'https://x',
    );
    expect(russian.text).toContain(
      'Подробности: контейнер HEFU1234567: удар 3,4 g, выше предела 2 g для груза «промышленное оборудование»',
    );
    const english = composeAlertMail(
      { transition: 'firing', alert: { ...alert, cause } },
      person('en', 'UTC'),
      'https://x',
    );
    expect(english.text).toContain(
      'Details: container HEFU1234567: shock 3.4 g, above the 2 g limit of equipment',
    );
  });

  it('an alert logged before reasons were data keeps its English sentence', () => {
    const mail = composeAlertMail(
      { transition: 'firing', alert },
      person('zh', 'Asia/Shanghai'),
      'https://x',
    );
    expect(mail.text).toContain(`详情: ${alert.reason}`);
  });
});

import { composeGroupMail, messageIdFor } from './group-mail';
import type { Delivery } from './outbox';

const delivery = (key: string, severity: Delivery['severity'], createdAt: string): Delivery => ({
  key,
  personId: 'op-jalinda',
  to: 'operator.jalinda@example.ru',
  language: 'ru',
  severity,
  subject: `[${severity}] ${key}`,
  text: `text of ${key}\n`,
  html: `<!doctype html><html lang="ru"><body><h2>${key}</h2></body></html>`,
  status: 'queued',
  attempts: 0,
  createdAt,
  nextAttemptAt: 0,
});

describe('grouped e-mail', () => {
  const warning = delivery('ICE-1', 'warning', '2026-01-20T03:00:00.000Z');
  const critical = delivery('ICE-2', 'critical', '2026-01-20T03:00:05.000Z');
  const major = delivery('ICE-3', 'major', '2026-01-20T03:00:01.000Z');

  it('a single piece of news goes out as it was composed', () => {
    expect(composeGroupMail([warning])).toEqual({
      subject: warning.subject,
      text: warning.text,
      html: warning.html,
    });
  });

  it('several: the subject is the most severe one and how many more, in the person’s language', () => {
    expect(composeGroupMail([warning, critical, major]).subject).toBe('[critical] ICE-2 (и ещё 2)');
  });

  it('the body carries every piece whole, most severe first', () => {
    const mail = composeGroupMail([warning, critical, major]);
    expect(mail.text.indexOf('ICE-2')).toBeLessThan(mail.text.indexOf('ICE-3'));
    expect(mail.text.indexOf('ICE-3')).toBeLessThan(mail.text.indexOf('ICE-1'));
    expect(mail.text).toMatch(/^Сводка \(3\)/);
    expect(mail.html.match(/<h2>/g)).toHaveLength(3);
    expect(mail.html.match(/<body>/g)).toHaveLength(1);
  });

  it('the Message-ID depends on what the mail carries, not on the order', () => {
    expect(messageIdFor([warning, critical])).toBe(messageIdFor([critical, warning]));
    expect(messageIdFor([warning, critical])).not.toBe(messageIdFor([warning, major]));
    expect(messageIdFor([warning])).toBe('<ICE-1@jalinda-crossing>');
  });
});

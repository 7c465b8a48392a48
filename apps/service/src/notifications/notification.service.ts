import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { join } from 'node:path';
import type { Subscription } from 'rxjs';
import type { AlertEvent } from '../alerts/alert';
import { AlertEngine } from '../alerts/alert-engine.service';
import { AlertStore } from '../alerts/alert-store';
import { AppConfig } from '../config/app-config';
import { SiteRegistry } from '../site/site-registry';
import { Mailer, PermanentMailError } from './mailer';
import { composeAlertMail } from './messages';
import { Outbox } from './outbox';
import { recipientsFor } from './routing';

const FIRST_RETRY_MS = 5_000;

/**
 * Alert transitions → e-mail, once, to the right people (issue #4): routed by role and owner,
 * composed in each person's language and time zone, queued in the durable outbox, and sent with
 * retries and backoff across SMTP outages and restarts. Acknowledgements are not mailed.
 */
@Injectable()
export class NotificationService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  readonly outbox: Outbox;
  private readonly mailer: Mailer;
  private subscription?: Subscription;
  private sending = false;

  constructor(
    private readonly config: AppConfig,
    private readonly site: SiteRegistry,
    private readonly engine: AlertEngine,
    private readonly alerts: AlertStore,
    private readonly scheduler: SchedulerRegistry,
  ) {
    this.outbox = new Outbox(join(config.dataDir, 'outbox'));
    this.mailer = new Mailer({
      smtpUrl: config.mail.smtpUrl,
      from: config.mail.from,
      mailDir: join(config.dataDir, 'mail'),
    });
  }

  onModuleInit(): void {
    this.outbox.open();
    this.subscription = this.engine.events$.subscribe((event) => this.enqueue(event));
    this.scheduler.addInterval(
      'notifications',
      setInterval(() => void this.sendDue(), 1000),
    );
    if (this.config.mail.repeatMs > 0) {
      const every = Math.min(10_000, this.config.mail.repeatMs);
      this.scheduler.addInterval(
        'notification-reminders',
        setInterval(() => this.remind(), every),
      );
    }
    this.logger.log(`e-mail through ${this.mailer.description}`);
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
    this.mailer.close();
    this.outbox.close();
  }

  private enqueue(event: AlertEvent): void {
    if (event.transition === 'acknowledged') return;
    const { alert } = event;
    const at =
      event.transition === 'firing'
        ? alert.firedAt
        : event.transition === 'escalated'
          ? alert.escalatedAt
          : alert.resolvedAt;
    for (const person of recipientsFor(alert, this.site.config)) {
      const mail = composeAlertMail(event, person, this.config.mail.publicUrl);
      this.outbox.enqueue({
        key: `${alert.id}:${event.transition}:${at}:${person.id}`,
        alertId: alert.id,
        personId: person.id,
        to: person.email,
        ...mail,
      });
    }
    void this.sendDue();
  }

  /**
   * Critical alerts still firing and not acknowledged are mailed again every NOTIFY_REPEAT_SECONDS
   * (issue #4). The key names the repeat's number, so each reminder goes once.
   */
  remind(now = Date.now()): void {
    const every = this.config.mail.repeatMs;
    for (const alert of this.alerts.list({ state: 'firing', severity: 'critical' })) {
      const round = Math.floor((now - Date.parse(alert.firedAt)) / every);
      if (round < 1) continue;
      for (const person of recipientsFor(alert, this.site.config)) {
        const mail = composeAlertMail(
          { transition: 'firing', alert },
          person,
          this.config.mail.publicUrl,
          true,
        );
        this.outbox.enqueue({
          key: `${alert.id}:reminder-${round}:${person.id}`,
          alertId: alert.id,
          personId: person.id,
          to: person.email,
          ...mail,
        });
      }
    }
    void this.sendDue();
  }

  /** Sends what is due, one at a time; never two loops at once. */
  async sendDue(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      for (const delivery of this.outbox.due()) {
        try {
          await this.mailer.send({
            to: delivery.to,
            subject: delivery.subject,
            text: delivery.text,
            html: delivery.html,
            messageId: `<${delivery.key.replace(/[^A-Za-z0-9.:-]/g, '')}@jalinda-crossing>`,
          });
          this.outbox.markSent(delivery.key);
        } catch (error) {
          const message = (error as Error).message;
          if (error instanceof PermanentMailError) {
            this.outbox.markFailed(delivery.key, message);
            this.logger.error(`mail to ${delivery.to} refused for good: ${message}`);
            continue;
          }
          const retryIn = Math.min(FIRST_RETRY_MS * 2 ** delivery.attempts, this.config.mail.retryMaxMs);
          this.outbox.markRetry(delivery.key, message, retryIn);
          if (delivery.attempts === 0)
            this.logger.warn(`mail to ${delivery.to} not sent (${message}); retrying with backoff`);
          break; // the server is likely down for everyone: wait for the next round
        }
      }
    } finally {
      this.sending = false;
    }
  }
}

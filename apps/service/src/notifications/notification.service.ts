import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { join } from 'node:path';
import type { Subscription } from 'rxjs';
import type { AlertEvent } from '../alerts/alert';
import { AlertEngine } from '../alerts/alert-engine.service';
import { AlertStore } from '../alerts/alert-store';
import { LeadershipService } from '../leadership/leadership.service';
import { Clock, type Timer } from '../clock/clock';
import { AppConfig } from '../config/app-config';
import { ShipmentBook } from '../shipments/shipment-book';
import { SiteRegistry } from '../site/site-registry';
import { Silences } from '../silences/silences.service';
import { silenceEnd } from '@jct/rules';
import type { Person } from '@jct/site-config';
import { composeGroupMail, messageIdFor } from './group-mail';
import { Mailer, PermanentMailError } from './mailer';
import { composeAlertMail, type Mail } from './messages';
import { WriteHealth } from '../storage/write-health';
import { Outbox, type Delivery } from './outbox';
import { recipientsFor } from './routing';

const FIRST_RETRY_MS = 5_000;
/** How far back the start-up catch-up looks for transitions the outbox may have missed. */
const CATCH_UP_MS = 3_600_000;
const SHUTDOWN_WAIT_MS = 5_000;

/** The transition's time (device time of its reading): part of the outbox key. */
function transitionTime({ transition, alert }: AlertEvent): string | undefined {
  if (transition === 'firing') return alert.firedAt;
  if (transition === 'escalated') return alert.escalatedAt;
  if (transition === 'resolved') return alert.resolvedAt;
  return undefined;
}

/** When the service recorded the transition; alerts logged before that was kept: the transition's time. */
function recordedTime(event: AlertEvent): string | undefined {
  const { transition, alert } = event;
  if (transition === 'firing') return alert.firedRecordedAt ?? alert.firedAt;
  if (transition === 'escalated') return alert.escalatedRecordedAt ?? alert.escalatedAt;
  if (transition === 'resolved') return alert.resolvedRecordedAt ?? alert.resolvedAt;
  return undefined;
}

/**
 * Alert transitions → e-mail, once, to the right people: routed by role and owner,
 * composed in each person's language and time zone, queued in the durable outbox, grouped per
 * person within NOTIFY_GROUP_SECONDS, and sent with retries and backoff across SMTP outages and
 * restarts. Acknowledgements are not mailed.
 */
@Injectable()
export class NotificationService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  readonly outbox: Outbox;
  private readonly mailer: Mailer;
  private subscription?: Subscription;
  private loop?: Promise<void>;
  private closing = false;
  private timers: Timer[] = [];

  constructor(
    private readonly config: AppConfig,
    private readonly site: SiteRegistry,
    private readonly engine: AlertEngine,
    private readonly alerts: AlertStore,
    private readonly book: ShipmentBook,
    private readonly clock: Clock,
    health: WriteHealth,
    private readonly leadership: LeadershipService,
    private readonly silences: Silences,
  ) {
    this.outbox = new Outbox(join(config.dataDir, 'outbox'), health);
    this.mailer = new Mailer({
      smtpUrl: config.mail.smtpUrl,
      from: config.mail.from,
      mailDir: join(config.dataDir, 'mail'),
    });
  }

  onModuleInit(): void {
    this.outbox.open();
    this.catchUp();
    this.subscription = this.engine.events$.subscribe((event) => this.enqueue(event));
    // A round every second sends what fell due: the end of a group window, a retry's time.
    this.timers.push(this.clock.every(1000, () => this.sendDue()));
    this.timers.push(this.clock.every(1000, () => this.mailEndedSilences()));
    if (this.config.mail.repeatMs > 0) {
      const every = Math.min(10_000, this.config.mail.repeatMs);
      this.timers.push(this.clock.every(every, () => this.remind()));
    }
    this.logger.log(`e-mail through ${this.mailer.description}`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscription?.unsubscribe();
    for (const timer of this.timers) timer.cancel();
    this.closing = true;
    // An e-mail in flight finishes and is recorded before the outbox closes — within reason: a
    // server that hangs leaves the delivery queued, to be sent again (same Message-ID) at start.
    await Promise.race([this.loop, new Promise((resolve) => setTimeout(resolve, SHUTDOWN_WAIT_MS).unref())]);
    this.mailer.close();
    this.outbox.close();
  }

  /** A shipment's alert goes to its owner's people only, whichever container the tracker is on now. */
  private recipients(alert: AlertEvent['alert']): Person[] {
    const owner = alert.shipmentId !== undefined ? this.book.get(alert.shipmentId)?.owner : undefined;
    return recipientsFor(alert, this.site.config, owner);
  }

  private enqueue(event: AlertEvent): void {
    if (event.transition === 'acknowledged') return;
    this.queueTransition(event);
    void this.sendDue();
  }

  private queueTransition(event: AlertEvent): void {
    const { alert } = event;
    // A silenced alert is recorded and shown, not mailed: neither its firing nor its resolving.
    if (this.silences.silenceFor(alert)) return;
    const at = transitionTime(event);
    for (const person of this.recipients(alert)) {
      this.queue(person, `${alert.id}:${event.transition}:${at}:${person.id}`, {
        alertId: alert.id,
        severity: alert.severity,
        ...composeAlertMail(event, person, this.config.mail.publicUrl),
      });
    }
  }

  /**
   * The alert log and the outbox are two files: a crash between writing a transition to the first
   * and its deliveries to the second would lose the mail. At start, every transition of the last
   * CATCH_UP_MS is queued again; the keys make that a no-op for all that were queued before.
   */
  private catchUp(now = this.clock.now()): void {
    for (const alert of this.alerts.list({ limit: Number.MAX_SAFE_INTEGER })) {
      const transitions: AlertEvent['transition'][] = ['firing', 'escalated', 'resolved'];
      for (const transition of transitions) {
        // On the service clock: a buffered batch may fire an alert whose reading is hours old.
        const recorded = recordedTime({ transition, alert });
        if (recorded !== undefined && now - Date.parse(recorded) <= CATCH_UP_MS)
          this.queueTransition({ transition, alert });
      }
    }
  }

  /**
   * Queues one piece of news for one person unless its key was queued before (then it returns
   * false): the key is what makes every piece go out once, across restarts.
   */
  queue(person: Person, key: string, news: Mail & Pick<Delivery, 'alertId' | 'severity'>): boolean {
    return this.outbox.enqueue(
      { key, personId: person.id, to: person.email, language: person.language, ...news },
      this.clock.now(),
      this.config.mail.groupMs,
    );
  }

  /**
   * Critical alerts still firing and not acknowledged are mailed again every NOTIFY_REPEAT_SECONDS.
   * The key names the repeat's number, so each reminder goes once.
   */
  remind(now = this.clock.now()): Promise<void> {
    const every = this.config.mail.repeatMs;
    for (const alert of this.alerts.list({ state: 'firing', severity: 'critical' })) {
      if (this.silences.silenceFor(alert, now)) continue;
      // Reminders run on the service clock, from when the service recorded the firing — or from
      // the end of a silence that held it since, whose end mailed it already.
      const fired = Date.parse(alert.firedRecordedAt ?? alert.firedAt);
      const silence = this.silences.lastEndedOver(alert, now);
      const from = silence && silenceEnd(silence) > fired ? silence : undefined;
      const round = Math.floor((now - (from ? silenceEnd(from) : fired)) / every);
      if (round < 1) continue;
      const key = from ? `after-silence-${from.id}-reminder-${round}` : `reminder-${round}`;
      for (const person of this.recipients(alert)) {
        this.queue(person, `${alert.id}:${key}:${person.id}`, {
          alertId: alert.id,
          severity: alert.severity,
          ...composeAlertMail({ transition: 'firing', alert }, person, this.config.mail.publicUrl, true),
        });
      }
    }
    return this.sendDue();
  }

  /**
   * When a silence ends — by itself or expired by a person — every alert it held that still fires
   * (and no other silence holds) is mailed once: the people it spared learn the alert outlived
   * the silence. Once, with the alert as it is now, rather than a replay of each withheld mail;
   * the key names the silence, so a restart does not repeat it.
   */
  async mailEndedSilences(now = this.clock.now()): Promise<void> {
    let ended;
    try {
      ended = await this.silences.newlyEnded(now, CATCH_UP_MS);
    } catch (error) {
      this.logger.warn(`silences not checked (${(error as Error).message}); trying again`);
      return;
    }
    if (ended.length === 0) return;
    for (const alert of this.alerts.list({ state: 'firing' })) {
      // Held: the silence covers it and was still on when it fired (or after).
      const fired = Date.parse(alert.firedRecordedAt ?? alert.firedAt);
      const held = ended.filter(
        (silence) => this.silences.covers(silence, alert) && silenceEnd(silence) > fired,
      );
      if (held.length === 0 || this.silences.silenceFor(alert, now)) continue;
      for (const person of recipientsFor(alert, this.site.config)) {
        this.queue(person, `${alert.id}:after-silence-${held[0]!.id}:${person.id}`, {
          alertId: alert.id,
          severity: alert.severity,
          ...composeAlertMail({ transition: 'firing', alert }, person, this.config.mail.publicUrl),
        });
      }
    }
    await this.sendDue();
  }

  /** Sends what is due, one e-mail per person's group at a time; never two loops at once. */
  sendDue(): Promise<void> {
    if (this.loop || this.closing) return this.loop ?? Promise.resolve();
    this.loop = this.sendGroups().finally(() => (this.loop = undefined));
    return this.loop;
  }

  private async sendGroups(): Promise<void> {
    for (const group of this.outbox.dueGroups(this.clock.now())) {
      // Only the leader sends; asked before every e-mail, as the answer can change mid-round.
      if (this.closing || !this.leadership.isLeader()) return;
      const keys = group.map((d) => d.key);
      const messageId = messageIdFor(group);
      const { to, attempts } = group[0];
      try {
        await this.mailer.send({ to, messageId, ...composeGroupMail(group) });
        this.outbox.markSent(keys, messageId, this.clock.now());
      } catch (error) {
        const message = (error as Error).message;
        if (error instanceof PermanentMailError) {
          this.outbox.markFailed(keys, message);
          this.logger.error(`mail to ${to} refused for good: ${message}`);
          continue;
        }
        const tries = Math.max(...group.map((d) => d.attempts));
        const retryIn = Math.min(FIRST_RETRY_MS * 2 ** tries, this.config.mail.retryMaxMs);
        this.outbox.markRetry(keys, message, retryIn, this.clock.now());
        if (attempts === 0) this.logger.warn(`mail to ${to} not sent (${message}); retrying with backoff`);
        return; // the server is likely down for everyone: wait for the next round
      }
    }
  }
}

import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Language } from '@jct/rules';
import { CallerScope } from '../auth/caller-scope';
import { Clock } from '../clock/clock';
import type { Caller } from '../auth/caller';
import type { Alert } from './alert';
import { AlertComments, type AlertComment } from './alert-comments';
import { AlertEngine } from './alert-engine.service';
import { Silences } from '../silences/silences.service';
import { AlertStore, type AlertQuery } from './alert-store';
import { alertInLanguage } from './alert-text';

export type ShownAlert = Alert & { silenced: boolean; silenceId?: string };

/**
 * Alerts as a caller may see them: every method takes the caller, and an alert outside
 * the caller's scope is "not found", exactly like one that does not exist.
 */
@Injectable()
export class AlertViews {
  constructor(
    private readonly store: AlertStore,
    private readonly engine: AlertEngine,
    private readonly comments: AlertComments,
    private readonly scope: CallerScope,
    private readonly clock: Clock,
    private readonly silences: Silences,
  ) {}

  /** Sentences (`reason`, `resolveReason`) in `language`: see http/reader-language.ts. */
  list(caller: Caller, query: AlertQuery, language: Language = 'en'): ShownAlert[] {
    return this.store
      .list({ ...query, visible: (alert) => this.scope.canSeeAlert(caller, alert) })
      .map((alert) => this.shown(alert, language));
  }

  view(caller: Caller, id: string, language: Language): ShownAlert {
    return this.shown(this.get(caller, id), language);
  }

  /**
   * An alert as the API shows it: its sentences in the reader's language, and whether a silence
   * holds its mails now (a silenced alert is still evaluated, recorded and shown).
   */
  private shown(alert: Alert, language: Language): ShownAlert {
    const silence = alert.state === 'resolved' ? undefined : this.silences.silenceFor(alert);
    return { ...alertInLanguage(alert, language), silenced: silence !== undefined, silenceId: silence?.id };
  }

  get(caller: Caller, id: string): Alert {
    const alert = this.store.get(id);
    if (!alert || !this.scope.canSeeAlert(caller, alert)) throw new NotFoundException(`no alert "${id}"`);
    return alert;
  }

  /** The acknowledgement is recorded under the key's person, not a name the client sends. */
  acknowledge(caller: Caller, id: string, language: Language = 'en'): ShownAlert {
    const alert = this.get(caller, id);
    if (alert.state !== 'firing')
      throw new ConflictException(`alert "${id}" is ${alert.state}; only a firing alert can be acknowledged`);
    return this.shown(this.engine.acknowledge(id, caller.personId)!.alert, language);
  }

  commentsOf(caller: Caller, id: string): AlertComment[] {
    this.get(caller, id);
    return this.comments.of(id);
  }

  comment(caller: Caller, id: string, text: string): AlertComment {
    this.get(caller, id);
    return this.comments.add({
      alertId: id,
      by: caller.personId,
      at: new Date(this.clock.now()).toISOString(),
      text,
    });
  }
}

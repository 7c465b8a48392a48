import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Language } from '@jct/rules';
import { CallerScope } from '../auth/caller-scope';
import { Clock } from '../clock/clock';
import type { Caller } from '../auth/caller';
import type { Alert } from './alert';
import { AlertComments, type AlertComment } from './alert-comments';
import { AlertEngine } from './alert-engine.service';
import { AlertStore, type AlertQuery } from './alert-store';
import { alertInLanguage } from './alert-text';

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
  ) {}

  /** Sentences (`reason`, `resolveReason`) in `language`: see http/reader-language.ts. */
  list(caller: Caller, query: AlertQuery, language: Language = 'en'): Alert[] {
    return this.store
      .list({ ...query, visible: (alert) => this.scope.canSeeAlert(caller, alert) })
      .map((alert) => alertInLanguage(alert, language));
  }

  view(caller: Caller, id: string, language: Language): Alert {
    return alertInLanguage(this.get(caller, id), language);
  }

  get(caller: Caller, id: string): Alert {
    const alert = this.store.get(id);
    if (!alert || !this.scope.canSeeAlert(caller, alert)) throw new NotFoundException(`no alert "${id}"`);
    return alert;
  }

  /** The acknowledgement is recorded under the key's person, not a name the client sends. */
  acknowledge(caller: Caller, id: string, language: Language = 'en'): Alert {
    const alert = this.get(caller, id);
    if (alert.state !== 'firing')
      throw new ConflictException(`alert "${id}" is ${alert.state}; only a firing alert can be acknowledged`);
    return alertInLanguage(this.engine.acknowledge(id, caller.personId)!.alert, language);
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

import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readNdjson } from '../ndjson-file';

export interface AlertComment {
  alertId: string;
  by: string;
  at: string;
  text: string;
}

/** Comments on alerts, appended to DATA_DIR/alerts/comments.ndjson (one JSON line each). */
export class AlertComments {
  private readonly file: string;
  private readonly byAlert = new Map<string, AlertComment[]>();

  constructor(directory: string) {
    mkdirSync(directory, { recursive: true });
    this.file = join(directory, 'comments.ndjson');
    // A torn last line after a crash is skipped: that comment was never acknowledged to its author.
    for (const comment of readNdjson<AlertComment>(this.file)) this.remember(comment);
  }

  add(comment: AlertComment): AlertComment {
    appendFileSync(this.file, `${JSON.stringify(comment)}\n`);
    this.remember(comment);
    return comment;
  }

  of(alertId: string): AlertComment[] {
    return this.byAlert.get(alertId) ?? [];
  }

  private remember(comment: AlertComment): void {
    const list = this.byAlert.get(comment.alertId) ?? [];
    list.push(comment);
    this.byAlert.set(comment.alertId, list);
  }
}

import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

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
    let text = '';
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        this.remember(JSON.parse(line) as AlertComment);
      } catch {
        // A torn last line after a crash: the comment was never acknowledged to its author.
      }
    }
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

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppendOnlyFile } from '../append-only-file';
import type { WriteHealth } from '../storage/write-health';
import { readNdjson } from '../ndjson-file';

export interface AlertComment {
  alertId: string;
  by: string;
  at: string;
  text: string;
}

/** Comments on alerts, appended to DATA_DIR/alerts/comments.ndjson (one JSON line each). */
export class AlertComments {
  private readonly file: AppendOnlyFile;
  private readonly byAlert = new Map<string, AlertComment[]>();

  constructor(directory: string, health?: WriteHealth) {
    mkdirSync(directory, { recursive: true });
    const path = join(directory, 'comments.ndjson');
    // A torn last line after a crash is skipped: that comment was never acknowledged to its author.
    for (const comment of readNdjson<AlertComment>(path)) this.remember(comment);
    // A comment that cannot be written is refused (the request fails), not kept in memory only.
    this.file = new AppendOnlyFile(path, { syncEach: false, keepUnwritten: false, health });
    this.file.open();
  }

  add(comment: AlertComment): AlertComment {
    this.file.append(`${JSON.stringify(comment)}\n`);
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

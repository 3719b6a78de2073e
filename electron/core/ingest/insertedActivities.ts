import type { Activity } from '../../../shared/domain/entities';

/**
 * The activities a batch inserted (not the ones it updated), with their rowids, so services that
 * react to the batch can take new rows from memory instead of reading them back.
 */
export class InsertedActivities {
  readonly rows: Activity[] = [];
  firstRowid = 0;
  lastRowid = 0;
  /** False once a row arrived out of rowid order (SQLite reused a rowid after a delete). */
  private ascending = true;

  add(activity: Activity, rowid: number): void {
    if (this.rows.length === 0) this.firstRowid = rowid;
    else if (rowid !== this.lastRowid + 1) this.ascending = false;
    this.lastRowid = rowid;
    this.rows.push(activity);
  }

  /** True when these rows are exactly the table's rows with rowid in `(afterRowid, upToRowid]`. */
  coversExactly(afterRowid: number, upToRowid: number): boolean {
    return this.ascending && this.rows.length > 0 && this.firstRowid === afterRowid + 1 && this.lastRowid === upToRowid;
  }
}

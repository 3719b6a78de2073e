import type Database from 'better-sqlite3';
import type { AlertPriority, AlertType } from '../../../shared/domain/alerts';
import type { CrmActionType } from '../../../shared/domain/crmActions';
import type { TimelineBase, TimelineRow } from '../alerts/supporterTimeline';

/** An alert as stored (times in epoch ms). */
export interface AlertRecord {
  id: string;
  dedupeKey: string;
  type: AlertType;
  supporterId: string;
  priority: AlertPriority;
  suggestedAction: CrmActionType;
  detail: string;
  conversionProbability: number;
  estimatedRevenue: number;
  timeWindow: string;
  triggerActivityId: string | null;
  createdAt: number;
  expiresAt: number | null;
  evaluatedAt: number;
  notified: number;
  readAt: number | null;
  dismissedAt: number | null;
  actedAt: number | null;
  actionId: string | null;
}

/** An activity alert evaluation has not judged yet. */
export interface UnjudgedActivity extends TimelineRow {
  supporterId: string;
}

/** A page of activity inserted after the watermark, in change-sequence order. */
export interface NewActivityPage {
  rows: UnjudgedActivity[];
  /** The highest change sequence number read (`activities.seq`); the next page starts after it. */
  lastRowid: number;
}

export interface AlertSupporterFacts {
  id: string;
  handle: string;
  fanClubTier: string | null;
  fanClubActive: boolean;
  fanClubRenewsAt: number | null;
}

export interface AlertListFilter {
  now: number;
  includeAll: boolean;
  unreadOnly: boolean;
  supporterId: string | null;
  limit: number;
}

type TimelineSqlRow = Omit<TimelineRow, 'online'> & { online: number | null };
type UnjudgedSqlRow = TimelineSqlRow & { seq: number; supporterId: string };
type BaseSqlRow = { spendTokens: number | null; gifts: number | null; firstPurchaseAt: number | null; lastInitiatedAt: number | null; lastMatchAt: number | null };
type SupporterSqlRow = { id: string; handle: string; fanClubTier: string | null; fanClubActive: number | null; fanClubRenewsAt: number | null };

const SPEND = "type NOT IN ('creator_message', 'presence')";
const INITIATED = "(type <> 'creator_message' AND (type <> 'presence' OR online = 1))";

/**
 * Smart alerts and what alert evaluation reads from raw data (SPEC §8). Rows never hold identity
 * values: messages are composed from the handle when read.
 *
 * New activity is found by its change sequence number (`activities.seq`, migration 10: never
 * reused, kept by VACUUM). The methods that take or return one keep their earlier `…Rowid` names.
 */
export class AlertStore {
  private readonly watermarkStatement;
  private readonly setWatermarkStatement;
  private readonly maxRowidStatement;
  private readonly newActivitiesStatement;
  private readonly waitingStatement;
  private readonly addWaitingStatement;
  private readonly deleteWaitingStatement;
  private readonly dropOrphanedWaitingStatement;
  private readonly openVipOnlineStatement;
  private readonly baseStatement;
  private readonly basePresenceStatement;
  private readonly rowsStatement;
  private readonly rowsOutsideStatement;
  private readonly supporterStatement;
  private readonly supportersStatement;
  private readonly recentAlertTimesStatement;
  private readonly listingStatement;
  private readonly insertStatement;
  private readonly withinStatement;
  private readonly endVipOnlineStatement;
  private readonly renewalsStatement;
  private readonly getStatement;
  private readonly markReadStatement;
  private readonly dismissStatement;
  private readonly undismissStatement;
  private readonly actedStatement;
  private readonly listStatement;
  private readonly dedupeStatement;

  constructor(db: Database.Database) {
    this.dedupeStatement = db.prepare<[string], number>('SELECT 1 FROM alerts WHERE dedupeKey = ?').pluck();
    this.watermarkStatement = db.prepare<[], number>('SELECT evaluatedSeq FROM alert_watermark WHERE id = 1').pluck();
    this.setWatermarkStatement = db.prepare('UPDATE alert_watermark SET evaluatedSeq = ? WHERE id = 1');
    this.maxRowidStatement = db.prepare<[], number>('SELECT coalesce(max(seq), 0) FROM activities').pluck();
    const unjudgedColumns = 'a.seq AS seq, a.id, a.supporterId, a.type, a.at, a.tokens, a.minutes, a.online, a.listingId';
    // A sequence range is a key range of the table itself: new rows sit together at its end, so this reads them in order.
    this.newActivitiesStatement = db.prepare<[number, number, number], UnjudgedSqlRow>(
      `SELECT ${unjudgedColumns} FROM activities a WHERE a.seq > ? AND a.seq <= ? ORDER BY a.seq LIMIT ?`,
    );
    // Only the rows that can be judged at `now` (dated by then, supporter known): the rest stay put
    // instead of being read and written back on every page. CROSS JOIN keeps the (small) waiting
    // list as the outer loop.
    this.waitingStatement = db.prepare<[number], UnjudgedSqlRow>(
      `SELECT ${unjudgedColumns} FROM alert_pending_activities p CROSS JOIN activities a ON a.id = p.activityId
       CROSS JOIN supporters s ON s.id = a.supporterId WHERE a.at <= ?`,
    );
    // The sequence test is answered from the index entry (seq is the rowid), so rows of the page
    // being judged (already in memory) cost no table lookup.
    this.rowsOutsideStatement = db.prepare<[string, number, number, number, number], TimelineSqlRow>(
      `SELECT id, type, at, tokens, minutes, online, listingId FROM activities
       WHERE supporterId = ? AND at >= ? AND at <= ? AND (seq <= ? OR seq > ?)`,
    );
    this.addWaitingStatement = db.prepare('INSERT OR IGNORE INTO alert_pending_activities (activityId) SELECT value FROM json_each(?)');
    this.deleteWaitingStatement = db.prepare('DELETE FROM alert_pending_activities WHERE activityId IN (SELECT value FROM json_each(?))');
    this.dropOrphanedWaitingStatement = db.prepare(
      'DELETE FROM alert_pending_activities WHERE NOT EXISTS (SELECT 1 FROM activities a WHERE a.id = alert_pending_activities.activityId)',
    );
    // One seek per supporter in the (supporterId, type, createdAt) index; a vip_online alert lasts
    // at most 2 hours, which bounds each seek.
    this.openVipOnlineStatement = db
      .prepare<[string, number, number], string>(
        `SELECT DISTINCT supporterId FROM alerts
         WHERE supporterId IN (SELECT value FROM json_each(?)) AND type = 'vip_online' AND createdAt > ? AND (expiresAt IS NULL OR expiresAt > ?)`,
      )
      .pluck();
    this.baseStatement = db.prepare<[string, number], BaseSqlRow>(
      `SELECT sum(CASE WHEN ${SPEND} THEN tokens ELSE 0 END) AS spendTokens,
              sum(type IN ('gift', 'live_gift')) AS gifts,
              min(CASE WHEN ${SPEND} AND tokens > 0 THEN at END) AS firstPurchaseAt,
              max(CASE WHEN ${INITIATED} THEN at END) AS lastInitiatedAt,
              max(CASE WHEN type = 'match' THEN at END) AS lastMatchAt
       FROM activities WHERE supporterId = ? AND at < ?`,
    );
    this.basePresenceStatement = db.prepare<[string, number], { online: number | null }>(
      "SELECT online FROM activities WHERE supporterId = ? AND type = 'presence' AND at < ? ORDER BY at DESC, id DESC LIMIT 1",
    );
    this.rowsStatement = db.prepare<[string, number, number], TimelineSqlRow>(
      `SELECT id, type, at, tokens, minutes, online, listingId FROM activities
       WHERE supporterId = ? AND at >= ? AND at <= ? ORDER BY at, id`,
    );
    this.supportersStatement = db.prepare<[string], SupporterSqlRow>(
      'SELECT id, handle, fanClubTier, fanClubActive, fanClubRenewsAt FROM supporters WHERE id IN (SELECT value FROM json_each(?))',
    );
    this.recentAlertTimesStatement = db.prepare<[string, number], { type: AlertType; createdAt: number }>(
      'SELECT type, createdAt FROM alerts WHERE supporterId = ? AND createdAt > ?',
    );
    this.supporterStatement = db.prepare<[string], SupporterSqlRow>(
      'SELECT id, handle, fanClubTier, fanClubActive, fanClubRenewsAt FROM supporters WHERE id = ?',
    );
    this.listingStatement = db.prepare<[string], { title: string; startsAt: number }>('SELECT title, startsAt FROM listings WHERE id = ?');
    this.insertStatement = db.prepare(
      `INSERT INTO alerts (id, dedupeKey, type, supporterId, priority, suggestedAction, detail, conversionProbability, estimatedRevenue,
         timeWindow, triggerActivityId, createdAt, expiresAt, evaluatedAt, notified)
       VALUES (@id, @dedupeKey, @type, @supporterId, @priority, @suggestedAction, @detail, @conversionProbability, @estimatedRevenue,
         @timeWindow, @triggerActivityId, @createdAt, @expiresAt, @evaluatedAt, @notified)
       ON CONFLICT DO NOTHING`,
    );
    this.withinStatement = db
      .prepare<[string, string, number, number], number>(
        'SELECT count(*) FROM alerts WHERE supporterId = ? AND type = ? AND createdAt > ? AND createdAt < ?',
      )
      .pluck();
    this.endVipOnlineStatement = db.prepare(
      `UPDATE alerts SET expiresAt = @offlineAt
       WHERE supporterId = @supporterId AND type = 'vip_online' AND createdAt <= @offlineAt AND (expiresAt IS NULL OR expiresAt > @offlineAt)`,
    );
    this.renewalsStatement = db.prepare<[number, number], SupporterSqlRow>(
      `SELECT id, handle, fanClubTier, fanClubActive, fanClubRenewsAt FROM supporters
       WHERE fanClubActive = 1 AND fanClubRenewsAt > ? AND fanClubRenewsAt <= ? ORDER BY id`,
    );
    this.getStatement = db.prepare<[string], AlertRecord>('SELECT * FROM alerts WHERE id = ?');
    this.markReadStatement = db.prepare('UPDATE alerts SET readAt = coalesce(readAt, ?) WHERE id = ?');
    this.dismissStatement = db.prepare('UPDATE alerts SET dismissedAt = coalesce(dismissedAt, @at), readAt = coalesce(readAt, @at) WHERE id = @id');
    // A read time equal to the dismissal's was set by it (`dismiss` marks an unread alert read): undone with it.
    this.undismissStatement = db.prepare('UPDATE alerts SET readAt = CASE WHEN readAt = dismissedAt THEN NULL ELSE readAt END, dismissedAt = NULL WHERE id = ?');
    this.actedStatement = db.prepare(
      'UPDATE alerts SET actedAt = @at, actionId = @actionId, readAt = coalesce(readAt, @at) WHERE id = @id',
    );
    this.listStatement = db.prepare<
      { now: number; includeAll: number; unreadOnly: number; supporterId: string | null; limit: number },
      AlertRecord
    >(
      `SELECT * FROM alerts
       WHERE (@includeAll = 1 OR (dismissedAt IS NULL AND createdAt <= @now AND (expiresAt IS NULL OR expiresAt > @now)))
         AND (@unreadOnly = 0 OR readAt IS NULL)
         AND (@supporterId IS NULL OR supporterId = @supporterId)
       ORDER BY createdAt DESC, id DESC LIMIT @limit`,
    );
  }

  /** Every activity with a change sequence number at or below this has been seen by alert evaluation. */
  evaluatedRowid(): number {
    return this.watermarkStatement.get() ?? 0;
  }

  setEvaluatedRowid(rowid: number): void {
    this.setWatermarkStatement.run(rowid);
  }

  /** The highest change sequence number among stored activities (0 without any). */
  maxActivityRowid(): number {
    return this.maxRowidStatement.get() ?? 0;
  }

  /** Up to `limit` activities with a sequence number in `(afterRowid, upToRowid]`, in that order; null when there are none. */
  newActivities(afterRowid: number, upToRowid: number, limit: number): NewActivityPage | null {
    const rows = this.newActivitiesStatement.all(afterRowid, upToRowid, limit);
    const last = rows.at(-1);
    return last === undefined ? null : { rows: rows.map(toUnjudged), lastRowid: last.seq };
  }

  /** Activities seen earlier that could not be judged then (dated after that `now`, or of an unknown supporter) and can be now. */
  waitingActivities(now: number): UnjudgedActivity[] {
    return this.waitingStatement.all(now).map(toUnjudged);
  }

  addWaiting(activityIds: readonly string[]): void {
    if (activityIds.length > 0) this.addWaitingStatement.run(JSON.stringify(activityIds));
  }

  removeWaiting(activityIds: readonly string[]): void {
    if (activityIds.length > 0) this.deleteWaitingStatement.run(JSON.stringify(activityIds));
  }

  /** Removes waiting entries whose activity was deleted before it could be judged (the sweep's housekeeping). */
  dropOrphanedWaiting(): void {
    this.dropOrphanedWaitingStatement.run();
  }

  /** Those of `supporterIds` with a `vip_online` alert still running at `at` (created after `createdAfter`). */
  supportersWithVipOnlineAfter(supporterIds: readonly string[], at: number, createdAfter: number): Set<string> {
    return new Set(this.openVipOnlineStatement.all(JSON.stringify(supporterIds), createdAfter, at));
  }

  /** Aggregates of everything the supporter did before `before` (older than any window the rules read). */
  timelineBase(supporterId: string, before: number): TimelineBase {
    const row = this.baseStatement.get(supporterId, before);
    const presence = this.basePresenceStatement.get(supporterId, before);
    return {
      spendTokens: row?.spendTokens ?? 0,
      gifts: row?.gifts ?? 0,
      firstPurchaseAt: row?.firstPurchaseAt ?? null,
      lastInitiatedAt: row?.lastInitiatedAt ?? null,
      lastMatchAt: row?.lastMatchAt ?? null,
      online: presence === undefined ? null : presence.online === 1,
    };
  }

  /** The supporter's activities with `from` ≤ at ≤ `to`, ordered by (at, id). */
  timelineRows(supporterId: string, from: number, to: number): TimelineRow[] {
    return this.rowsStatement.all(supporterId, from, to).map(toTimelineRow);
  }

  /** Like `timelineRows`, leaving out rows with a sequence number in `(afterRowid, upToRowid]`; unordered. */
  timelineRowsOutside(supporterId: string, from: number, to: number, afterRowid: number, upToRowid: number): TimelineRow[] {
    return this.rowsOutsideStatement.all(supporterId, from, to, afterRowid, upToRowid).map(toTimelineRow);
  }

  supporter(supporterId: string): AlertSupporterFacts | null {
    const row = this.supporterStatement.get(supporterId);
    return row ? toSupporterFacts(row) : null;
  }

  /** The known ones of these supporters, in one query. */
  supporters(supporterIds: readonly string[]): Map<string, AlertSupporterFacts> {
    const result = new Map<string, AlertSupporterFacts>();
    if (supporterIds.length === 0) return result;
    for (const row of this.supportersStatement.all(JSON.stringify(supporterIds))) result.set(row.id, toSupporterFacts(row));
    return result;
  }

  /** Type and time of the supporter's alerts created after `after` (what the cooldown compares with). */
  alertTimesAfter(supporterId: string, after: number): { type: AlertType; createdAt: number }[] {
    return this.recentAlertTimesStatement.all(supporterId, after);
  }

  listing(listingId: string): { title: string; startsAt: number } | null {
    return this.listingStatement.get(listingId) ?? null;
  }

  /** Stores an alert unless its trigger already raised one; true when it was stored. */
  insert(record: Omit<AlertRecord, 'readAt' | 'dismissedAt' | 'actedAt' | 'actionId'>): boolean {
    return this.insertStatement.run(record).changes > 0;
  }

  hasDedupeKey(dedupeKey: string): boolean {
    return this.dedupeStatement.get(dedupeKey) !== undefined;
  }

  /** True when an alert of this type for this supporter was created strictly within `(from, to)`: the cooldown. */
  hasAlertWithin(supporterId: string, type: AlertType, from: number, to: number): boolean {
    return (this.withinStatement.get(supporterId, type, from, to) ?? 0) > 0;
  }

  /** A VIP went offline: their `vip_online` alerts end then (SPEC §8). Returns how many changed. */
  endVipOnline(supporterId: string, offlineAt: number): number {
    return this.endVipOnlineStatement.run({ supporterId, offlineAt }).changes;
  }

  /** Active memberships renewing in `(now, until]`. */
  renewalsDue(now: number, until: number): AlertSupporterFacts[] {
    return this.renewalsStatement.all(now, until).map(toSupporterFacts);
  }

  get(alertId: string): AlertRecord | null {
    return this.getStatement.get(alertId) ?? null;
  }

  markRead(alertId: string, at: number): void {
    this.markReadStatement.run(at, alertId);
  }

  dismiss(alertId: string, at: number): void {
    this.dismissStatement.run({ id: alertId, at });
  }

  /** Undoes `dismiss`: the alert is back, unread again if the dismissal was what marked it read. */
  undismiss(alertId: string): void {
    this.undismissStatement.run(alertId);
  }

  markActed(alertId: string, at: number, actionId: string | null): void {
    this.actedStatement.run({ id: alertId, at, actionId });
  }

  /** Newest first. The default view hides dismissed, expired and not-yet-created (at `now`) alerts. */
  list(filter: AlertListFilter): AlertRecord[] {
    return this.listStatement.all({
      now: filter.now,
      includeAll: filter.includeAll ? 1 : 0,
      unreadOnly: filter.unreadOnly ? 1 : 0,
      supporterId: filter.supporterId,
      limit: filter.limit,
    });
  }
}

function toTimelineRow(row: TimelineSqlRow): TimelineRow {
  return { id: row.id, type: row.type, at: row.at, tokens: row.tokens, minutes: row.minutes, online: row.online === null ? null : row.online === 1, listingId: row.listingId };
}

/** Spelled out rather than spreading `toTimelineRow`: one object per row, on the ingest hot path. */
function toUnjudged(row: UnjudgedSqlRow): UnjudgedActivity {
  return {
    id: row.id,
    supporterId: row.supporterId,
    type: row.type,
    at: row.at,
    tokens: row.tokens,
    minutes: row.minutes,
    online: row.online === null ? null : row.online === 1,
    listingId: row.listingId,
  };
}

function toSupporterFacts(row: SupporterSqlRow): AlertSupporterFacts {
  return {
    id: row.id,
    handle: row.handle,
    fanClubTier: row.fanClubTier,
    fanClubActive: row.fanClubActive === 1,
    fanClubRenewsAt: row.fanClubRenewsAt,
  };
}

import type Database from 'better-sqlite3';
import type { AlertPriority, AlertType } from '../../../shared/domain/alerts';
import type { CrmActionType } from '../../../shared/domain/crmActions';
import type { TimelineBase, TimelineRow } from '../alerts/supporterTimeline';
import type { SpendRow } from './actionLogStore';

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
  /** Set when the records no longer raise this alert and it is kept only because the creator acted on it (migration 12). */
  detachedAt: number | null;
}

/** An alert as evaluation writes it: the creator's marks come later. */
export type NewAlertRecord = Omit<AlertRecord, 'readAt' | 'dismissedAt' | 'actedAt' | 'actionId' | 'detachedAt'>;

/** A supporter's stored judging state, as its row holds it (decoded by `alertJudgingStateBlob`). */
export interface StoredJudgingState {
  frontierAt: number;
  frontierId: string;
  /** The supporter's fan club flag, which is current: a trigger drops the state when it changes (migration 12). */
  fanClubActive: boolean;
  state: Buffer;
}

/** A record expected impact reads (SPEC §7), with its id: an alert's estimate counts the records up to its trigger in (`at`, `id`) order. */
export interface ImpactRow extends SpendRow {
  id: string;
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

/** A follow-up whose time has come and that has not raised its alert yet (SPEC §13), with its supporter's fan club flag. */
export interface DueFollowUp {
  id: string;
  supporterId: string;
  dueAt: number;
  fanClubActive: boolean;
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

/** What the Alerts page reads: open alerts (SPEC §8's default view) matching its filters, older than a cursor. */
export interface OpenAlertPageQuery {
  now: number;
  unreadOnly: boolean;
  type: AlertType | null;
  priority: AlertPriority | null;
  /** Only alerts strictly before (`beforeAt`, `beforeId`) in (createdAt, id) order; null for the newest. */
  before: { at: number; id: string } | null;
  limit: number;
}

/** How many open alerts have this type, priority and read state. */
export interface OpenAlertTally {
  type: AlertType;
  priority: AlertPriority;
  unread: boolean;
  count: number;
}

/** "Mark all read" on the Alerts page: open unread alerts matching these filters, up to and including (`upToAt`, `upToId`). */
export interface MarkMatchingReadQuery {
  now: number;
  type: AlertType | null;
  priority: AlertPriority | null;
  upTo: { at: number; id: string };
  at: number;
}

type TimelineSqlRow = Omit<TimelineRow, 'online'> & { online: number | null };
type UnjudgedSqlRow = TimelineSqlRow & { seq: number; supporterId: string };
type BaseSqlRow = { spendTokens: number | null; gifts: number | null; firstPurchaseAt: number | null; lastInitiatedAt: number | null; lastMatchAt: number | null };
type SupporterSqlRow = { id: string; handle: string; fanClubTier: string | null; fanClubActive: number | null; fanClubRenewsAt: number | null };
type ImpactSqlRow = Omit<ImpactRow, 'online'> & { online: number | null };

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
  private readonly baseStatement;
  private readonly basePresenceStatement;
  private readonly rowsStatement;
  private readonly judgedRowsStatement;
  private readonly judgedRowsOutsideStatement;
  private readonly judgedRowsAfterStatement;
  private readonly supporterStatement;
  private readonly judgingStatesStatement;
  private readonly saveJudgingStateStatement;
  private readonly supportersStatement;
  private readonly impactRowsStatement;
  private readonly deleteJudgingStateStatement;
  private readonly rejudgeStatement;
  private readonly deleteRejudgeStatement;
  private readonly recordAlertsSinceStatement;
  private readonly deleteAlertStatement;
  private readonly detachAlertStatement;
  private readonly replaceFactsStatement;
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
  private readonly dueFollowUpsStatement;
  private readonly withdrawnFollowUpAlertsStatement;
  private readonly nextFollowUpDueStatement;
  private readonly openPageStatement;
  private readonly openTallyStatement;
  private readonly markMatchingReadStatement;

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
    // A supporter's judged history from `from` on: everything dated by `now`, and what is dated
    // after it unless it still waits to be judged (a later `now` judged it before). The rowid test
    // of the second form is answered from the index entry, so rows of the page being judged
    // (already in memory) cost no table lookup.
    const judged = `SELECT id, type, at, tokens, minutes, online, listingId FROM activities a
       WHERE supporterId = @supporterId AND at >= @from
         AND (at <= @now OR NOT EXISTS (SELECT 1 FROM alert_pending_activities p WHERE p.activityId = a.id))`;
    this.judgedRowsStatement = db.prepare<{ supporterId: string; from: number; now: number }, TimelineSqlRow>(judged);
    // The same for many supporters at once, each after their own time: one seek each in the
    // (supporterId, at) index, the (small) list of supporters as the outer loop.
    // Rows in the rowid range of the page being judged are left out from the index entry alone, so
    // a supporter with nothing judged since costs one index seek and no table row.
    this.judgedRowsAfterStatement = db.prepare<{ since: string; now: number; afterRowid: number; upToRowid: number }, TimelineSqlRow & { supporterId: string }>(
      `SELECT a.supporterId, a.id, a.type, a.at, a.tokens, a.minutes, a.online, a.listingId
       FROM json_each(@since) f CROSS JOIN activities a
       WHERE a.supporterId = f.key AND a.at > f.value AND (a.rowid <= @afterRowid OR a.rowid > @upToRowid)
         AND (a.at <= @now OR NOT EXISTS (SELECT 1 FROM alert_pending_activities p WHERE p.activityId = a.id))`,
    );
    this.judgedRowsOutsideStatement = db.prepare<{ supporterId: string; from: number; now: number; afterRowid: number; upToRowid: number }, TimelineSqlRow>(
      `${judged} AND (rowid <= @afterRowid OR rowid > @upToRowid)`,
    );
    this.addWaitingStatement = db.prepare('INSERT OR IGNORE INTO alert_pending_activities (activityId) SELECT value FROM json_each(?)');
    this.deleteWaitingStatement = db.prepare('DELETE FROM alert_pending_activities WHERE activityId IN (SELECT value FROM json_each(?))');
    this.dropOrphanedWaitingStatement = db.prepare(
      'DELETE FROM alert_pending_activities WHERE NOT EXISTS (SELECT 1 FROM activities a WHERE a.id = alert_pending_activities.activityId)',
    );
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
    this.judgingStatesStatement = db.prepare<[string], { supporterId: string; frontierAt: number; frontierId: string; fanClubActive: number; state: Buffer }>(
      'SELECT supporterId, frontierAt, frontierId, fanClubActive, state FROM alert_judging_state WHERE supporterId IN (SELECT value FROM json_each(?))',
    );
    this.saveJudgingStateStatement = db.prepare<[string, number, string, number, Buffer]>(
      `INSERT INTO alert_judging_state (supporterId, frontierAt, frontierId, fanClubActive, state) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (supporterId) DO UPDATE SET frontierAt = excluded.frontierAt, frontierId = excluded.frontierId,
         fanClubActive = excluded.fanClubActive, state = excluded.state`,
    );
    this.supportersStatement = db.prepare<[string], SupporterSqlRow>(
      'SELECT id, handle, fanClubTier, fanClubActive, fanClubRenewsAt FROM supporters WHERE id IN (SELECT value FROM json_each(?))',
    );
    this.impactRowsStatement = db.prepare<[string, number, number], ImpactSqlRow>(
      "SELECT id, type, at, tokens, online FROM activities WHERE supporterId = ? AND at > ? AND at <= ? AND type <> 'creator_message' ORDER BY at",
    );
    this.deleteJudgingStateStatement = db.prepare<[string]>('DELETE FROM alert_judging_state WHERE supporterId = ?');
    this.rejudgeStatement = db.prepare<[], { supporterId: string; fromAt: number }>('SELECT supporterId, fromAt FROM alert_rejudge');
    // Only an entry no newer than the one read: a change made meanwhile stays queued.
    this.deleteRejudgeStatement = db.prepare<[string, number]>('DELETE FROM alert_rejudge WHERE supporterId = ? AND fromAt >= ?');
    // Renewals and follow-ups are the sweep's (time-based), never re-judged from records.
    this.recordAlertsSinceStatement = db.prepare<[string, number], AlertRecord>(
      "SELECT * FROM alerts WHERE supporterId = ? AND createdAt >= ? AND detachedAt IS NULL AND type NOT IN ('fan_club_renewal_due', 'follow_up_due')",
    );
    this.deleteAlertStatement = db.prepare<[string]>('DELETE FROM alerts WHERE id = ?');
    // The key is renamed so that the trigger can raise a fresh alert later without meeting this one.
    this.detachAlertStatement = db.prepare<{ id: string; at: number }>(
      "UPDATE alerts SET detachedAt = @at, dedupeKey = dedupeKey || '#detached:' || id WHERE id = @id",
    );
    this.replaceFactsStatement = db.prepare<NewAlertRecord>(
      `UPDATE alerts SET dedupeKey = @dedupeKey, triggerActivityId = @triggerActivityId, createdAt = @createdAt, expiresAt = @expiresAt,
         detail = @detail, conversionProbability = @conversionProbability, evaluatedAt = @evaluatedAt,
         notified = max(notified, @notified)
       WHERE id = @id`,
    );
    this.supporterStatement = db.prepare<[string], SupporterSqlRow>(
      'SELECT id, handle, fanClubTier, fanClubActive, fanClubRenewsAt FROM supporters WHERE id = ?',
    );
    this.listingStatement = db.prepare<[string], { title: string; startsAt: number }>('SELECT title, startsAt FROM listings WHERE id = ?');
    this.insertStatement = db.prepare(
      `INSERT INTO alerts (id, dedupeKey, type, supporterId, priority, suggestedAction, detail, conversionProbability,
         timeWindow, triggerActivityId, createdAt, expiresAt, evaluatedAt, notified)
       VALUES (@id, @dedupeKey, @type, @supporterId, @priority, @suggestedAction, @detail, @conversionProbability,
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
    // Follow-ups (SPEC §13) are read here, not in the follow-up store, because the question is the
    // alerts': which live follow-ups are due and have no alert under their key yet. The key holds
    // the due time, so a follow-up moved to a new time raises again there.
    this.dueFollowUpsStatement = db.prepare<[number, number], { id: string; supporterId: string; dueAt: number; fanClubActive: number }>(
      `SELECT f.id, f.supporterId, f.dueAt, s.fanClubActive FROM follow_ups f CROSS JOIN supporters s ON s.id = f.supporterId
       WHERE f.deletedAt IS NULL AND f.dueAt <= ?
         AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.dedupeKey = 'follow_up_due:' || f.id || ':' || f.dueAt)
       ORDER BY f.dueAt, f.id LIMIT ?`,
    );
    // An alert whose follow-up is no longer pending at the alert's time: cleared (cancelled) or moved.
    // Read through the supporters who have follow-ups (a small table) and the (supporterId, type)
    // index, so a sweep does not scan every alert.
    this.withdrawnFollowUpAlertsStatement = db.prepare<[], { id: string; acted: number }>(
      `SELECT a.id, a.actedAt IS NOT NULL AS acted
       FROM (SELECT DISTINCT supporterId FROM follow_ups) s CROSS JOIN alerts a ON a.supporterId = s.supporterId AND a.type = 'follow_up_due'
       WHERE a.detachedAt IS NULL
         AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.id = json_extract(a.detail, '$.followUpId') AND f.deletedAt IS NULL AND f.dueAt = a.createdAt)`,
    );
    this.nextFollowUpDueStatement = db
      .prepare<[number], number | null>('SELECT min(dueAt) FROM follow_ups WHERE deletedAt IS NULL AND dueAt > ?')
      .pluck();
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
    // The Alerts page (newest first, paged by a (createdAt, id) cursor so alerts raised meanwhile
    // never shift an older page). `createdAt <= @beforeAt` lets the `alerts_by_time` index start at
    // the cursor instead of walking every newer row; without a cursor it is the largest time.
    const openMatching = `dismissedAt IS NULL AND createdAt <= @now AND (expiresAt IS NULL OR expiresAt > @now)
         AND (@type IS NULL OR type = @type) AND (@priority IS NULL OR priority = @priority)`;
    this.openPageStatement = db.prepare<
      { now: number; unreadOnly: number; type: string | null; priority: string | null; beforeAt: number; beforeId: string | null; limit: number },
      AlertRecord
    >(
      `SELECT * FROM alerts
       WHERE ${openMatching} AND (@unreadOnly = 0 OR readAt IS NULL)
         AND createdAt <= @beforeAt AND (createdAt < @beforeAt OR @beforeId IS NULL OR id < @beforeId)
       ORDER BY createdAt DESC, id DESC LIMIT @limit`,
    );
    // Every open alert by type, priority and read state (at most 8 × 4 × 2 rows): the page's counts.
    // Two halves, so each seeks by expiry in migration 18's index of undismissed alerts instead of
    // walking every alert ever raised (most have expired): the unexpired ones, and those without an
    // expiry (no current rule raises one); the counted columns are in the index.
    this.openTallyStatement = db.prepare<{ now: number }, { type: AlertType; priority: AlertPriority; unread: number; count: number }>(
      `SELECT type, priority, unread, sum(count) AS count FROM (
         SELECT type, priority, readAt IS NULL AS unread, count(*) AS count FROM alerts INDEXED BY alerts_open_by_expiry
         WHERE dismissedAt IS NULL AND createdAt <= @now AND expiresAt > @now GROUP BY type, priority, unread
         UNION ALL
         SELECT type, priority, readAt IS NULL AS unread, count(*) AS count FROM alerts INDEXED BY alerts_open_by_expiry
         WHERE dismissedAt IS NULL AND createdAt <= @now AND expiresAt IS NULL GROUP BY type, priority, unread
       ) GROUP BY type, priority, unread`,
    );
    this.markMatchingReadStatement = db.prepare<{ now: number; type: string | null; priority: string | null; upToAt: number; upToId: string; at: number }>(
      `UPDATE alerts SET readAt = @at
       WHERE readAt IS NULL AND ${openMatching}
         AND createdAt <= @upToAt AND (createdAt < @upToAt OR id <= @upToId)`,
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

  /** Aggregates of everything the supporter did before `before` (older than any window the rules read). */
  timelineBase(supporterId: string, before: number): TimelineBase {
    const row = this.baseStatement.get(supporterId, before);
    return {
      spendTokens: row?.spendTokens ?? 0,
      gifts: row?.gifts ?? 0,
      firstPurchaseAt: row?.firstPurchaseAt ?? null,
      lastInitiatedAt: row?.lastInitiatedAt ?? null,
      lastMatchAt: row?.lastMatchAt ?? null,
      online: this.presenceBefore(supporterId, before),
    };
  }

  /** What the supporter's latest presence record before `before` said: true online, false offline, null none. */
  presenceBefore(supporterId: string, before: number): boolean | null {
    const presence = this.basePresenceStatement.get(supporterId, before);
    return presence === undefined ? null : presence.online === 1;
  }

  /** The supporter's activities with `from` ≤ at ≤ `to`, ordered by (at, id). */
  timelineRows(supporterId: string, from: number, to: number): TimelineRow[] {
    return this.rowsStatement.all(supporterId, from, to).map(toTimelineRow);
  }

  /**
   * The supporter's judged history with at ≥ `from`, unordered: every activity dated by `now`, and
   * those dated after it that do not wait to be judged. With a rowid range, rows in
   * `(afterRowid, upToRowid]` are left out (the caller has them in memory).
   */
  judgedTimelineRows(supporterId: string, from: number, now: number, outside?: { afterRowid: number; upToRowid: number }): TimelineRow[] {
    const rows =
      outside === undefined
        ? this.judgedRowsStatement.all({ supporterId, from, now })
        : this.judgedRowsOutsideStatement.all({ supporterId, from, now, afterRowid: outside.afterRowid, upToRowid: outside.upToRowid });
    return rows.map(toTimelineRow);
  }

  supporter(supporterId: string): AlertSupporterFacts | null {
    const row = this.supporterStatement.get(supporterId);
    return row ? toSupporterFacts(row) : null;
  }


  /**
   * `judgedTimelineRows` of many supporters, each with at after their own time (`since`: supporter →
   * time), grouped by supporter; unordered. Rows with rowid in `outside`'s range are left out.
   */
  judgedRowsAfter(since: ReadonlyMap<string, number>, now: number, outside?: { afterRowid: number; upToRowid: number }): Map<string, TimelineRow[]> {
    const result = new Map<string, TimelineRow[]>();
    if (since.size === 0) return result;
    const range = outside ?? { afterRowid: -1, upToRowid: -1 };
    for (const row of this.judgedRowsAfterStatement.all({ since: JSON.stringify(Object.fromEntries(since)), now, ...range })) {
      const list = result.get(row.supporterId);
      const timelineRow = toTimelineRow(row);
      if (list) list.push(timelineRow);
      else result.set(row.supporterId, [timelineRow]);
    }
    return result;
  }

  /** The stored judging states of those of these supporters that have one (a supporter with one exists: it goes with them). */
  judgingStates(supporterIds: readonly string[]): Map<string, StoredJudgingState> {
    const result = new Map<string, StoredJudgingState>();
    if (supporterIds.length === 0) return result;
    for (const row of this.judgingStatesStatement.all(JSON.stringify(supporterIds))) {
      result.set(row.supporterId, { frontierAt: row.frontierAt, frontierId: row.frontierId, fanClubActive: row.fanClubActive === 1, state: row.state });
    }
    return result;
  }

  saveJudgingState(supporterId: string, frontierAt: number, frontierId: string, fanClubActive: boolean, state: Buffer): void {
    this.saveJudgingStateStatement.run(supporterId, frontierAt, frontierId, fanClubActive ? 1 : 0, state);
  }

  /** The known ones of these supporters, in one query. */
  supporters(supporterIds: readonly string[]): Map<string, AlertSupporterFacts> {
    const result = new Map<string, AlertSupporterFacts>();
    if (supporterIds.length === 0) return result;
    for (const row of this.supportersStatement.all(JSON.stringify(supporterIds))) result.set(row.id, toSupporterFacts(row));
    return result;
  }

  /** The supporter's activity (creator messages left out) in `(from, to]`, oldest first, with ids: what an alert's expected impact reads. */
  impactRows(supporterId: string, from: number, to: number): ImpactRow[] {
    return this.impactRowsStatement
      .all(supporterId, from, to)
      .map((row) => ({ id: row.id, type: row.type, at: row.at, tokens: row.tokens, online: row.online === null ? null : row.online === 1 }));
  }

  deleteJudgingState(supporterId: string): void {
    this.deleteJudgingStateStatement.run(supporterId);
  }

  /** Supporters whose judged history changed (an activity deleted or updated), with the earliest time it changed. */
  rejudgeRequests(): Map<string, number> {
    return new Map(this.rejudgeStatement.all().map((row) => [row.supporterId, row.fromAt]));
  }

  /** Drops a supporter's re-judge request once it has been served from `fromAt`. */
  clearRejudgeRequest(supporterId: string, fromAt: number): void {
    this.deleteRejudgeStatement.run(supporterId, fromAt);
  }

  /** The supporter's alerts raised by records (not detached), created at or after `from`. */
  recordAlertsSince(supporterId: string, from: number): AlertRecord[] {
    return this.recordAlertsSinceStatement.all(supporterId, from);
  }

  /** Removes an alert the records no longer raise. */
  delete(alertId: string): void {
    this.deleteAlertStatement.run(alertId);
  }

  /** Keeps an alert the records no longer raise as history only (the creator acted on it). */
  detach(alertId: string, at: number): void {
    this.detachAlertStatement.run({ id: alertId, at });
  }

  /**
   * Gives a stored alert the trigger, time and facts of the alert the records now raise in its
   * place; its id and the creator's marks stay, and it is never un-announced.
   */
  replaceFacts(alertId: string, facts: NewAlertRecord): void {
    this.replaceFactsStatement.run({ ...facts, id: alertId });
  }

  listing(listingId: string): { title: string; startsAt: number } | null {
    return this.listingStatement.get(listingId) ?? null;
  }

  /** Stores an alert unless its trigger already raised one; true when it was stored. */
  insert(record: NewAlertRecord): boolean {
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

  /** Live follow-ups due at or before `now` that have not raised their `follow_up_due` alert, earliest first (supporters known only). */
  dueFollowUps(now: number, limit: number): DueFollowUp[] {
    return this.dueFollowUpsStatement.all(now, limit).map((row) => ({ ...row, fanClubActive: row.fanClubActive === 1 }));
  }

  /** `follow_up_due` alerts whose follow-up is no longer pending at that time (cleared or moved), and whether the creator acted on each. */
  withdrawnFollowUpAlerts(): { id: string; acted: boolean }[] {
    return this.withdrawnFollowUpAlertsStatement.all().map((row) => ({ id: row.id, acted: row.acted === 1 }));
  }

  /** The earliest due time of a live follow-up after `now`, or null: when the next `follow_up_due` alert is due. */
  nextFollowUpDueAfter(now: number): number | null {
    return this.nextFollowUpDueStatement.get(now) ?? null;
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

  /** A page of open alerts matching the Alerts page's filters, newest first, strictly older than `before`. */
  openAlertPage(query: OpenAlertPageQuery): AlertRecord[] {
    return this.openPageStatement.all({
      now: query.now,
      unreadOnly: query.unreadOnly ? 1 : 0,
      type: query.type,
      priority: query.priority,
      beforeAt: query.before?.at ?? Number.MAX_SAFE_INTEGER,
      beforeId: query.before?.id ?? null,
      limit: query.limit,
    });
  }

  /** Every open alert at `now`, counted by type, priority and read state (combinations without one left out). */
  openAlertTally(now: number): OpenAlertTally[] {
    return this.openTallyStatement.all({ now }).map((row) => ({ type: row.type, priority: row.priority, unread: row.unread === 1, count: row.count }));
  }

  /** Marks read the open unread alerts matching the filters up to and including `upTo`; returns how many. */
  markMatchingRead(query: MarkMatchingReadQuery): number {
    return this.markMatchingReadStatement.run({
      now: query.now,
      type: query.type,
      priority: query.priority,
      upToAt: query.upTo.at,
      upToId: query.upTo.id,
      at: query.at,
    }).changes;
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

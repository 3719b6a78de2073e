import type Database from 'better-sqlite3';
import type { ActivityType } from '../../../shared/domain/activityTypes';
import type { ActionStatus, CrmActionType } from '../../../shared/domain/crmActions';
import type { FanClubTier } from '../../../shared/domain/fanClubTiers';

/** One requested action as stored: the activity log (times in epoch ms). */
export interface ActionRecord {
  id: string;
  supporterId: string;
  type: CrmActionType;
  status: ActionStatus;
  reason: string | null;
  requestedAt: number;
  completedAt: number | null;
  /** JSON object sent to the platform with the action. */
  params: string;
  sourceAlertId: string | null;
  conversionProbability: number | null;
  estimatedTokens: number | null;
  timeWindow: string | null;
  windowEndsAt: number | null;
  outcomeTokens: number | null;
  outcomeMeasuredAt: number | null;
}

export interface ActionSupporterFacts {
  id: string;
  handle: string;
  fanClubTier: FanClubTier | null;
  fanClubActive: boolean;
}

export interface ActionStream {
  id: string;
  title: string;
  scheduledAt: number;
  startedAt: number | null;
  endedAt: number | null;
}

export interface ActionListing {
  id: string;
  title: string;
  startsAt: number;
}

export interface SpendRow {
  type: ActivityType;
  at: number;
  tokens: number;
  online: boolean | null;
}

export interface ActionMetricsSqlRow {
  type: CrmActionType;
  actions: number;
  measured: number;
  converted: number;
  tokensAttributed: number;
  expectedTokens: number;
}

/** Per action type, what its closed actions achieved (SPEC §12): closed = n, converted = k. */
export interface ClosedActionResultsSqlRow {
  type: CrmActionType;
  closed: number;
  converted: number;
  convertedTokens: number;
}

const SPEND = "type NOT IN ('creator_message', 'presence')";

/**
 * The CRM action log (SPEC §7) and the reads actions need: preconditions (streams, listings, fan
 * club), rate rules, expected impact and measured outcomes.
 */
export class ActionLogStore {
  private readonly insertStatement;
  private readonly completeStatement;
  private readonly countSinceStatement;
  private readonly recentOfTypeStatement;
  private readonly typesTakenStatement;
  private readonly getStatement;
  private readonly listStatement;
  private readonly openWindowsStatement;
  private readonly stalePendingStatement;
  private readonly outcomeStatement;
  private readonly spendBetweenStatement;
  private readonly spendRowsStatement;
  private readonly supporterStatement;
  private readonly liveStreamStatement;
  private readonly scheduledStreamStatement;
  private readonly streamStatement;
  private readonly nextListingStatement;
  private readonly listingStatement;
  private readonly metricsStatement;
  private readonly executedIdsStatement;
  private readonly closedResultsStatement;
  private readonly allClosedResultsStatement;
  private readonly dataVersionStatement;
  private readonly db: Database.Database;
  /** Bumped by every write this store makes to the action log: the memo below is stale after one. */
  private ownWrites = 0;
  /**
   * Every type's closed results with no time limit, and when the latest of those windows closed.
   * Valid while this store has written nothing and no other connection has committed (SQLite's
   * `data_version`), so an inbox page or a profile asks the action log once per change, not per
   * request (a full grouped read grows with the whole action log).
   */
  private closedResultsMemo: { ownWrites: number; dataVersion: number; rows: ClosedActionResultsSqlRow[]; latestWindowEnd: number } | null = null;

  constructor(db: Database.Database) {
    this.db = db;
    this.insertStatement = db.prepare(
      `INSERT INTO crm_actions (id, supporterId, type, status, reason, requestedAt, completedAt, params, sourceAlertId,
         conversionProbability, estimatedTokens, timeWindow, windowEndsAt, outcomeTokens, outcomeMeasuredAt)
       VALUES (@id, @supporterId, @type, @status, @reason, @requestedAt, @completedAt, @params, @sourceAlertId,
         @conversionProbability, @estimatedTokens, @timeWindow, @windowEndsAt, @outcomeTokens, @outcomeMeasuredAt)`,
    );
    this.completeStatement = db.prepare(
      "UPDATE crm_actions SET status = @status, reason = @reason, completedAt = @at WHERE id = @id AND status = 'pending'",
    );
    this.countSinceStatement = db
      .prepare<[number, number], number>("SELECT count(*) FROM crm_actions WHERE requestedAt > ? AND requestedAt <= ? AND status <> 'rejected'")
      .pluck();
    this.recentOfTypeStatement = db
      .prepare<[string, string, number, number], number>(
        `SELECT count(*) FROM crm_actions
         WHERE supporterId = ? AND type = ? AND requestedAt > ? AND requestedAt <= ? AND status IN ('pending', 'executed')`,
      )
      .pluck();
    // The same question as `recentOfTypeStatement`, for a page's supporters at once.
    this.typesTakenStatement = db.prepare<{ ids: string; from: number; to: number }, { supporterId: string; type: CrmActionType }>(
      `SELECT DISTINCT supporterId, type FROM crm_actions
       WHERE supporterId IN (SELECT value FROM json_each(@ids)) AND requestedAt > @from AND requestedAt <= @to AND status IN ('pending', 'executed')`,
    );
    this.getStatement = db.prepare<[string], ActionRecord>('SELECT * FROM crm_actions WHERE id = ?');
    this.listStatement = db.prepare<[number], ActionRecord & { handle: string | null }>(
      `SELECT c.*, s.handle AS handle FROM crm_actions c LEFT JOIN supporters s ON s.id = c.supporterId
       ORDER BY c.requestedAt DESC, c.rowid DESC LIMIT ?`,
    );
    this.openWindowsStatement = db.prepare<[number], ActionRecord>(
      "SELECT * FROM crm_actions WHERE status = 'executed' AND outcomeMeasuredAt IS NULL ORDER BY requestedAt LIMIT ?",
    );
    this.stalePendingStatement = db.prepare<[number], ActionRecord>(
      "SELECT * FROM crm_actions WHERE status = 'pending' AND requestedAt <= ? ORDER BY requestedAt LIMIT 100",
    );
    this.outcomeStatement = db.prepare(
      'UPDATE crm_actions SET outcomeTokens = @tokens, outcomeMeasuredAt = @at, windowEndsAt = @windowEndsAt WHERE id = @id',
    );
    this.spendBetweenStatement = db
      .prepare<[string, number, number], number>(
        `SELECT coalesce(sum(tokens), 0) FROM activities WHERE supporterId = ? AND at > ? AND at <= ? AND ${SPEND}`,
      )
      .pluck();
    this.spendRowsStatement = db.prepare<[string, number, number], Omit<SpendRow, 'online'> & { online: number | null }>(
      "SELECT type, at, tokens, online FROM activities WHERE supporterId = ? AND at > ? AND at <= ? AND type <> 'creator_message' ORDER BY at",
    );
    this.supporterStatement = db.prepare<[string], { id: string; handle: string; fanClubTier: FanClubTier | null; fanClubActive: number | null }>(
      'SELECT id, handle, fanClubTier, fanClubActive FROM supporters WHERE id = ?',
    );
    // The engine's rule (isStreamInvitable): live = started by now and not ended by now; scheduled =
    // not started by now and scheduled after now. Live streams come first, then the soonest scheduled.
    this.liveStreamStatement = db.prepare<[number, number], ActionStream>(
      `SELECT id, title, scheduledAt, startedAt, endedAt FROM streams
       WHERE startedAt IS NOT NULL AND startedAt <= ? AND (endedAt IS NULL OR endedAt > ?)
       ORDER BY startedAt DESC, id LIMIT 1`,
    );
    this.scheduledStreamStatement = db.prepare<[number, number], ActionStream>(
      `SELECT id, title, scheduledAt, startedAt, endedAt FROM streams
       WHERE (startedAt IS NULL OR startedAt > ?) AND scheduledAt > ?
       ORDER BY scheduledAt, id LIMIT 1`,
    );
    this.streamStatement = db.prepare<[string], ActionStream>('SELECT id, title, scheduledAt, startedAt, endedAt FROM streams WHERE id = ?');
    this.nextListingStatement = db.prepare<[number], ActionListing>(
      'SELECT id, title, startsAt FROM listings WHERE startsAt > ? ORDER BY startsAt, id LIMIT 1',
    );
    this.listingStatement = db.prepare<[string], ActionListing>('SELECT id, title, startsAt FROM listings WHERE id = ?');
    this.executedIdsStatement = db.prepare<[], string>("SELECT id FROM crm_actions WHERE status = 'executed'").pluck();
    this.metricsStatement = db.prepare<[number, number], ActionMetricsSqlRow>(
      `SELECT type, count(*) AS actions,
              sum(outcomeMeasuredAt IS NOT NULL) AS measured,
              sum(coalesce(outcomeTokens, 0) > 0) AS converted,
              coalesce(sum(outcomeTokens), 0) AS tokensAttributed,
              coalesce(sum(CASE WHEN outcomeMeasuredAt IS NOT NULL THEN estimatedTokens ELSE 0 END), 0) AS expectedTokens
       FROM crm_actions WHERE status = 'executed' AND requestedAt > ? AND requestedAt <= ? GROUP BY type`,
    );
    // One small grouped read per request (a few rows of output); measured outcomes only, and only
    // windows closed by `now`, so an earlier --now sees the results as they stood then.
    this.closedResultsStatement = db.prepare<[number], ClosedActionResultsSqlRow>(
      `SELECT type, count(*) AS closed,
              sum(outcomeTokens > 0) AS converted,
              coalesce(sum(CASE WHEN outcomeTokens > 0 THEN outcomeTokens ELSE 0 END), 0) AS convertedTokens
       FROM crm_actions
       WHERE status = 'executed' AND outcomeMeasuredAt IS NOT NULL AND windowEndsAt <= ?
       GROUP BY type`,
    );
    this.allClosedResultsStatement = db.prepare<[], ClosedActionResultsSqlRow & { latestWindowEnd: number }>(
      `SELECT type, count(*) AS closed,
              sum(outcomeTokens > 0) AS converted,
              coalesce(sum(CASE WHEN outcomeTokens > 0 THEN outcomeTokens ELSE 0 END), 0) AS convertedTokens,
              max(windowEndsAt) AS latestWindowEnd
       FROM crm_actions
       WHERE status = 'executed' AND outcomeMeasuredAt IS NOT NULL
       GROUP BY type`,
    );
    this.dataVersionStatement = db.prepare<[], number>('PRAGMA data_version').pluck();
  }

  insert(record: ActionRecord): void {
    this.ownWrites += 1;
    this.insertStatement.run(record);
  }

  /** Moves a pending action to its final status. */
  complete(actionId: string, status: 'executed' | 'failed', at: number, reason: string | null): void {
    this.ownWrites += 1;
    this.completeStatement.run({ id: actionId, status, reason, at });
  }

  /** Actions requested in `(from, to]` that were not refused: the 60-per-hour rule. */
  countRequested(from: number, to: number): number {
    return this.countSinceStatement.get(from, to) ?? 0;
  }

  /** True when this type was already taken (pending or executed) for this supporter in `(from, to]`: the 24 h rule. */
  hasRecent(supporterId: string, type: CrmActionType, from: number, to: number): boolean {
    return (this.recentOfTypeStatement.get(supporterId, type, from, to) ?? 0) > 0;
  }

  /** For each of these supporters, the types taken (pending or executed) in `(from, to]`: `hasRecent` for a page at once. */
  typesTaken(supporterIds: readonly string[], from: number, to: number): Map<string, Set<CrmActionType>> {
    const result = new Map<string, Set<CrmActionType>>();
    if (supporterIds.length === 0) return result;
    for (const { supporterId, type } of this.typesTakenStatement.all({ ids: JSON.stringify(supporterIds), from, to })) {
      const types = result.get(supporterId);
      if (types === undefined) result.set(supporterId, new Set([type]));
      else types.add(type);
    }
    return result;
  }

  get(actionId: string): ActionRecord | null {
    return this.getStatement.get(actionId) ?? null;
  }

  /** The activity log, newest first, with each supporter's handle. */
  list(limit: number): (ActionRecord & { handle: string | null })[] {
    return this.listStatement.all(limit);
  }

  /** Executed actions whose outcome is not measured yet, oldest first. */
  openWindows(limit: number): ActionRecord[] {
    return this.openWindowsStatement.all(limit);
  }

  /** Actions still `pending` that were requested at or before `before` (interrupted midway). */
  stalePending(before: number): ActionRecord[] {
    return this.stalePendingStatement.all(before);
  }

  recordOutcome(actionId: string, tokens: number, at: number, windowEndsAt: number): void {
    this.ownWrites += 1;
    this.outcomeStatement.run({ id: actionId, tokens, at, windowEndsAt });
  }

  /** Tokens the supporter spent in `(from, to]` (SPEC §2 spend). */
  spendBetween(supporterId: string, from: number, to: number): number {
    return this.spendBetweenStatement.get(supporterId, from, to) ?? 0;
  }

  /** The supporter's activity (creator messages left out) in `(from, to]`, oldest first. */
  spendRows(supporterId: string, from: number, to: number): SpendRow[] {
    return this.spendRowsStatement
      .all(supporterId, from, to)
      .map((row) => ({ type: row.type, at: row.at, tokens: row.tokens, online: row.online === null ? null : row.online === 1 }));
  }

  supporter(supporterId: string): ActionSupporterFacts | null {
    const row = this.supporterStatement.get(supporterId);
    return row ? { id: row.id, handle: row.handle, fanClubTier: row.fanClubTier, fanClubActive: row.fanClubActive === 1 } : null;
  }

  /** A stream that is live at `now`, else the next scheduled one. */
  liveOrScheduledStream(now: number): ActionStream | null {
    return this.liveStreamStatement.get(now, now) ?? this.scheduledStreamStatement.get(now, now) ?? null;
  }

  stream(streamId: string): ActionStream | null {
    return this.streamStatement.get(streamId) ?? null;
  }

  /** The next listing that starts after `now`. */
  nextListing(now: number): ActionListing | null {
    return this.nextListingStatement.get(now) ?? null;
  }

  listing(listingId: string): ActionListing | null {
    return this.listingStatement.get(listingId) ?? null;
  }

  /** The idempotency keys of every executed action: each was queued in the outbox under its id. */
  executedActionIds(): string[] {
    return this.executedIdsStatement.all();
  }

  /** Per type: executed actions whose outcome is recorded and whose window closed by `now`, how many converted, and their tokens. */
  closedResultsByType(now: number): ClosedActionResultsSqlRow[] {
    // Inside a transaction the rows may be uncommitted (and rolled back later): read them, keep nothing.
    if (this.db.inTransaction) return this.closedResultsStatement.all(now);
    const dataVersion = this.dataVersionStatement.get() ?? 0;
    let memo = this.closedResultsMemo;
    if (memo === null || memo.ownWrites !== this.ownWrites || memo.dataVersion !== dataVersion) {
      const rows = this.allClosedResultsStatement.all();
      memo = {
        ownWrites: this.ownWrites,
        dataVersion,
        rows: rows.map(({ type, closed, converted, convertedTokens }) => ({ type, closed, converted, convertedTokens })),
        latestWindowEnd: rows.reduce((latest, row) => Math.max(latest, row.latestWindowEnd), -Infinity),
      };
      this.closedResultsMemo = memo;
    }
    // Every recorded window closed by `now` (the usual case): the memo is the answer. An earlier
    // `--now` that some windows had not reached yet asks the log itself.
    return now >= memo.latestWindowEnd ? memo.rows.map((row) => ({ ...row })) : this.closedResultsStatement.all(now);
  }

  /** Executed actions requested in `(from, to]`, grouped by type. */
  metrics(from: number, to: number): ActionMetricsSqlRow[] {
    return this.metricsStatement.all(from, to);
  }
}

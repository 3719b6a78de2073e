import type { CrmCore } from '../crmCore';
import type { IncomingRecord } from '../ingest/applyChangeBatch';
import type { OutboxStore } from '../store/outboxStore';
import type { ChangesPage, PlatformApi } from './platformClient';
import { withRetry, type RetryPolicy, type Sleep } from './retryWithBackoff';
import { cancelledFault, SyncFault, throwIfCancelled } from './syncFault';
import type { SyncStateStore } from '../store/syncStateStore';

export interface SyncRunSummary {
  applied: number;
  quarantined: number;
  droppedForbiddenFields: number;
  pages: number;
  pushedActions: number;
  /** Actions the platform refused for good (marked `failed` in the outbox). */
  failedActions: number;
}

export interface SyncRunContext {
  core: CrmCore;
  outbox: OutboxStore;
  state: SyncStateStore;
  client: PlatformApi;
  /** Normalized server URL: the cursor belongs to it. */
  serverUrl: string;
  pageSize: number;
  retry: RetryPolicy;
  sleep: Sleep;
  random: () => number;
  signal: AbortSignal;
  /** Wall clock for bookkeeping (delivery times); the engine's clock stays the core's. */
  wallClock: () => number;
  onPageApplied?(summary: SyncRunSummary): void;
  onRetry?(fault: SyncFault, delayMs: number): void;
}

/** A failed run: what was done before the fault (it stays done) and the fault itself. */
export class SyncRunError extends Error {
  override name = 'SyncRunError';

  constructor(
    readonly fault: SyncFault,
    readonly summary: SyncRunSummary,
    /** The original error when the run stopped for a reason other than the platform (a full disk, a damaged cache, a bug). */
    readonly unexpected?: unknown,
  ) {
    super(fault.message);
  }
}

export function emptySummary(): SyncRunSummary {
  return { applied: 0, quarantined: 0, droppedForbiddenFields: 0, pages: 0, pushedActions: 0, failedActions: 0 };
}

/** Consecutive pages that leave the cursor where it was before the run is called a server fault. */
const MAX_REPEATED_PAGES = 5;

/**
 * One sync run: push the outbox first (so the platform sees the creator's actions before we pull
 * what follows from them), then pull pages until `hasMore` is false. Each page is applied together
 * with its cursor in one transaction (`core.applyBatch(..., extraWork)`), so a crash at any moment
 * leaves either the page and its cursor, or neither; replays are harmless because upserts are
 * idempotent. The next page is fetched while the current one is applied.
 */
export async function runSync(context: SyncRunContext): Promise<SyncRunSummary> {
  const summary = emptySummary();
  try {
    await pushOutbox(context, summary);
    await pullChanges(context, summary);
    return summary;
  } catch (error) {
    if (error instanceof SyncFault) throw new SyncRunError(error, summary);
    const message = error instanceof Error ? error.message : String(error);
    throw new SyncRunError(new SyncFault('bad_response', `Sync stopped: ${message}`), summary, error);
  }
}

async function pushOutbox(context: SyncRunContext, summary: SyncRunSummary): Promise<void> {
  const { outbox, client, signal } = context;
  let afterId = 0;
  for (;;) {
    const batch = outbox.pending(50, afterId);
    if (batch.length === 0) return;
    for (const entry of batch) {
      afterId = entry.id;
      throwIfCancelled(signal);
      let result: unknown;
      try {
        result = await withRetry(() => client.postAction({ type: entry.type, supporterId: entry.supporterId, params: entry.params }, entry.idempotencyKey, signal), {
          policy: context.retry,
          sleep: context.sleep,
          random: context.random,
          signal,
          onRetry: (fault, delayMs) => {
            if (outbox.isOpen) outbox.recordAttempt(entry.id, context.wallClock(), fault.message);
            context.onRetry?.(fault, delayMs);
          },
        });
      } catch (error) {
        if (error instanceof SyncFault && error.kind === 'rejected') {
          // The platform will never take this one (unknown supporter, invalid action): set it aside, keep going.
          throwIfCancelled(signal);
          outbox.markFailed(entry.id, error.message, context.wallClock());
          summary.failedActions += 1;
          continue;
        }
        // Network, rate limit, 401: stop here so actions keep their order; the next run resumes.
        throw error;
      }
      throwIfCancelled(signal);
      outbox.recordAttempt(entry.id, context.wallClock(), null);
      outbox.markDelivered(entry.id, result, context.wallClock());
      summary.pushedActions += 1;
    }
  }
}

async function pullChanges(context: SyncRunContext, summary: SyncRunSummary): Promise<void> {
  const { core, state, serverUrl, signal } = context;
  // Aborts a prefetch left in flight when the loop ends early.
  const prefetch = new AbortController();
  const pageSignal = AbortSignal.any([signal, prefetch.signal]);
  const fetchPage = (cursor: string | null): Promise<ChangesPage> => {
    const promise = withRetry(() => context.client.fetchChanges(cursor, context.pageSize, pageSignal), {
      policy: context.retry,
      sleep: context.sleep,
      random: context.random,
      signal: pageSignal,
      onRetry: (fault, delayMs) => context.onRetry?.(fault, delayMs),
    });
    // Awaited below; this only keeps a rejection that arrives first from counting as unhandled.
    promise.catch(() => undefined);
    return promise;
  };

  const source = `sync:${new URL(serverUrl).host}`;
  let cursor = state.cursorFor(serverUrl);
  let received = state.receivedFrom(serverUrl);
  let restartedFromBeginning = false;
  let repeatedPages = 0;
  let inFlight = fetchPage(cursor);
  try {
    for (;;) {
      let page: ChangesPage;
      try {
        page = await inFlight;
      } catch (error) {
        if (error instanceof SyncFault && error.kind === 'cursor_expired' && !restartedFromBeginning) {
          restartedFromBeginning = true;
          throwIfCancelled(signal);
          state.resetCursor();
          cursor = null;
          inFlight = fetchPage(null);
          continue;
        }
        throw error;
      }
      if (signal.aborted) throw cancelledFault();
      repeatedPages = page.hasMore && page.cursor === cursor ? repeatedPages + 1 : 0;
      if (repeatedPages > MAX_REPEATED_PAGES) {
        throw new SyncFault('bad_response', 'The platform keeps sending the same page without moving on; will try again later.');
      }
      if (page.hasMore) inFlight = fetchPage(page.cursor);

      const records: IncomingRecord[] = new Array(page.changes.length);
      for (let index = 0; index < page.changes.length; index += 1) {
        records[index] = { kind: 'value', value: page.changes[index], position: received + index + 1 };
      }
      const receivedAfter = received + records.length;
      const nextCursor = page.cursor;
      // Checked again right before the write: close() may have run while we awaited.
      if (signal.aborted) throw cancelledFault();
      if (records.length === 0) {
        // Nothing new (the usual periodic run): no observers, no data_changed; keep a moved cursor.
        if (nextCursor !== cursor) core.db.transaction(() => state.saveCursor(serverUrl, nextCursor, receivedAfter)).immediate();
        summary.pages += 1;
      } else {
        const outcome = core.applyBatch(records, source, () => state.saveCursor(serverUrl, nextCursor, receivedAfter));
        summary.pages += 1;
        summary.applied += outcome.applied;
        summary.quarantined += outcome.quarantined;
        summary.droppedForbiddenFields += outcome.droppedForbiddenFields;
        context.onPageApplied?.(summary);
      }
      received = receivedAfter;
      cursor = nextCursor;
      if (!page.hasMore) return;
    }
  } finally {
    prefetch.abort();
  }
}

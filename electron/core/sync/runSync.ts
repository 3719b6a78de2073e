import type { CrmCore } from '../crmCore';
import type { IncomingRecord } from '../ingest/applyChangeBatch';
import { queueUnsentMemory, queueWholeMemory } from '../memory/sync/queueStoredMemory';
import { restoreQueuedMemory } from '../memory/sync/restoreQueuedMemory';
import { MEMORY_OUTBOX_TYPE, type OutboxEntry, type OutboxStore } from '../store/outboxStore';
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
  /** Memory changes (notes, tags, follow-ups, snoozes) the platform now has. */
  pushedMemory: number;
  /** Memory changes the platform refused for good (marked `failed`, their text removed). */
  failedMemory: number;
  /** Memory changes left waiting because this platform does not keep memory (it answered 404 to `POST /v1/memory`). */
  heldMemory: number;
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
  return { applied: 0, quarantined: 0, droppedForbiddenFields: 0, pages: 0, pushedActions: 0, failedActions: 0, pushedMemory: 0, failedMemory: 0, heldMemory: 0 };
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

/** Outbox entries read per step, and the most memory changes sent in one request. */
const PUSH_PAGE = 100;

/** The platform the whole memory was last queued for (cache meta). */
const WHOLE_MEMORY_QUEUED_KEY = 'memoryQueuedForServer';

/** Answers to `POST /v1/memory` that mean "this platform does not keep memory" rather than "not this record". */
const MEMORY_UNSUPPORTED_STATUSES: ReadonlySet<number> = new Set([404, 405, 501]);

async function pushOutbox(context: SyncRunContext, summary: SyncRunSummary): Promise<void> {
  const { core, outbox, state, serverUrl } = context;
  // Memory written before it synced is queued now; a platform read from the beginning gets all of it (queueStoredMemory.ts).
  queueUnsentMemory(core, outbox);
  if (state.cursorFor(serverUrl) === null && core.stores.meta.get(WHOLE_MEMORY_QUEUED_KEY) !== serverUrl) {
    queueWholeMemory(core, outbox);
    // Once per platform while its log is read from the beginning, not at every run that fails before the first page.
    core.stores.meta.set(WHOLE_MEMORY_QUEUED_KEY, serverUrl);
  }
  let afterId = 0;
  let memoryKept = true;
  for (;;) {
    const batch = outbox.pending(PUSH_PAGE, afterId);
    if (batch.length === 0) return;
    for (let index = 0; index < batch.length; ) {
      const entry = batch[index] as OutboxEntry;
      if (entry.type === MEMORY_OUTBOX_TYPE) {
        // Consecutive memory changes go in one request, in the order they were made.
        const run: OutboxEntry[] = [];
        while (index < batch.length && (batch[index] as OutboxEntry).type === MEMORY_OUTBOX_TYPE) run.push(batch[index++] as OutboxEntry);
        afterId = (run.at(-1) as OutboxEntry).id;
        if (memoryKept) memoryKept = await pushMemory(context, run, summary);
        else summary.heldMemory += run.length;
        continue;
      }
      index += 1;
      afterId = entry.id;
      await pushAction(context, entry, summary);
    }
  }
}

async function pushAction(context: SyncRunContext, entry: OutboxEntry, summary: SyncRunSummary): Promise<void> {
  const { outbox, client, signal } = context;
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
      return;
    }
    // Network, rate limit, 401: stop here so actions keep their order; the next run resumes.
    throw error;
  }
  throwIfCancelled(signal);
  outbox.recordAttempt(entry.id, context.wallClock(), null);
  outbox.markDelivered(entry.id, result, context.wallClock());
  summary.pushedActions += 1;
}

/**
 * Sends queued memory changes in one request (docs/sync-protocol.md §9), after making sure each is
 * in the cache (restoreQueuedMemory: the outbox is the source of truth). Every change the platform answered for leaves the
 * outbox (one it refused stays as `failed`, without its text). Returns false when the platform
 * does not keep memory: the changes wait, and the run goes on with actions and the pull.
 */
async function pushMemory(context: SyncRunContext, entries: readonly OutboxEntry[], summary: SyncRunSummary): Promise<boolean> {
  const { core, outbox, client, signal } = context;
  throwIfCancelled(signal);
  const { sendable, failed } = restoreQueuedMemory(core, outbox, entries, context.wallClock());
  summary.failedMemory += failed;
  if (sendable.length === 0) return true;
  let answers;
  try {
    answers = await withRetry(() => client.postMemory(sendable.map((entry) => entry.params), signal), {
      policy: context.retry,
      sleep: context.sleep,
      random: context.random,
      signal,
      onRetry: (fault, delayMs) => context.onRetry?.(fault, delayMs),
    });
  } catch (error) {
    if (error instanceof SyncFault && error.kind === 'rejected') {
      throwIfCancelled(signal);
      if (error.details.status !== undefined && MEMORY_UNSUPPORTED_STATUSES.has(error.details.status)) {
        summary.heldMemory += sendable.length;
        return false;
      }
      for (const entry of sendable) outbox.failMemory(entry.id, error.message, context.wallClock());
      summary.failedMemory += sendable.length;
      return true;
    }
    throw error;
  }
  throwIfCancelled(signal);
  answers.forEach((answer, index) => {
    const entry = sendable[index] as OutboxEntry;
    if (answer.outcome === 'rejected') {
      outbox.failMemory(entry.id, `The platform refused it: ${answer.reason}`, context.wallClock());
      summary.failedMemory += 1;
    } else {
      outbox.settleMemory(entry.id);
      summary.pushedMemory += 1;
    }
  });
  return true;
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
          // A platform that rebuilt its log may have lost memory it was sent: the next run sends it all again.
          queueWholeMemory(core, context.outbox);
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

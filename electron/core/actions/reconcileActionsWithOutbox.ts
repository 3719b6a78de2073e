import type { CrmActionType } from '../../../shared/domain/crmActions';
import { isCrmActionType } from '../../../shared/domain/crmActions';
import type { CrmCore } from '../crmCore';
import type { OutboxEntry } from '../store/outboxStore';
import type { ActionEffects } from './actionEffects';
import { planFromOutboxEntry } from './actionRules';
import { applyLocalEffect } from './runCrmAction';

const PAGE = 500;

/**
 * docs/sync-protocol.md §6: the outbox is the source of truth for actions the creator took. On
 * opening the workspace (and after a damaged cache was rebuilt), every outbox entry whose action-log
 * row is missing or still `pending` gets its local effect and an `executed` row again, from the
 * entry itself. Idempotent: a second run changes nothing. Returns how many actions were restored.
 */
export function reconcileActionsWithOutbox(core: CrmCore, effects: ActionEffects, entries: Iterable<OutboxEntry>, now: number): number {
  const log = core.stores.actionLog;
  let restored = 0;
  for (const entry of entries) {
    if (!isCrmActionType(entry.type)) continue;
    const type: CrmActionType = entry.type;
    const row = log.get(entry.idempotencyKey);
    if (row && row.status !== 'pending') continue;
    core.transaction(() => {
      applyLocalEffect(effects, type, entry.supporterId, entry.createdAt);
      if (row) {
        log.complete(row.id, 'executed', now, null);
      } else {
        const plan = planFromOutboxEntry(type, entry.params, entry.createdAt, (listingId) => log.listing(listingId)?.startsAt ?? null);
        log.insert({
          id: entry.idempotencyKey,
          supporterId: entry.supporterId,
          type,
          status: 'executed',
          reason: null,
          requestedAt: entry.createdAt,
          completedAt: now,
          params: JSON.stringify(entry.params),
          sourceAlertId: null,
          // What was expected when it was taken is not in the outbox; the outcome is still measured.
          conversionProbability: null,
          estimatedTokens: null,
          timeWindow: plan.timeWindow,
          windowEndsAt: plan.windowEndsAt,
          outcomeTokens: null,
          outcomeMeasuredAt: null,
        });
      }
    });
    restored += 1;
  }
  return restored;
}

/** Every entry of this workspace's outbox, page by page; nothing (and no file created) when there is no outbox yet. */
export function* workspaceOutboxEntries(core: CrmCore): Generator<OutboxEntry> {
  if (!core.outbox.exists()) return;
  const outbox = core.outbox.open();
  let afterId = 0;
  for (;;) {
    const page = outbox.list(afterId, PAGE);
    if (page.length === 0) return;
    yield* page;
    afterId = (page.at(-1) as OutboxEntry).id;
  }
}

import type { AlertsRaisedEvent, CoreEvent } from '../../../shared/contract/apiTypes';
import { CrmCore } from '../crmCore';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../engine/engineTime';
import type { IncomingRecord } from '../ingest/applyChangeBatch';

/** Crafted change records and a core on a hand-driven clock, for alert and action tests. */
export const NOW = Date.parse('2025-12-03T10:00:00Z');
export { DAY_MS, HOUR_MS, MINUTE_MS };

export const iso = (at: number) => new Date(at).toISOString();

export type Change = { entity: string; op: 'upsert' | 'delete'; data: Record<string, unknown> };

export function creator(earnOn = true, timezone = 'UTC'): Change {
  return { entity: 'creator', op: 'upsert', data: { id: 'creator-1', handle: 'the_creator', earnOn, timezone } };
}

export function supporter(id: string, extra: Record<string, unknown> = {}): Change {
  return { entity: 'supporter', op: 'upsert', data: { id, handle: `fan_${id}`, firstSeenAt: iso(NOW - 200 * DAY_MS), ...extra } };
}

let sequence = 0;
export function activity(supporterId: string, type: string, at: number, extra: Record<string, unknown> = {}): Change {
  sequence += 1;
  return { entity: 'activity', op: 'upsert', data: { id: `act-${supporterId}-${sequence}`, supporterId, type, at: iso(at), ...extra } };
}

export function stream(id: string, fields: { scheduledAt: number; startedAt?: number; endedAt?: number }): Change {
  return {
    entity: 'stream',
    op: 'upsert',
    data: {
      id,
      title: `Stream ${id}`,
      scheduledAt: iso(fields.scheduledAt),
      ...(fields.startedAt === undefined ? {} : { startedAt: iso(fields.startedAt) }),
      ...(fields.endedAt === undefined ? {} : { endedAt: iso(fields.endedAt) }),
    },
  };
}

export function listing(id: string, startsAt: number, title = `Meet & greet ${id}`): Change {
  return { entity: 'listing', op: 'upsert', data: { id, title, startsAt: iso(startsAt) } };
}

/** A supporter with `lifetime` tokens spent in gifts ~20 days ago (so nothing recent), then offline. */
export function vipHistory(id: string, lifetime = 1500): Change[] {
  return [
    supporter(id),
    activity(id, 'presence', NOW - 20 * DAY_MS - HOUR_MS, { online: true }),
    activity(id, 'gift', NOW - 20 * DAY_MS, { tokens: lifetime }),
    activity(id, 'presence', NOW - 20 * DAY_MS + HOUR_MS, { online: false }),
  ];
}

/**
 * A hot lead (conversion probability ≥ 70, not VIP, active): 10 chats and 10 small gifts in the last
 * week (chat 100, gifting 100 → 60), online (+10) and an active fan club (+10): 80.
 */
export function hotLeadHistory(id: string): Change[] {
  const records: Change[] = [supporter(id, { fanClub: { tier: 'silver', since: iso(NOW - 60 * DAY_MS), renewsAt: iso(NOW + 20 * DAY_MS), active: true } })];
  for (let index = 0; index < 10; index += 1) {
    const at = NOW - 3 * DAY_MS + index * HOUR_MS;
    records.push(activity(id, 'chat_message', at), activity(id, 'gift', at + MINUTE_MS, { tokens: 5 }));
  }
  records.push(activity(id, 'presence', NOW - 2 * HOUR_MS, { online: true }));
  return records;
}

export interface TestCore {
  core: CrmCore;
  clock: { now: number };
  events: CoreEvent[];
  apply(records: readonly Change[]): void;
  /** Lets queued microtasks (deferred alert announcements) run. */
  settle(): Promise<void>;
  raised(): AlertsRaisedEvent['alerts'];
}

export function openTestCore(dataDir: string, now = NOW): TestCore {
  const clock = { now };
  const core = CrmCore.open({ dataDir, clock: () => clock.now });
  const events: CoreEvent[] = [];
  core.onEvent((event) => events.push(event));
  return {
    core,
    clock,
    events,
    apply(records) {
      const incoming: IncomingRecord[] = records.map((value, position) => ({ kind: 'value', value, position }));
      const outcome = core.applyBatch(incoming, 'test');
      // A crafted record the validator refuses is a bug in the test, not data to ignore.
      if (outcome.quarantined > 0) throw new Error(`${outcome.quarantined} crafted record(s) were quarantined`);
    },
    settle: () => new Promise((resolve) => setTimeout(resolve, 0)),
    raised: () => events.flatMap((event) => (event.kind === 'alerts_raised' ? event.payload.alerts : [])),
  };
}

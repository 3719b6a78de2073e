import type { CrmCore } from '../crmCore';
import type { OutboxEnqueueInput } from '../store/outboxStore';

/** Where an action's local effect goes: the engine's flag store (SPEC §7 flags and the priority reply queue). */
export interface SupporterFlagWriter {
  setDmReminder(supporterId: string, at: number): void;
  setPriorityReply(supporterId: string, at: number): void;
}

/** Where the message for the platform goes: the sync outbox (`outbox.sqlite`). */
export interface ActionOutbox {
  enqueue(input: OutboxEnqueueInput): number;
  getByKey?(idempotencyKey: string): unknown;
}

export interface ActionEffects {
  flags: SupporterFlagWriter;
  outbox: ActionOutbox;
}

/** The real effects of a core: its flag store, and the workspace's outbox opened on first use. */
export function defaultActionEffects(core: CrmCore): ActionEffects {
  return {
    flags: core.stores.flags,
    outbox: {
      enqueue: (input) => core.outbox.open().enqueue(input),
      getByKey: (key) => core.outbox.open().getByKey(key),
    },
  };
}

import { create } from 'zustand';
import type { ApiInput } from '../../../shared/contract/apiContract';
import { callApi } from '../api/callApi';
import { describeApiError } from '../api/describeApiError';
import { handleLabel } from '../app/HandleText';
import { toastStore, type ToastAction } from '../app/toastStore';
import { inboxStore } from './inboxStore';

/** What the inbox row's dialog is for: its tags, a reminder ("Remind me"), or a snooze. */
export type RowMemoryMode = 'tags' | 'remind' | 'snooze';

export interface RowMemoryTarget {
  supporterId: string;
  handle: string;
  tags: string[];
}

interface RowMemoryState {
  target: RowMemoryTarget | null;
  mode: RowMemoryMode;
  busy: boolean;
  /** The core's reason when a change was refused (the form keeps what was typed). */
  problem: string | null;
  open(target: RowMemoryTarget, mode: RowMemoryMode): void;
  close(): void;
  /** Runs one memory request for the row's supporter (SPEC §13: one supporter at a time); true when done. */
  change<Name extends 'tags.add' | 'tags.remove' | 'followUps.add' | 'snooze.set'>(name: Name, input: ApiInput<Name>, done: string): Promise<boolean>;
}

/**
 * Tags, "Remind me" and snooze from an inbox row (issue 20 items 2–3), through the same requests
 * the profile's cards use. After a change the list is read again, so chips, the Now queue's order
 * and a snoozed row leaving it are what the core stored. Confirmations never repeat a reminder's
 * private text.
 */
export const rowMemoryStore = create<RowMemoryState>((set, get) => ({
  target: null,
  mode: 'tags',
  busy: false,
  problem: null,
  open(target, mode) {
    set({ target, mode, busy: false, problem: null });
  },
  close() {
    set({ target: null, problem: null });
  },
  async change(name, input, done) {
    set({ busy: true, problem: null });
    let result: unknown;
    try {
      result = await callApi(name, input);
    } catch (error) {
      set({ busy: false, problem: describeApiError(error).message });
      return false;
    }
    const target = get().target;
    // A tag change answers with the supporter's tags: the dialog's chips follow at once.
    if (target && isSupporterTags(result) && result.supporterId === target.supporterId) set({ target: { ...target, tags: result.tags } });
    set({ busy: false });
    const supporterId = (input as { supporterId: string }).supporterId;
    // A snooze takes the row out of the Now queue at once; Undo brings it back.
    const undo = name === 'snooze.set' ? undoSnooze(supporterId, handleLabel(target?.handle ?? '')) : undefined;
    toastStore.getState().show(done, 'success', undo);
    void inboxStore.getState().refresh();
    return true;
  },
}));

function undoSnooze(supporterId: string, handle: string): ToastAction {
  return {
    label: 'Undo',
    description: `Undo snoozing ${handle}`,
    run() {
      callApi('snooze.cancel', { supporterId }).then(
        () => {
          toastStore.getState().show(`${handle} is back in the Now queue.`, 'success');
          void inboxStore.getState().refresh();
        },
        (error: unknown) => toastStore.getState().show(describeApiError(error).message, 'error'),
      );
    },
  };
}

function isSupporterTags(value: unknown): value is { supporterId: string; tags: string[] } {
  return typeof value === 'object' && value !== null && 'tags' in value && Array.isArray((value as { tags: unknown }).tags);
}

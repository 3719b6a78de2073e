import type { ApiInput, ApiRequestName } from '../../../shared/contract/apiContract';
import { callApi } from '../api/callApi';
import { describeApiError } from '../api/describeApiError';
import { toastStore } from '../app/toastStore';
import { profileStore } from '../profile/profileStore';

/** What a memory change came to: done, or the core's reason (shown beside the form, which keeps what was typed). */
export type MemoryOutcome = { ok: true } | { ok: false; message: string };

/**
 * Runs one memory request for the open profile and reloads it, so notes, tags, follow-ups and the
 * snooze on screen are what the core stored. The confirmation never repeats a note's text: a
 * toast is seen by anyone looking at the screen, and notes are private.
 */
export async function changeMemory<Name extends ApiRequestName>(name: Name, input: ApiInput<Name>, done: string): Promise<MemoryOutcome> {
  try {
    await callApi(name, input);
  } catch (error) {
    return { ok: false, message: describeApiError(error).message };
  }
  toastStore.getState().show(done, 'success');
  await profileStore.getState().reload();
  return { ok: true };
}

import { ApiFailure } from '../../../shared/contract/apiResult';
import type { CrmCore } from '../crmCore';
import { describeContactDetails } from './guard/describeContactDetails';
import { findContactDetails } from './guard/findContactDetails';
import { normaliseMemoryText } from './normaliseMemoryText';

/** The safety-log kind of a refused note or follow-up text: the forbidden action it would have been (SPEC §7, §13). */
export const CONTACT_DETAILS_SAFETY_LOG_KIND = 'contact_info_exchange';

/** Ids go into the safety log only when they cannot carry free text. */
export function loggableId(value: string): string {
  return /^[A-Za-z0-9_.:-]{1,80}$/.test(value) ? value : `(an id of ${value.length} characters)`;
}

/**
 * Private text on its way into the store: normalised (memory/normaliseMemoryText.ts), then checked
 * by the contact-details guard. A refusal names the kinds found, writes a `contact_info_exchange`
 * safety-log entry with the supporter and the kinds — never the text — and stores nothing.
 */
export function acceptMemoryText(core: CrmCore, input: string, what: 'note' | 'follow-up text', supporterId: string, now: number): string {
  const normalised = normaliseMemoryText(input, what);
  if (!normalised.ok) throw new ApiFailure('invalid_input', normalised.reason);
  const kinds = findContactDetails(normalised.text);
  if (kinds.length > 0) {
    core.stores.safetyLog.add(now, CONTACT_DETAILS_SAFETY_LOG_KIND, `${what} for ${loggableId(supporterId)} refused: ${kinds.join(', ')}; the text was not kept`);
    throw new ApiFailure('rejected', describeContactDetails(kinds, what));
  }
  return normalised.text;
}

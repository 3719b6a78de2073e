import type { ApiError, ApiErrorCode } from '../../../shared/contract/apiResult';
import { ApiCallError } from './callApi';

/** What an error state tells the creator: a sentence they can act on, and whether "Try again" can help. */
export interface ErrorView {
  code: ApiErrorCode | 'client';
  message: string;
  retryable: boolean;
}

/** Asking again gives the same answer for these. */
const FINAL_CODES: ReadonlySet<ApiErrorCode> = new Set(['forbidden', 'not_found', 'invalid_input', 'rejected', 'unknown_request']);

/**
 * Codes whose message is for developers (or, for the transport's own codes, too short), in the
 * creator's words. Other codes keep the core's message, which is written for the creator
 * ("Earning is switched off…", "The disk is full, so nothing was changed…").
 */
const FRIENDLY: Partial<Record<ApiErrorCode, string>> = {
  // The core answers not_implemented while a feature is still being built; say so plainly.
  not_implemented: 'This part of the console is not available in this version yet.',
  internal: 'Something went wrong in the local core. Trying again usually helps.',
  disconnected: 'The console lost its connection before it answered, so this may or may not have been done. Check, then try again.',
  timeout: 'The console did not answer in time. Try again in a moment.',
  unknown_request: 'This page and the console are different versions. Reload the page.',
};

/** The fields a creator types, by the contract's field path, and what to tell them when one is refused. */
const FIELD_WORDS: Record<string, string> = {
  serverUrl: 'Enter the platform’s address — for example platform.example.com or https://platform.example.com (http:// only for a server on this computer).',
  token: 'Enter the access token the platform gave you (at most 4,096 characters).',
  search: 'Search for at most 100 characters.',
  supporterId: 'This supporter’s id is not valid.',
  alertId: 'This alert’s id is not valid.',
  vipTabSize: 'The VIP tab shows between 1 and 100 supporters.',
  alertCooldownMinutes: 'The alert cooldown is between 0 and 1,440 minutes (24 hours).',
  'notifications.quietHours.start': 'Enter the start of quiet hours as HH:MM, 24-hour (for example 22:00).',
  'notifications.quietHours.end': 'Enter the end of quiet hours as HH:MM, 24-hour (for example 07:00).',
};

const INVALID_INPUT_FALLBACK = 'The console could not accept one of the values sent. Check what you entered, or reload the page and try again.';

/** What the contract's schema says about a refused field is for developers (`serverUrl: Invalid URL`). */
function describeInvalidInput(error: ApiError): string {
  if (error.field !== undefined) {
    const words = FIELD_WORDS[error.field] ?? (error.field.startsWith('fanClubPrices.') ? 'Fan club prices are whole numbers of tokens from 1 to 1,000,000.' : undefined);
    return words ?? INVALID_INPUT_FALLBACK;
  }
  // Refused by a feature with its own sentence ("Sorting by … is only available on the All tab").
  return error.message && !error.message.startsWith('Invalid input for') ? error.message : INVALID_INPUT_FALLBACK;
}

/** Turns anything a request threw into an `ErrorView` the creator can read. */
export function describeApiError(error: unknown): ErrorView {
  if (error instanceof ApiCallError) {
    const { code } = error.error;
    const message = code === 'invalid_input' ? describeInvalidInput(error.error) : (FRIENDLY[code] ?? (error.error.message || 'The request failed.'));
    return { code, message, retryable: !FINAL_CODES.has(code) };
  }
  const message = error instanceof Error && error.message ? error.message : 'Unexpected error.';
  return { code: 'client', message, retryable: true };
}

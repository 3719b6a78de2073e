import type { ApiErrorCode } from '../../../shared/contract/apiResult';
import { ApiCallError } from './callApi';

/** What an error state tells the creator: a sentence they can act on, and whether "Try again" can help. */
export interface ErrorView {
  code: ApiErrorCode | 'client';
  message: string;
  retryable: boolean;
}

/** Asking again gives the same answer for these. */
const FINAL_CODES: ReadonlySet<ApiErrorCode> = new Set(['forbidden', 'not_found', 'invalid_input', 'rejected']);

const FRIENDLY: Partial<Record<ApiErrorCode, { message: string; retryable: boolean }>> = {
  // The core answers not_implemented while a feature is still being built; say so plainly.
  not_implemented: { message: 'This part of the console is not available in this version yet.', retryable: true },
  unavailable: { message: 'The console lost its connection to the local core. It reconnects on its own.', retryable: true },
  internal: { message: 'Something went wrong in the local core. Trying again usually helps.', retryable: true },
};

/**
 * Turns anything a request threw into an `ErrorView`. Rejections, invalid input and not-found keep
 * the core's own message, which is written for the creator ("Earning is switched off…").
 */
export function describeApiError(error: unknown): ErrorView {
  if (error instanceof ApiCallError) {
    const friendly = FRIENDLY[error.error.code];
    if (friendly) return { code: error.error.code, ...friendly };
    return { code: error.error.code, message: error.error.message || 'The request failed.', retryable: !FINAL_CODES.has(error.error.code) };
  }
  const message = error instanceof Error && error.message ? error.message : 'Unexpected error.';
  return { code: 'client', message, retryable: true };
}

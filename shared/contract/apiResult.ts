/**
 * Every request answers with a plain object instead of throwing, because errors thrown across
 * Electron's `invoke` (and across a WebSocket) lose their fields.
 */
export type ApiErrorCode =
  | 'invalid_input'
  | 'unknown_request'
  | 'not_found'
  | 'not_implemented'
  | 'rejected'
  | 'forbidden'
  | 'unavailable'
  | 'internal'
  /** Said by the caller's side: the connection dropped after the request was sent, so it may or may not have run. */
  | 'disconnected'
  /** Said by the caller's side: no answer within the request's time limit (`shared/rpc/requestTimeoutMs`). */
  | 'timeout';

export interface ApiError {
  code: ApiErrorCode;
  message: string;
  /** For `invalid_input` found by the contract's schema: the dotted path of the first field at fault, so a UI can say which one in its own words. */
  field?: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function ok<T>(value: T): ApiResult<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ApiErrorCode, message: string): ApiResult<T> {
  return { ok: false, error: { code, message } };
}

/** A failure that a handler throws on purpose; the boundary turns it into `{ok: false}`. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

/**
 * Everything that can stop a request to the platform, sorted by what the sync does about it:
 * retry with backoff, stop and ask the creator to reconnect, or give up on one action.
 */
export type SyncFaultKind =
  | 'unauthorized'
  | 'rate_limited'
  | 'server_error'
  | 'network'
  | 'timeout'
  | 'bad_response'
  | 'rejected'
  | 'cursor_expired'
  | 'cancelled';

const RETRYABLE: ReadonlySet<SyncFaultKind> = new Set(['rate_limited', 'server_error', 'network', 'timeout', 'bad_response']);

export class SyncFault extends Error {
  override name = 'SyncFault';

  constructor(
    readonly kind: SyncFaultKind,
    /** Written for the creator: says what happened and what happens next. Never carries the token or record values. */
    message: string,
    readonly details: { status?: number; retryAfterMs?: number } = {},
  ) {
    super(message);
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }
}

export function cancelledFault(): SyncFault {
  return new SyncFault('cancelled', 'Sync was cancelled.');
}

/** Anything thrown during a run, as a fault; unexpected errors (a full disk, a bug) keep their message. */
export function toSyncFault(error: unknown): SyncFault {
  if (error instanceof SyncFault) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SyncFault('bad_response', `Sync stopped: ${message}`);
}

export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw cancelledFault();
}

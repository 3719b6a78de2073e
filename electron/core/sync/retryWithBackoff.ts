import { cancelledFault, SyncFault } from './syncFault';

export interface RetryPolicy {
  /** Tries per request, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `Retry-After` longer than this ends the run instead of blocking it; the next run waits for it. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 120_000 };

/** Waits `ms`, or rejects with a cancelled fault as soon as `signal` aborts. Injected so tests run without real waiting. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(cancelledFault());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledFault());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Exponential backoff with "equal jitter": half the exponential step plus a random half, so a crowd
 * of clients spreads out but nobody retries at once. A `Retry-After` from the platform is a floor.
 */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number, retryAfterMs?: number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(step / 2 + random() * (step / 2));
  return retryAfterMs === undefined ? jittered : Math.max(retryAfterMs, jittered);
}

export interface RetryContext {
  policy: RetryPolicy;
  sleep: Sleep;
  random: () => number;
  signal: AbortSignal;
  onRetry?(fault: SyncFault, delayMs: number, attempt: number): void;
}

/** Runs `operation` until it succeeds, a fault is not worth retrying, or the attempts run out (then the last fault is thrown). */
export async function withRetry<T>(operation: () => Promise<T>, context: RetryContext): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    if (context.signal.aborted) throw cancelledFault();
    try {
      return await operation();
    } catch (error) {
      if (!(error instanceof SyncFault) || !error.retryable || attempt >= context.policy.maxAttempts) throw error;
      const retryAfterMs = error.details.retryAfterMs;
      if (retryAfterMs !== undefined && retryAfterMs > context.policy.maxRetryAfterMs) throw error;
      const delayMs = backoffDelayMs(attempt, context.policy, context.random, retryAfterMs);
      context.onRetry?.(error, delayMs, attempt);
      await context.sleep(delayMs, context.signal);
    }
  }
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRetryAfterMs } from './platformClient';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, withRetry } from './retryWithBackoff';
import { SyncFault } from './syncFault';
import { recordingSleep } from './syncTestKit';

const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 10_000 };

describe('backoff', () => {
  it('grows exponentially, stays within [step/2, step] and never above the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, roll) => {
        const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
        const delay = backoffDelayMs(attempt, policy, () => roll);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(step / 2));
        expect(delay).toBeLessThanOrEqual(step);
      }),
    );
  });

  it('treats Retry-After as a floor', () => {
    expect(backoffDelayMs(1, policy, () => 0, 5000)).toBe(5000);
    expect(backoffDelayMs(1, policy, () => 0, 0)).toBe(50);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfterMs('3')).toBe(3000);
    expect(parseRetryAfterMs(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfterMs('soon')).toBeUndefined();
    expect(parseRetryAfterMs(null)).toBeUndefined();
  });
});

describe('withRetry', () => {
  it('retries retryable faults with growing waits, then succeeds', async () => {
    const { sleep, waits } = recordingSleep();
    let calls = 0;
    const value = await withRetry(
      async () => {
        calls += 1;
        if (calls < 4) throw new SyncFault('server_error', 'boom');
        return 'ok';
      },
      { policy, sleep, random: () => 0.5, signal: new AbortController().signal },
    );
    expect(value).toBe('ok');
    expect(waits).toEqual([75, 150, 300]);
  });

  it('gives up after maxAttempts with the last fault', async () => {
    const { sleep, waits } = recordingSleep();
    const failing = withRetry(() => Promise.reject(new SyncFault('network', 'down')), { policy, sleep, random: () => 0, signal: new AbortController().signal });
    await expect(failing).rejects.toMatchObject({ kind: 'network' });
    expect(waits).toHaveLength(policy.maxAttempts - 1);
  });

  it('does not retry 401 or a refused request', async () => {
    for (const kind of ['unauthorized', 'rejected'] as const) {
      const { sleep, waits } = recordingSleep();
      await expect(withRetry(() => Promise.reject(new SyncFault(kind, 'no')), { policy, sleep, random: () => 0, signal: new AbortController().signal })).rejects.toMatchObject({ kind });
      expect(waits).toEqual([]);
    }
  });

  it('honours Retry-After, and ends the run when the platform asks for longer than the policy allows', async () => {
    const { sleep, waits } = recordingSleep();
    let calls = 0;
    await withRetry(
      async () => {
        calls += 1;
        if (calls === 1) throw new SyncFault('rate_limited', 'slow down', { retryAfterMs: 2000 });
        return null;
      },
      { policy, sleep, random: () => 0, signal: new AbortController().signal },
    );
    expect(waits).toEqual([2000]);
    const tooLong = withRetry(() => Promise.reject(new SyncFault('rate_limited', 'later', { retryAfterMs: 60_000 })), {
      policy,
      sleep,
      random: () => 0,
      signal: new AbortController().signal,
    });
    await expect(tooLong).rejects.toMatchObject({ kind: 'rate_limited' });
  });

  it('stops at once when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(withRetry(() => Promise.resolve(1), { policy: DEFAULT_RETRY_POLICY, sleep: recordingSleep().sleep, random: () => 0, signal: controller.signal })).rejects.toMatchObject({
      kind: 'cancelled',
    });
  });
});

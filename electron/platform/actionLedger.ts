import { createHash } from 'node:crypto';

export interface PlatformActionRequest {
  type: string;
  supporterId: string;
  params: Record<string, unknown>;
}

export interface PlatformActionResult {
  actionId: string;
  type: string;
  supporterId: string;
  status: 'accepted';
  acceptedAt: string;
}

interface LedgerEntry {
  fingerprint: string;
  result: PlatformActionResult;
  /** Times the action was carried out: must stay 1 whatever the client retries. */
  executions: number;
  /** Times the key was presented. */
  requests: number;
}

export type LedgerOutcome =
  | { kind: 'executed'; result: PlatformActionResult }
  | { kind: 'replayed'; result: PlatformActionResult }
  | { kind: 'key_reused'; message: string };

/**
 * The platform side of idempotency: the first request with a key is carried out and its result
 * kept; a repeat of the key returns that result without acting again. Counts are kept per key so
 * tests can prove that every queued action reached the platform exactly once.
 */
export class ActionLedger {
  private readonly byKey = new Map<string, LedgerEntry>();
  private sequence = 0;

  constructor(private readonly clock: () => number = Date.now) {}

  submit(idempotencyKey: string, request: PlatformActionRequest): LedgerOutcome {
    const fingerprint = createHash('sha256').update(JSON.stringify([request.type, request.supporterId, request.params])).digest('hex');
    const existing = this.byKey.get(idempotencyKey);
    if (existing) {
      existing.requests += 1;
      if (existing.fingerprint !== fingerprint) {
        return { kind: 'key_reused', message: 'This Idempotency-Key was already used for a different action.' };
      }
      return { kind: 'replayed', result: existing.result };
    }
    this.sequence += 1;
    const result: PlatformActionResult = {
      actionId: `act-${this.sequence}`,
      type: request.type,
      supporterId: request.supporterId,
      status: 'accepted',
      acceptedAt: new Date(this.clock()).toISOString(),
    };
    this.byKey.set(idempotencyKey, { fingerprint, result, executions: 1, requests: 1 });
    return { kind: 'executed', result };
  }

  executions(idempotencyKey: string): number {
    return this.byKey.get(idempotencyKey)?.executions ?? 0;
  }

  requests(idempotencyKey: string): number {
    return this.byKey.get(idempotencyKey)?.requests ?? 0;
  }

  /** Every key seen, with its counts. */
  summary(): { idempotencyKey: string; executions: number; requests: number; result: PlatformActionResult }[] {
    return [...this.byKey].map(([idempotencyKey, entry]) => ({
      idempotencyKey,
      executions: entry.executions,
      requests: entry.requests,
      result: entry.result,
    }));
  }

  get totalExecutions(): number {
    let total = 0;
    for (const entry of this.byKey.values()) total += entry.executions;
    return total;
  }
}

import { SeededRandom } from '../core/demo/seededRandom';

/**
 * Test-only faults the reference platform can inject, to rehearse what a laptop on café Wi-Fi
 * meets. None of them is ever active unless a test or a `--faults` flag asks for it.
 */
export const FAULT_KINDS = ['server_error', 'rate_limit', 'slow', 'drop', 'truncate', 'duplicate', 'out_of_order', 'unauthorized'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export type FaultRoute = 'changes' | 'actions' | 'memory' | 'wait';

export interface FaultRule {
  kind: FaultKind;
  /**
   * Which endpoint it hits; default changes, actions and memory where the fault makes sense
   * (duplicate and out_of_order: changes only). The long-poll (`wait`) only takes rules that name it, so a script
   * that aims a fault at the next pull is not defeated by a wait that happens to come first.
   */
  route?: FaultRoute;
  /** How many matching requests it affects; default 1. */
  count?: number;
  /** server_error: the status to answer with (default 500). */
  status?: number;
  /** rate_limit: the `Retry-After` header in seconds (default 1). */
  retryAfterSeconds?: number;
  /** slow: how long to stall (default 2000 ms). */
  delayMs?: number;
  /**
   * slow: stall before the headers (default) or after the headers, in the middle of the body.
   * drop: drop the connection before doing anything (default) or after doing the work (an action
   * is executed, a page is half sent) — the case idempotency keys exist for.
   */
  phase?: 'before' | 'after';
}

const PAGE_ONLY: ReadonlySet<FaultKind> = new Set(['duplicate', 'out_of_order']);

export interface RandomFaultOptions {
  rate: number;
  kinds: readonly FaultKind[];
  seed: number;
}

export class FaultInjector {
  private rules: { rule: FaultRule; remaining: number }[] = [];
  private random: { rate: number; kinds: readonly FaultKind[]; rng: SeededRandom } | null = null;
  /** Every fault served, for tests to check that a fault really happened. */
  readonly served: { kind: FaultKind; route: FaultRoute }[] = [];

  add(...rules: FaultRule[]): void {
    for (const rule of rules) this.rules.push({ rule, remaining: rule.count ?? 1 });
  }

  /** Injects faults at random: each request has `rate` chance of one of `kinds`. */
  setRandom(options: RandomFaultOptions | null): void {
    this.random = options === null ? null : { rate: options.rate, kinds: options.kinds, rng: new SeededRandom(options.seed) };
  }

  clear(): void {
    this.rules = [];
    this.random = null;
  }

  pendingCount(): number {
    return this.rules.reduce((sum, entry) => sum + entry.remaining, 0);
  }

  /** The fault to apply to this request, if any; consumes one use of a scripted rule. */
  take(route: FaultRoute): FaultRule | null {
    const index = this.rules.findIndex(
      ({ rule }) => (rule.route === route || (rule.route === undefined && route !== 'wait')) && (route === 'changes' || !PAGE_ONLY.has(rule.kind)),
    );
    if (index !== -1) {
      const entry = this.rules[index] as { rule: FaultRule; remaining: number };
      entry.remaining -= 1;
      if (entry.remaining <= 0) this.rules.splice(index, 1);
      this.served.push({ kind: entry.rule.kind, route });
      return entry.rule;
    }
    if (this.random && this.random.rng.chance(this.random.rate)) {
      const kinds = this.random.kinds.filter((kind) => route === 'changes' || !PAGE_ONLY.has(kind));
      if (kinds.length === 0) return null;
      const kind = this.random.rng.pick(kinds);
      this.served.push({ kind, route });
      return { kind, delayMs: 1500, retryAfterSeconds: 1, phase: this.random.rng.chance(0.5) ? 'before' : 'after' };
    }
    return null;
  }
}

export function parseFaultKinds(text: string): FaultKind[] {
  const kinds = text.split(',').map((part) => part.trim()).filter((part) => part !== '');
  for (const kind of kinds) {
    if (!(FAULT_KINDS as readonly string[]).includes(kind)) throw new Error(`Unknown fault "${kind}"; known: ${FAULT_KINDS.join(', ')}`);
  }
  return kinds as FaultKind[];
}

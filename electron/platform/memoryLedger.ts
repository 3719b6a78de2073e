import type { MemoryRecord } from '../../shared/domain/memoryRecords';
import { validateMemoryRecord } from '../core/ingest/validateMemoryRecord';
import { compareMemoryRecords } from '../core/memory/sync/compareMemoryRecords';
import { memoryChangeRecord } from '../core/memory/sync/memoryChangeRecord';
import type { ChangeLog } from './changeLog';

/**
 * What the platform did with one memory record a client sent: `applied` (it won, and is in the
 * change feed now), `unchanged` (the platform already had this very write), `superseded` (the
 * platform holds a copy that wins; the client gets it from the feed), `rejected` (not a valid
 * memory record; `reason` says why).
 */
export type MemoryPushOutcome = 'applied' | 'unchanged' | 'superseded' | 'rejected';

export interface MemoryPushResult {
  id: string | null;
  outcome: MemoryPushOutcome;
  reason?: string;
}

interface HeldRecord {
  record: MemoryRecord;
  /** Every log position holding a state of this record (all rewritten to the latest). */
  positions: number[];
}

/**
 * The reference platform's relationship memory for its account (docs/sync-protocol.md §9): the
 * latest state of every note, tag assignment, follow-up and snooze, decided last writer wins per
 * id by the same rule as the client (compareMemoryRecords), so whatever order clients push in,
 * the platform ends with the copy every client will keep. A record that wins is appended to the
 * change log; the positions of its earlier states are rewritten to the new one, so a deleted or
 * edited-away text is kept nowhere. Records are judged by the client's own validator (shape, ids,
 * the contact-details guard on text).
 */
export class MemoryLedger {
  private readonly held = new Map<string, HeldRecord>();
  readonly counts: Record<MemoryPushOutcome, number> = { applied: 0, unchanged: 0, superseded: 0, rejected: 0 };

  constructor(private readonly log: ChangeLog) {}

  /** One record a client sent. */
  submit(value: unknown): MemoryPushResult {
    const data = typeof value === 'object' && value !== null ? (value as { data?: unknown }).data : undefined;
    const rawId = typeof data === 'object' && data !== null ? (data as { id?: unknown }).id : undefined;
    const id = typeof rawId === 'string' && rawId.length <= 200 ? rawId : null;
    const checked = validateMemoryRecord(value);
    if (!checked.ok) {
      this.counts.rejected += 1;
      return { id, outcome: 'rejected', reason: checked.reason };
    }
    const outcome = this.keep(checked.record, null);
    this.counts[outcome] += 1;
    return { id, outcome };
  }

  /**
   * A record already appended to the log as it came (the initial data, a test's `append`): a valid
   * memory record that wins is remembered with its position, so later pushes are judged against it.
   */
  observe(value: unknown, position: number): void {
    const checked = validateMemoryRecord(value);
    if (checked.ok) this.keep(checked.record, position);
  }

  /** How many distinct memory records the platform holds (tombstones included). */
  get size(): number {
    return this.held.size;
  }

  private keep(record: MemoryRecord, appendedAt: number | null): Exclude<MemoryPushOutcome, 'rejected'> {
    const key = `${record.entity}\u0000${record.id}`;
    const held = this.held.get(key);
    if (held !== undefined) {
      const order = compareMemoryRecords(record, held.record);
      if (order <= 0) {
        // An older state appended as it came does not stay in the log either.
        if (appendedAt !== null) {
          this.log.replace(appendedAt, JSON.stringify(memoryChangeRecord(held.record)));
          held.positions.push(appendedAt);
        }
        return order === 0 ? 'unchanged' : 'superseded';
      }
    }
    const json = JSON.stringify(memoryChangeRecord(record));
    const positions = held?.positions ?? [];
    for (const position of positions) this.log.replace(position, json);
    let position = appendedAt;
    if (position === null) {
      position = this.log.length;
      this.log.appendSerialized(json);
    } else {
      this.log.replace(position, json);
    }
    this.held.set(key, { record, positions: [...positions, position] });
    return 'applied';
  }
}

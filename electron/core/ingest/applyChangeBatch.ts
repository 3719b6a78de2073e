import type { ImportSummary } from '../../../shared/contract/apiTypes';
import type { ValidChange } from '../../../shared/domain/entities';
import type { MemoryRecord } from '../../../shared/domain/memoryRecords';
import { CONTACT_DETAILS_SAFETY_LOG_KIND, loggableId } from '../memory/acceptMemoryText';
import { mergeMemoryRecord, type MemoryMergeOutcome, type MemoryStores } from '../memory/sync/mergeMemoryRecord';
import type { ChangeStore } from '../store/changeStore';
import type { QuarantineStore } from '../store/quarantineStore';
import type { SafetyLogStore } from '../store/safetyLogStore';
import { countForbiddenFields, type DroppedFieldCounts } from './countForbiddenFields';
import { InsertedActivities } from './insertedActivities';
import { keepContractFields } from './keepContractFields';
import { validateChangeRecord } from './validateChangeRecord';
import { isMemoryChangeRecord, validateMemoryRecord } from './validateMemoryRecord';

/**
 * A record as it arrives: a line of text (JSONL import), an already parsed value (a sync page), or
 * a line too long to read (over 1 MiB; only its length in bytes is known, see readJsonlBatches).
 */
export type IncomingRecord =
  | { kind: 'text'; text: string; position: number }
  | { kind: 'value'; value: unknown; position: number }
  | { kind: 'oversized'; length: number; position: number };

/** The quarantine reason of a line over 1 MiB. */
export const OVERSIZED_LINE_REASON = 'line longer than 1 MiB (not read)';

export interface BatchStores extends MemoryStores {
  changes: ChangeStore;
  quarantine: QuarantineStore;
  safetyLog: SafetyLogStore;
}

/** What the batch's memory records did, by merge outcome (a refused one is quarantined instead). */
export type MemoryMergeCounts = Record<Exclude<MemoryMergeOutcome, 'refused'>, number>;

export interface BatchOutcome extends ImportSummary {
  touchedSupporterIds: Set<string>;
  insertedActivities: InsertedActivities;
  droppedByField: DroppedFieldCounts;
  memory: MemoryMergeCounts;
}

/** The quarantine reason of a memory record whose id is already another supporter's. */
export const MEMORY_MOVED_REASON = 'a memory record cannot move to another supporter';

/**
 * Applies a batch of change records in the caller's transaction: counts forbidden fields, then
 * validates; a bad record is quarantined with its reason, cut down to the contract's fields, and
 * the rest still apply (SPEC §1). Memory records (notes, tags, follow-ups and snoozes from another
 * machine, docs/sync-protocol.md §9) are checked by their own, stricter rules and merged last
 * writer wins per id; one whose text the contact-details guard refuses is also written to the
 * safety log, by kind only.
 */
export function applyChangeBatch(
  stores: BatchStores,
  records: readonly IncomingRecord[],
  context: { source: string; receivedAt: number },
): BatchOutcome {
  const outcome: BatchOutcome = {
    applied: 0,
    quarantined: 0,
    droppedForbiddenFields: 0,
    touchedSupporterIds: new Set(),
    insertedActivities: new InsertedActivities(),
    droppedByField: {},
    memory: { inserted: 0, replaced: 0, kept: 0, echo: 0 },
  };
  const quarantine = (value: unknown, position: number, reason: string) => {
    const kept = keepContractFields(value);
    const record = kept === null ? null : JSON.stringify(kept);
    stores.quarantine.add({ receivedAt: context.receivedAt, source: context.source, position, length: record?.length ?? 0, reason, record });
    outcome.quarantined += 1;
  };
  const valid: ValidChange[] = [];
  const memory: { record: MemoryRecord; value: unknown; position: number }[] = [];
  for (const incoming of records) {
    let value: unknown;
    if (incoming.kind === 'oversized') {
      stores.quarantine.add({
        receivedAt: context.receivedAt,
        source: context.source,
        position: incoming.position,
        length: incoming.length,
        reason: OVERSIZED_LINE_REASON,
        record: null,
      });
      outcome.quarantined += 1;
      continue;
    }
    if (incoming.kind === 'text') {
      try {
        value = JSON.parse(incoming.text);
      } catch {
        // Unparseable text cannot be cleaned, so only where it was and how long it was is kept.
        stores.quarantine.add({
          receivedAt: context.receivedAt,
          source: context.source,
          position: incoming.position,
          length: incoming.text.length,
          reason: 'invalid JSON',
          record: null,
        });
        outcome.quarantined += 1;
        continue;
      }
    } else {
      value = incoming.value;
    }
    outcome.droppedForbiddenFields += countForbiddenFields(value, outcome.droppedByField);
    if (isMemoryChangeRecord(value)) {
      const checked = validateMemoryRecord(value);
      if (checked.ok) {
        memory.push({ record: checked.record, value, position: incoming.position });
        continue;
      }
      if (checked.contactDetails) {
        const { id, supporterId } = (value as { data?: { id?: unknown; supporterId?: unknown } }).data ?? {};
        const name = (field: unknown) => (typeof field === 'string' ? loggableId(field) : '(no id)');
        stores.safetyLog.add(
          context.receivedAt,
          CONTACT_DETAILS_SAFETY_LOG_KIND,
          `${String((value as { entity: string }).entity)} ${name(id)} for ${name(supporterId)} from ${context.source} quarantined: ${checked.contactDetails.join(', ')}; the text was not kept`,
        );
      }
      quarantine(value, incoming.position, checked.reason);
      continue;
    }
    // The validator copies known fields only, so forbidden fields never reach a valid change.
    const validation = validateChangeRecord(value);
    if (!validation.ok) {
      quarantine(value, incoming.position, validation.reason);
      continue;
    }
    valid.push(validation.change);
  }
  // Valid changes are written together, in their order, so new activities go in as multi-row inserts.
  outcome.touchedSupporterIds = stores.changes.applyAll(valid, outcome.insertedActivities);
  outcome.applied = valid.length;
  for (const { record, value, position } of memory) {
    const merged = mergeMemoryRecord(stores, record);
    if (merged === 'refused') {
      quarantine(value, position, MEMORY_MOVED_REASON);
      continue;
    }
    outcome.memory[merged] += 1;
    outcome.applied += 1;
  }
  if (outcome.quarantined > 0) stores.quarantine.trim();
  const droppedNames = Object.entries(outcome.droppedByField);
  if (droppedNames.length > 0) {
    const detail = droppedNames.map(([field, count]) => `${field} ×${count ?? 0}`).join(', ');
    stores.safetyLog.add(context.receivedAt, 'forbidden_fields_dropped', `${context.source}: removed ${detail}`);
  }
  return outcome;
}

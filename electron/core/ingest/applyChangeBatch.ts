import type { ImportSummary } from '../../../shared/contract/apiTypes';
import type { ValidChange } from '../../../shared/domain/entities';
import type { ChangeStore } from '../store/changeStore';
import type { QuarantineStore } from '../store/quarantineStore';
import type { SafetyLogStore } from '../store/safetyLogStore';
import { countForbiddenFields, type DroppedFieldCounts } from './countForbiddenFields';
import { InsertedActivities } from './insertedActivities';
import { keepContractFields } from './keepContractFields';
import { validateChangeRecord } from './validateChangeRecord';

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

export interface BatchStores {
  changes: ChangeStore;
  quarantine: QuarantineStore;
  safetyLog: SafetyLogStore;
}

export interface BatchOutcome extends ImportSummary {
  touchedSupporterIds: Set<string>;
  insertedActivities: InsertedActivities;
  droppedByField: DroppedFieldCounts;
}

/**
 * Applies a batch of change records in the caller's transaction: counts forbidden fields, then
 * validates; a bad record is quarantined with its reason, cut down to the contract's fields, and
 * the rest still apply (SPEC §1).
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
  };
  const valid: ValidChange[] = [];
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
    // The validator copies known fields only, so forbidden fields never reach a valid change.
    const validation = validateChangeRecord(value);
    if (!validation.ok) {
      const kept = keepContractFields(value);
      const record = kept === null ? null : JSON.stringify(kept);
      stores.quarantine.add({
        receivedAt: context.receivedAt,
        source: context.source,
        position: incoming.position,
        length: record?.length ?? 0,
        reason: validation.reason,
        record,
      });
      outcome.quarantined += 1;
      continue;
    }
    valid.push(validation.change);
  }
  // Valid changes are written together, in their order, so new activities go in as multi-row inserts.
  outcome.touchedSupporterIds = stores.changes.applyAll(valid, outcome.insertedActivities);
  outcome.applied = valid.length;
  if (outcome.quarantined > 0) stores.quarantine.trim();
  const droppedNames = Object.entries(outcome.droppedByField);
  if (droppedNames.length > 0) {
    const detail = droppedNames.map(([field, count]) => `${field} ×${count ?? 0}`).join(', ');
    stores.safetyLog.add(context.receivedAt, 'forbidden_fields_dropped', `${context.source}: removed ${detail}`);
  }
  return outcome;
}

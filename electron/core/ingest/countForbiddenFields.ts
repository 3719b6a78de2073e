import { forbiddenFieldOf, type ForbiddenField } from '../../../shared/domain/forbiddenFields';
import { allContractFieldNames } from './contractFields';

/** How often each forbidden field was found, by its SPEC name (`email`, never the spelling found). */
export type DroppedFieldCounts = Partial<Record<ForbiddenField, number>>;

const MAX_DEPTH = 64;

/** Names the contract uses: never forbidden (a test checks it), so the hot path skips normalising them. */
const CONTRACT_FIELD_NAMES: ReadonlySet<string> = new Set(allContractFieldNames());

/**
 * Counts forbidden fields at any depth of a record, under whatever spelling (SPEC §1 v1.1), without
 * copying it. Nothing is removed here because nothing of the record is written as it came: a valid
 * record is rebuilt from the contract's fields by the validator, and a quarantined one is cut down
 * to them (`keepContractFields`). The counts feed the safety log, which names the SPEC's field
 * (`email`), never the spelling found: a key can be as long and as revealing as a value.
 */
export function countForbiddenFields(value: unknown, dropped: DroppedFieldCounts, depth = 0): number {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return 0;
  let found = 0;
  if (Array.isArray(value)) {
    for (const item of value) found += countForbiddenFields(item, dropped, depth + 1);
    return found;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const forbidden = CONTRACT_FIELD_NAMES.has(key) ? null : forbiddenFieldOf(key);
    if (forbidden !== null) {
      dropped[forbidden] = (dropped[forbidden] ?? 0) + 1;
      found += 1;
      continue;
    }
    const child = (value as Record<string, unknown>)[key];
    if (child !== null && typeof child === 'object') found += countForbiddenFields(child, dropped, depth + 1);
  }
  return found;
}

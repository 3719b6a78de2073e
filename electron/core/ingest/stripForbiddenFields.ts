import { forbiddenFieldOf } from '../../../shared/domain/forbiddenFields';
import type { DroppedFieldCounts } from './countForbiddenFields';

/**
 * Returns a deep copy of `value` without forbidden identity fields under any spelling (SPEC §1
 * v1.1), at any depth, and counts what it dropped by the SPEC's name. For values that have no
 * allowlist of their own (an action's parameters, the platform's answer to one); change records
 * are cut down to the contract's fields instead (keepContractFields). It copies into fresh objects
 * with plain property definitions, so keys like `__proto__` in hostile input cannot pollute prototypes.
 */
export function stripForbiddenFields(value: unknown, dropped: DroppedFieldCounts = {}): { clean: unknown; dropped: DroppedFieldCounts } {
  return { clean: strip(value, dropped, 0), dropped };
}

const MAX_DEPTH = 64;

function strip(value: unknown, dropped: DroppedFieldCounts, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return null;
  if (Array.isArray(value)) return value.map((item) => strip(item, dropped, depth + 1));
  const clean: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const forbidden = forbiddenFieldOf(key);
    if (forbidden !== null) {
      dropped[forbidden] = (dropped[forbidden] ?? 0) + 1;
      continue;
    }
    Object.defineProperty(clean, key, { value: strip(child, dropped, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return clean;
}

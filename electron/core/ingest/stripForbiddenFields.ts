import { isForbiddenField } from '../../../shared/domain/forbiddenFields';

export type DroppedFieldCounts = Record<string, number>;

/**
 * Returns a deep copy of `value` without forbidden identity fields, at any depth, and counts the
 * names it dropped. It copies into fresh objects with a null-free plain prototype walk so keys
 * like `__proto__` in hostile input cannot pollute prototypes.
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
    if (isForbiddenField(key)) {
      dropped[key] = (dropped[key] ?? 0) + 1;
      continue;
    }
    Object.defineProperty(clean, key, { value: strip(child, dropped, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return clean;
}

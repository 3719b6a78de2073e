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

/**
 * Counts forbidden fields at any depth without copying. The ingest hot path uses this: a valid
 * record is rebuilt from known fields only by the validator, so nothing else can reach the disk,
 * and only a quarantined record needs a stripped copy.
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
    if (isForbiddenField(key)) {
      dropped[key] = (dropped[key] ?? 0) + 1;
      found += 1;
      continue;
    }
    const child = (value as Record<string, unknown>)[key];
    if (child !== null && typeof child === 'object') found += countForbiddenFields(child, dropped, depth + 1);
  }
  return found;
}

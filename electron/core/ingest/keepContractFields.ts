import { CONTRACT_FIELDS, UNKNOWN_ENTITY_FIELDS, type EntityFields } from './contractFields';

/** Longest string a quarantined record keeps (SPEC §1 v1.1); longer ones end in `…`. */
export const QUARANTINE_STRING_LIMIT = 1000;

type Clean = string | number | boolean | null | { [field: string]: Clean };

/**
 * The copy of a bad record that the quarantine may keep (SPEC §1 v1.1): only the fields the data
 * contract names for its entity (and activity type), each a plain value with strings cut to
 * 1,000 characters. An allowlist rather than a blocklist, so a field nobody thought of (`eMail2`,
 * `contact`, a key that is itself an address) never reaches the disk; forbidden fields are never
 * contract fields, so they go too. Null when nothing of the record may be kept (it is not an object).
 */
export function keepContractFields(value: unknown): Clean | null {
  if (!isPlainObject(value)) return null;
  const kept: Record<string, Clean> = {};
  if ('entity' in value) setField(kept, 'entity', plainValue(value.entity));
  if ('op' in value) setField(kept, 'op', plainValue(value.op));
  const data = value.data;
  if (isPlainObject(data)) {
    const entity = typeof value.entity === 'string' && Object.hasOwn(CONTRACT_FIELDS, value.entity) ? CONTRACT_FIELDS[value.entity as keyof typeof CONTRACT_FIELDS] : null;
    setField(kept, 'data', entity === null ? pick(data, UNKNOWN_ENTITY_FIELDS) : keepEntityFields(data, entity));
  } else if ('data' in value) {
    setField(kept, 'data', plainValue(data));
  }
  return kept;
}

function keepEntityFields(data: Record<string, unknown>, entity: EntityFields): Record<string, Clean> {
  const kept = pick(data, [...entity.fields, ...typeFields(data.type, entity)]);
  for (const [field, nestedFields] of Object.entries(entity.objects ?? {})) {
    const nested = data[field];
    if (Object.hasOwn(data, field) && isPlainObject(nested)) setField(kept, field, pick(nested, nestedFields));
  }
  return kept;
}

/** The type's own fields; for a missing or unknown type, every type's (all are contract fields). */
function typeFields(type: unknown, entity: EntityFields): string[] {
  const byType = entity.byType;
  if (byType === undefined) return [];
  if (typeof type === 'string' && Object.hasOwn(byType, type)) return [...(byType[type] ?? [])];
  return [...new Set(Object.values(byType).flat())];
}

/** The listed fields that hold plain values (objects and arrays are left out: only `objects` may nest). */
function pick(source: Record<string, unknown>, fields: readonly string[]): Record<string, Clean> {
  const kept: Record<string, Clean> = {};
  for (const field of fields) {
    if (!Object.hasOwn(source, field)) continue;
    const value = plainValue(source[field]);
    if (value !== undefined) setField(kept, field, value);
  }
  return kept;
}

function plainValue(value: unknown): Clean | undefined {
  if (typeof value === 'string') return cutString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean' || value === null) return value;
  return undefined;
}

function cutString(text: string): string {
  if (text.length <= QUARANTINE_STRING_LIMIT) return text;
  let end = QUARANTINE_STRING_LIMIT - 1;
  // Never split a surrogate pair: half a character would not survive a round trip through UTF-8.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** Field names come from the allowlist only, so a hostile key such as `__proto__` is never set. */
function setField(target: Record<string, Clean>, field: string, value: Clean | undefined): void {
  if (value !== undefined) target[field] = value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import { isActivityType } from '../../../shared/domain/activityTypes';
import type { Activity, Creator, FanClubMembership, Listing, Stream, Supporter, ValidChange } from '../../../shared/domain/entities';
import { ENTITY_NAMES, type EntityName } from '../../../shared/domain/entities';
import { FAN_CLUB_TIERS, type FanClubTier } from '../../../shared/domain/fanClubTiers';
import { parseTimestamp, timestampProblem, type TimestampProblem } from './parseTimestamp';
import { isTimeZone } from '../../../shared/domain/isTimeZone';

export type ValidationOutcome = { ok: true; change: ValidChange } | { ok: false; reason: string };

/**
 * Checks one change record (already stripped of forbidden fields) against the data contract.
 * Hand-written rather than a schema library because it runs once per record on the import and
 * sync hot path, and every failure needs a reason a creator can read.
 */
export function validateChangeRecord(record: unknown): ValidationOutcome {
  if (!isPlainObject(record)) return invalid('record is not a JSON object');
  const { entity, op, data } = record;
  if (typeof entity !== 'string' || !(ENTITY_NAMES as readonly string[]).includes(entity)) {
    return invalid(`unknown entity ${describe(entity)}`);
  }
  if (op !== 'upsert' && op !== 'delete') return invalid(`unknown op ${describe(op)} (expected "upsert" or "delete")`);
  if (!isPlainObject(data)) return invalid('missing field "data"');
  const id = data.id;
  if (typeof id !== 'string' || id.length === 0 || id.length > 200) return invalid('missing field "data.id" (a non-empty string)');
  if (op === 'delete') return { ok: true, change: { entity: entity as EntityName, op: 'delete', data: { id } } };
  const version = readVersion(data.version);
  if (version === undefined) return invalid('field "data.version" must be an integer');
  try {
    switch (entity as EntityName) {
      case 'creator':
        return { ok: true, change: { entity: 'creator', op: 'upsert', data: toCreator(data, id, version) } };
      case 'supporter':
        return { ok: true, change: { entity: 'supporter', op: 'upsert', data: toSupporter(data, id, version) } };
      case 'activity':
        return { ok: true, change: { entity: 'activity', op: 'upsert', data: toActivity(data, id, version) } };
      case 'stream':
        return { ok: true, change: { entity: 'stream', op: 'upsert', data: toStream(data, id, version) } };
      case 'listing':
        return { ok: true, change: { entity: 'listing', op: 'upsert', data: toListing(data, id, version) } };
    }
  } catch (error) {
    if (error instanceof FieldError) return invalid(error.message);
    throw error;
  }
}

class FieldError extends Error {}

function invalid(reason: string): ValidationOutcome {
  return { ok: false, reason };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return value === undefined ? '(missing)' : typeof value;
}

function readVersion(value: unknown): number | null | undefined {
  if (value === undefined || value === null) return null;
  return Number.isSafeInteger(value) ? (value as number) : undefined;
}

function requiredString(data: Record<string, unknown>, field: string, maxLength = 500): string {
  const value = data[field];
  if (typeof value !== 'string' || value.length === 0) throw new FieldError(`missing field "data.${field}" (a non-empty string)`);
  if (value.length > maxLength) throw new FieldError(`field "data.${field}" is longer than ${maxLength} characters`);
  return value;
}

function optionalString(data: Record<string, unknown>, field: string, maxLength = 500): string | null {
  const value = data[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new FieldError(`field "data.${field}" must be a string`);
  if (value.length > maxLength) throw new FieldError(`field "data.${field}" is longer than ${maxLength} characters`);
  return value;
}

/** Fixed wording per kind of problem, so the quarantine's count per reason groups them. */
export const TIMESTAMP_PROBLEMS: Record<TimestampProblem, string> = {
  not_rfc3339: 'must be an RFC 3339 timestamp with seconds and a zone, like 2025-12-03T10:00:00Z',
  no_such_time: 'names a date or time that does not exist (like February 30, 24:00 or a leap second that never was)',
  out_of_range: 'is outside the accepted range, 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z',
};

function requiredTime(data: Record<string, unknown>, field: string): number {
  const value = data[field];
  if (value === undefined || value === null) throw new FieldError(`missing field "data.${field}"`);
  const ms = parseTimestamp(value);
  if (ms === null) throw new FieldError(`field "data.${field}" ${TIMESTAMP_PROBLEMS[timestampProblem(value) ?? 'not_rfc3339']}`);
  return ms;
}

function optionalTime(data: Record<string, unknown>, field: string, path = `data.${field}`): number | null {
  const value = data[field];
  if (value === undefined || value === null) return null;
  const ms = parseTimestamp(value);
  if (ms === null) throw new FieldError(`field "${path}" ${TIMESTAMP_PROBLEMS[timestampProblem(value) ?? 'not_rfc3339']}`);
  return ms;
}

function optionalNonNegativeInteger(data: Record<string, unknown>, field: string): number | null {
  const value = data[field];
  if (value === undefined || value === null) return null;
  if (!Number.isSafeInteger(value) || (value as number) < 0) throw new FieldError(`field "data.${field}" must be a non-negative integer`);
  return value as number;
}

/** Building a formatter per record is slow, and a workspace has only a handful of zones. */
const knownTimeZones = new Map<string, boolean>();

function isValidTimeZone(zone: string): boolean {
  let valid = knownTimeZones.get(zone);
  if (valid === undefined) {
    valid = isTimeZone(zone);
    if (knownTimeZones.size < 10_000) knownTimeZones.set(zone, valid);
  }
  return valid;
}

function optionalTimeZone(data: Record<string, unknown>, field: string): string | null {
  const zone = optionalString(data, field, 100);
  if (zone !== null && !isValidTimeZone(zone)) throw new FieldError(`field "data.${field}" is not an IANA time zone`);
  return zone;
}

function toCreator(data: Record<string, unknown>, id: string, version: number | null): Creator {
  if (typeof data.earnOn !== 'boolean') throw new FieldError('missing field "data.earnOn" (a boolean)');
  const level = data.level;
  if (level !== undefined && level !== null && !Number.isSafeInteger(level)) throw new FieldError('field "data.level" must be an integer');
  return {
    id,
    handle: requiredString(data, 'handle', 100),
    earnOn: data.earnOn,
    timezone: optionalTimeZone(data, 'timezone') ?? 'UTC',
    level: (level as number | undefined) ?? null,
    version,
  };
}

function toFanClub(value: unknown): FanClubMembership | null {
  if (value === undefined || value === null) return null;
  if (!isPlainObject(value)) throw new FieldError('field "data.fanClub" must be an object');
  const tier = value.tier;
  if (typeof tier !== 'string' || !(FAN_CLUB_TIERS as readonly string[]).includes(tier)) {
    throw new FieldError(`field "data.fanClub.tier" must be one of ${FAN_CLUB_TIERS.join(', ')}`);
  }
  if (value.active !== undefined && typeof value.active !== 'boolean') throw new FieldError('field "data.fanClub.active" must be a boolean');
  return {
    tier: tier as FanClubTier,
    since: optionalTime(value, 'since', 'data.fanClub.since'),
    renewsAt: optionalTime(value, 'renewsAt', 'data.fanClub.renewsAt'),
    active: value.active === true,
  };
}

function toSupporter(data: Record<string, unknown>, id: string, version: number | null): Supporter {
  return {
    id,
    handle: requiredString(data, 'handle', 100),
    firstSeenAt: requiredTime(data, 'firstSeenAt'),
    timezone: optionalTimeZone(data, 'timezone'),
    fanClub: toFanClub(data.fanClub),
    version,
  };
}

function toActivity(data: Record<string, unknown>, id: string, version: number | null): Activity {
  const supporterId = requiredString(data, 'supporterId', 200);
  const type = data.type;
  if (type === undefined) throw new FieldError('missing field "data.type"');
  if (!isActivityType(type)) throw new FieldError(`unknown activity type ${describe(type)}`);
  const at = requiredTime(data, 'at');
  const tokens = optionalNonNegativeInteger(data, 'tokens') ?? 0;
  const activity: Activity = {
    id,
    supporterId,
    type,
    at,
    tokens,
    conversationId: optionalString(data, 'conversationId', 200),
    streamId: null,
    minutes: null,
    itemId: null,
    category: null,
    tier: null,
    listingId: null,
    online: null,
    version,
  };
  switch (type) {
    case 'live_attendance': {
      activity.streamId = requiredString(data, 'streamId', 200);
      const minutes = data.minutes;
      if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 0 || minutes > 100_000) {
        throw new FieldError('missing field "data.minutes" (a non-negative number)');
      }
      activity.minutes = minutes;
      break;
    }
    case 'live_gift':
      activity.streamId = requiredString(data, 'streamId', 200);
      break;
    case 'ppv_purchase':
      activity.itemId = requiredString(data, 'itemId', 200);
      activity.category = requiredString(data, 'category', 100);
      break;
    case 'fan_club_payment':
      activity.tier = requiredString(data, 'tier', 50);
      break;
    case 'event_registration':
    case 'event_attendance':
      activity.listingId = requiredString(data, 'listingId', 200);
      break;
    case 'presence':
      if (typeof data.online !== 'boolean') throw new FieldError('missing field "data.online" (a boolean)');
      activity.online = data.online;
      break;
    default:
      break;
  }
  return activity;
}

function toStream(data: Record<string, unknown>, id: string, version: number | null): Stream {
  return {
    id,
    title: requiredString(data, 'title', 300),
    scheduledAt: requiredTime(data, 'scheduledAt'),
    startedAt: optionalTime(data, 'startedAt'),
    endedAt: optionalTime(data, 'endedAt'),
    version,
  };
}

function toListing(data: Record<string, unknown>, id: string, version: number | null): Listing {
  return {
    id,
    title: requiredString(data, 'title', 300),
    startsAt: requiredTime(data, 'startsAt'),
    capacity: optionalNonNegativeInteger(data, 'capacity'),
    version,
  };
}

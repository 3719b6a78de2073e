import type { ActivityType } from '../../../shared/domain/activityTypes';
import type { EntityName } from '../../../shared/domain/entities';
import type { MemoryEntityName } from '../../../shared/domain/memoryRecords';

/**
 * The fields the data contract names (SPEC §1), per entity and activity type: the allowlist a
 * quarantined record is cut down to, so an unknown field can never carry identity to disk.
 *
 * To add an entity to the change feed, add its row here (and its validator). Leave out any field
 * that must never sit in the quarantine, such as private text: a field not listed is dropped.
 */
export interface EntityFields {
  /** Fields of `data` every record of the entity may carry. */
  readonly fields: readonly string[];
  /** Objects inside `data` and the fields each may carry. */
  readonly objects?: Readonly<Record<string, readonly string[]>>;
  /** Extra fields per `data.type` (activities). */
  readonly byType?: Readonly<Record<string, readonly string[]>>;
}

export const CONTRACT_FIELDS: Readonly<Record<EntityName | MemoryEntityName, EntityFields>> = {
  creator: { fields: ['id', 'handle', 'earnOn', 'timezone', 'level', 'version'] },
  supporter: {
    fields: ['id', 'handle', 'firstSeenAt', 'timezone', 'fanClub', 'version'],
    objects: { fanClub: ['tier', 'since', 'renewsAt', 'active'] },
  },
  activity: {
    fields: ['id', 'supporterId', 'type', 'at', 'tokens', 'version'],
    byType: {
      chat_message: ['conversationId'],
      creator_message: [],
      gift: [],
      live_attendance: ['streamId', 'minutes'],
      live_gift: ['streamId'],
      ppv_purchase: ['itemId', 'category'],
      fan_club_payment: ['tier'],
      event_registration: ['listingId'],
      event_attendance: ['listingId'],
      profile_view: [],
      like: [],
      match: [],
      presence: ['online'],
    } satisfies Record<ActivityType, readonly string[]>,
  },
  stream: { fields: ['id', 'title', 'scheduledAt', 'startedAt', 'endedAt', 'version'] },
  listing: { fields: ['id', 'title', 'startsAt', 'capacity', 'version'] },
  // Relationship memory (SPEC §13, docs/sync-protocol.md §9). `text` — a note's or a follow-up's
  // private text — is left out on purpose: a quarantined note keeps its ids and stamp, never its text.
  note: { fields: ['id', 'supporterId', 'createdAt', 'updatedAt', 'version', 'writer'] },
  supporter_tag: { fields: ['id', 'supporterId', 'tag', 'createdAt', 'updatedAt', 'version', 'writer'] },
  follow_up: { fields: ['id', 'supporterId', 'kind', 'startsAt', 'dueAt', 'createdAt', 'updatedAt', 'version', 'writer'] },
};

/** The top level of a change record. */
export const RECORD_FIELDS = ['entity', 'op', 'data'] as const;

/** What a record of an entity the contract does not name keeps of its `data`. */
export const UNKNOWN_ENTITY_FIELDS: readonly string[] = ['id', 'version'];

/** Every field name the contract uses anywhere, for checks that no identity rule ever matches one. */
export function allContractFieldNames(): string[] {
  const names = new Set<string>(RECORD_FIELDS);
  for (const entity of Object.values(CONTRACT_FIELDS)) {
    for (const field of entity.fields) names.add(field);
    for (const fields of Object.values(entity.objects ?? {})) for (const field of fields) names.add(field);
    for (const fields of Object.values(entity.byType ?? {})) for (const field of fields) names.add(field);
  }
  return [...names].sort();
}

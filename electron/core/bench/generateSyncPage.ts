import type { EngineListing, EngineStream, EngineSupporter } from '../engine/engineInputs';
import type { SeededRandom } from '../demo/seededRandom';

/** A change record as a sync page carries it (SPEC §1). */
export interface SyncPageRecord {
  entity: 'creator' | 'supporter' | 'activity' | 'stream' | 'listing';
  op: 'upsert' | 'delete';
  data: Record<string, unknown>;
}

/** What a page is made from: the workspace's supporters, streams and listings, and the moment it arrives. */
export interface SyncPageWorld {
  random: SeededRandom;
  supporterIds: readonly string[];
  supporter(supporterId: string): EngineSupporter | null;
  streams: readonly EngineStream[];
  listings: readonly EngineListing[];
  now: number;
}

/**
 * The records of one page of 1,000, by kind (issue 19: "a realistic mix"): most are new activity
 * from the last quarter hour, some arrive late (days or weeks old), supporters come online and go
 * offline, messages go both ways, supporters' and streams' records change, and a few activities are
 * deleted.
 */
export const SYNC_PAGE_MIX = {
  newActivity: 540,
  lateActivity: 150,
  presence: 150,
  creatorMessage: 80,
  supporterUpdate: 60,
  streamUpdate: 10,
  delete: 10,
} as const;

const SECOND_MS = 1000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const PPV_CATEGORIES = ['photos', 'video', 'behind_the_scenes', 'audio', 'tutorial'];

/** How often each kind of supporter activity comes, as in the demo's sessions. */
const ACTIVITY_TYPES = [
  ['chat_message', 36],
  ['profile_view', 16],
  ['like', 10],
  ['gift', 9],
  ['live_attendance', 6],
  ['live_gift', 5],
  ['ppv_purchase', 5],
  ['match', 2],
  ['event_registration', 1],
] as const;

/**
 * One page of the mix for `pageApplyMs`, with the supporters it touches (for its yardstick). Ids
 * are made from `pageNumber`, so every page's new activity is new.
 */
export function generateSyncPage(world: SyncPageWorld, pageNumber: number): { records: SyncPageRecord[]; touched: Set<string> } {
  const { random, now } = world;
  const records: SyncPageRecord[] = [];
  const touched = new Set<string>();
  let serial = 0;
  const anySupporter = () => world.supporterIds[random.int(0, world.supporterIds.length - 1)] ?? '';
  const activity = (supporterId: string, type: string, at: number, extra: Record<string, unknown> = {}) => {
    serial += 1;
    touched.add(supporterId);
    records.push({ entity: 'activity', op: 'upsert', data: { id: `bench-page${pageNumber}-${serial}`, supporterId, type, at: iso(at), ...extra } });
  };
  const supporterActivity = (at: number) => {
    const supporterId = anySupporter();
    const type = random.weighted(ACTIVITY_TYPES);
    activity(supporterId, type, at, activityFields(world, type, supporterId));
  };

  for (let n = 0; n < SYNC_PAGE_MIX.newActivity; n += 1) supporterActivity(now - random.int(1, 900) * SECOND_MS);
  // Late: an hour to 60 days old (a platform delivering what an outage held back).
  for (let n = 0; n < SYNC_PAGE_MIX.lateActivity; n += 1) supporterActivity(now - HOUR_MS - random.int(0, 60 * 24 * 3600) * SECOND_MS);
  for (let n = 0; n < SYNC_PAGE_MIX.presence; n += 1) activity(anySupporter(), 'presence', now - random.int(1, 900) * SECOND_MS, { online: random.chance(0.5) });
  for (let n = 0; n < SYNC_PAGE_MIX.creatorMessage; n += 1) {
    const supporterId = anySupporter();
    activity(supporterId, 'creator_message', now - random.int(1, 900) * SECOND_MS, { conversationId: `c-${supporterId}` });
  }
  for (let n = 0; n < SYNC_PAGE_MIX.supporterUpdate; n += 1) {
    const stored = world.supporter(anySupporter());
    if (stored === null) continue;
    touched.add(stored.id);
    records.push({ entity: 'supporter', op: 'upsert', data: supporterUpdate(stored, random, now) });
  }
  for (let n = 0; n < SYNC_PAGE_MIX.streamUpdate; n += 1) {
    const stream = world.streams[random.int(0, world.streams.length - 1)];
    if (stream === undefined) continue;
    records.push({ entity: 'stream', op: 'upsert', data: streamUpdate(stream, pageNumber) });
  }
  for (let n = 0; n < SYNC_PAGE_MIX.delete; n += 1) {
    // The demo names a supporter's activities `<supporter>-a1`, `-a2`, …: an early one, most likely there.
    const supporterId = anySupporter();
    touched.add(supporterId);
    records.push({ entity: 'activity', op: 'delete', data: { id: `${supporterId}-a${random.int(1, 5)}` } });
  }
  return { records, touched };
}

function activityFields(world: SyncPageWorld, type: string, supporterId: string): Record<string, unknown> {
  const { random } = world;
  const stream = world.streams[random.int(0, Math.max(0, world.streams.length - 1))];
  switch (type) {
    case 'chat_message':
      return { tokens: random.chance(0.4) ? random.int(1, 20) : 0, conversationId: `c-${supporterId}` };
    case 'gift':
      return { tokens: random.int(1, 60) };
    case 'live_attendance':
      return { streamId: stream?.id ?? 'stream-1', minutes: random.int(5, 120) };
    case 'live_gift':
      return { streamId: stream?.id ?? 'stream-1', tokens: random.int(1, 80) };
    case 'ppv_purchase':
      return { tokens: random.int(5, 90), itemId: `item-${random.int(1, 60)}`, category: PPV_CATEGORIES[random.int(0, PPV_CATEGORIES.length - 1)] };
    case 'event_registration':
      return { tokens: random.int(0, 40), listingId: world.listings[random.int(0, Math.max(0, world.listings.length - 1))]?.id ?? 'listing-1' };
    default:
      return {};
  }
}

/** The supporter's record again, their fan club joined, renewed or let lapse. */
function supporterUpdate(stored: EngineSupporter, random: SeededRandom, now: number): Record<string, unknown> {
  const tier = stored.fanClubTier ?? 'silver';
  const since = stored.fanClubSince ?? now - random.int(0, 30) * DAY_MS;
  return {
    id: stored.id,
    handle: stored.handle,
    firstSeenAt: iso(stored.firstSeenAt),
    ...(stored.timezone === null ? {} : { timezone: stored.timezone }),
    fanClub: { tier, since: iso(since), renewsAt: iso(now + random.int(1, 30) * DAY_MS), active: random.chance(0.8) },
  };
}

/** A stream's record again with its title changed (a creator renaming a past or coming stream). */
function streamUpdate(stream: EngineStream, pageNumber: number): Record<string, unknown> {
  return {
    id: stream.id,
    title: `Live session (${pageNumber})`,
    scheduledAt: iso(stream.scheduledAt),
    ...(stream.startedAt === null ? {} : { startedAt: iso(stream.startedAt) }),
    ...(stream.endedAt === null ? {} : { endedAt: iso(stream.endedAt) }),
  };
}

function iso(at: number): string {
  return new Date(at).toISOString();
}

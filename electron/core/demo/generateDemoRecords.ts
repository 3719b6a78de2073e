import { FAN_CLUB_TIERS } from '../../../shared/domain/fanClubTiers';
import { SeededRandom } from './seededRandom';
import { demoSupporterId } from './demoSupporterId';

export interface DemoOptions {
  supporters: number;
  days: number;
  seed: number;
  /** The end of the generated history (epoch ms); the demo is "as of now". */
  now: number;
  /** Scales how busy supporters are, so the benchmark can ask for millions of activities. Default 1. */
  busyness?: number;
}

export interface ChangeRecordJson {
  entity: 'creator' | 'supporter' | 'activity' | 'stream' | 'listing';
  op: 'upsert';
  data: Record<string, unknown>;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Supporters' own zones with a fixed UTC offset: enough for believable local rhythms in a demo. */
const TIME_ZONES: readonly (readonly [string, number, number])[] = [
  ['America/New_York', -5, 0.22],
  ['America/Los_Angeles', -8, 0.12],
  ['America/Sao_Paulo', -3, 0.08],
  ['Europe/London', 0, 0.14],
  ['Europe/Berlin', 1, 0.18],
  ['Asia/Tokyo', 9, 0.1],
  ['Australia/Sydney', 10, 0.06],
  ['Asia/Manila', 8, 0.1],
];

/** Local hour-of-day weights: quiet at night, a lunch bump and an evening peak. */
const HOUR_WEIGHTS = [2, 1, 1, 0.5, 0.5, 0.5, 1, 2, 3, 3, 3, 4, 5, 4, 3, 3, 4, 5, 7, 9, 10, 10, 8, 5];
/** Sunday-first weekday weights: weekends are busier. */
const WEEKDAY_WEIGHTS = [1.4, 0.8, 0.8, 0.9, 1, 1.2, 1.5];
const PPV_CATEGORIES = ['photos', 'video', 'behind_the_scenes', 'audio', 'tutorial'];
const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'tsu', 'var', 'el', 'zo', 'pi', 'na', 'rho', 'dex', 'sa', 'kim', 'lu', 'ori'];

/**
 * A realistic, seeded demo workspace as change records of the data contract (SPEC §1): heavy-tailed
 * spend, daily and weekly rhythms in supporters' own time zones, streams, listings, fan club tiers
 * and presence. Deterministic for a given (options) so tests and screenshots are stable.
 */
export function* generateDemoRecords(options: DemoOptions): Generator<ChangeRecordJson> {
  const random = new SeededRandom(options.seed);
  const busyness = options.busyness ?? 1;
  const start = options.now - options.days * DAY;
  const iso = (ms: number) => new Date(Math.round(ms)).toISOString();

  yield { entity: 'creator', op: 'upsert', data: { id: 'creator-demo', handle: 'demo_creator', earnOn: true, timezone: 'Europe/Berlin', level: 12 } };

  // Streams every two to three days, plus two scheduled ones ahead.
  const streams: { id: string; startedAt: number; endedAt: number }[] = [];
  let streamTime = start + DAY * 1.8;
  let streamNumber = 0;
  while (streamTime < options.now - 3 * HOUR) {
    streamNumber += 1;
    const startedAt = Math.floor(streamTime / DAY) * DAY + 19 * HOUR;
    const endedAt = startedAt + random.int(60, 150) * 60_000;
    if (endedAt >= options.now) break;
    const id = `stream-${streamNumber}`;
    streams.push({ id, startedAt, endedAt });
    yield { entity: 'stream', op: 'upsert', data: { id, title: `Live session #${streamNumber}`, scheduledAt: iso(startedAt - HOUR), startedAt: iso(startedAt), endedAt: iso(endedAt) } };
    streamTime += DAY * (2 + random.next());
  }
  for (let ahead = 1; ahead <= 2; ahead += 1) {
    streamNumber += 1;
    const scheduledAt = Math.floor(options.now / DAY + ahead * 2) * DAY + 19 * HOUR;
    yield { entity: 'stream', op: 'upsert', data: { id: `stream-${streamNumber}`, title: `Live session #${streamNumber}`, scheduledAt: iso(scheduledAt) } };
  }

  // Platform events every ten days or so; a few still ahead.
  const listings: { id: string; startsAt: number }[] = [];
  const listingCount = Math.max(3, Math.round(options.days / 10));
  for (let index = 0; index < listingCount; index += 1) {
    const startsAt = Math.floor((start + ((index + 1) * (options.days + 20) * DAY) / (listingCount + 1)) / DAY) * DAY + 18 * HOUR;
    const id = `listing-${index + 1}`;
    listings.push({ id, startsAt });
    yield { entity: 'listing', op: 'upsert', data: { id, title: `Fan meet & greet #${index + 1}`, startsAt: iso(startsAt), capacity: random.int(50, 500) } };
  }
  const upcomingListings = listings.filter((listing) => listing.startsAt > options.now);

  for (let index = 0; index < options.supporters; index += 1) {
    const id = demoSupporterId(index + 1);
    const [timezone, offsetHours] = random.weighted(TIME_ZONES.map(([zone, offset, weight]) => [[zone, offset] as const, weight] as const));
    const handle = `${random.pick(SYLLABLES)}${random.pick(SYLLABLES)}${random.pick(SYLLABLES)}_${index + 1}`;
    // Earlier arrivals are more common; a steady trickle of newcomers keeps the New tab alive.
    const firstSeenAt = start + Math.pow(random.next(), 1.6) * (options.now - start - HOUR);
    const engagement = Math.exp(random.normal() * 0.9) * 0.18 * busyness;
    const spender = random.chance(0.55);
    // Heavy-tailed but bounded: most spenders tip a few tokens, a few big spenders reach thousands a month.
    const spendScale = spender ? Math.min(60, random.pareto(0.6, 1.3)) : 0;
    // Some supporters drift away: their activity stops at a point in time.
    const leavesAt = random.chance(0.35) ? firstSeenAt + random.next() * (options.now - firstSeenAt) : options.now;
    const fanClubTier = random.chance(0.16) ? random.weighted(FAN_CLUB_TIERS.map((tier, rank) => [tier, 8 / 2 ** rank] as const)) : null;
    const fanClubSince = firstSeenAt + random.next() * Math.max(0, options.now - firstSeenAt) * 0.5;
    const fanClub = fanClubTier === null
      ? undefined
      : { tier: fanClubTier, since: iso(fanClubSince), renewsAt: iso(options.now + random.int(1, 30) * DAY), active: random.chance(0.85) };
    yield { entity: 'supporter', op: 'upsert', data: { id, handle, firstSeenAt: iso(firstSeenAt), timezone, ...(fanClub ? { fanClub } : {}) } };

    let activityNumber = 0;
    const activity = (type: string, at: number, extra: Record<string, unknown> = {}): ChangeRecordJson => {
      activityNumber += 1;
      return { entity: 'activity', op: 'upsert', data: { id: `${id}-a${activityNumber}`, supporterId: id, type, at: iso(at), ...extra } };
    };
    const spend = (base: number) => (spender ? Math.max(1, Math.round(base * spendScale * (0.5 + random.next()))) : 0);

    let lastPresenceOnline = false;
    const firstDay = Math.floor(firstSeenAt / DAY);
    const lastDay = Math.floor(Math.min(leavesAt, options.now - 1) / DAY);
    for (let day = firstDay; day <= lastDay; day += 1) {
      const weekday = new Date(day * DAY).getUTCDay();
      if (!random.chance(Math.min(0.95, engagement * (WEEKDAY_WEIGHTS[weekday] ?? 1)))) continue;
      const localHour = random.weighted(HOUR_WEIGHTS.map((weight, hour) => [hour, weight] as const));
      let at = day * DAY + (localHour - offsetHours) * HOUR + random.int(0, 59) * 60_000;
      if (at < firstSeenAt || at >= options.now - 60_000) continue;
      yield activity('presence', at, { online: true });
      lastPresenceOnline = true;
      const sessionActions = 1 + random.poisson(2.5);
      for (let step = 0; step < sessionActions; step += 1) {
        at += random.int(1, 9) * 60_000;
        if (at >= options.now) break;
        const kind = random.weighted([
          ['chat_message', 40],
          ['profile_view', 18],
          ['like', 10],
          ['gift', spender ? 8 : 1],
          ['ppv_purchase', spender ? 5 : 0],
          ['match', 1.2],
        ] as const);
        if (kind === 'chat_message') {
          yield activity('chat_message', at, { tokens: random.chance(0.4) ? spend(2) : 0, conversationId: `c-${id}` });
          if (random.chance(0.45)) {
            const repliedAt = at + random.int(2, 240) * 60_000;
            // A reply still to come at `now` is not part of the history (it would be dated in the future).
            if (repliedAt < options.now) yield activity('creator_message', repliedAt, { conversationId: `c-${id}` });
          }
        } else if (kind === 'gift') {
          yield activity('gift', at, { tokens: spend(10) });
        } else if (kind === 'ppv_purchase') {
          yield activity('ppv_purchase', at, { tokens: spend(15), itemId: `item-${random.int(1, 60)}`, category: random.pick(PPV_CATEGORIES) });
        } else {
          yield activity(kind, at);
        }
      }
      const stream = streams.find((candidate) => Math.floor(candidate.startedAt / DAY) === day);
      if (stream && stream.startedAt > firstSeenAt && random.chance(0.5)) {
        const minutes = random.int(5, Math.round((stream.endedAt - stream.startedAt) / 60_000));
        yield activity('live_attendance', stream.startedAt + random.int(0, 15) * 60_000, { streamId: stream.id, minutes });
        if (spender && random.chance(0.4)) yield activity('live_gift', stream.startedAt + random.int(15, 50) * 60_000, { streamId: stream.id, tokens: spend(12) });
      }
      if (random.chance(0.012)) {
        const listing = random.pick(listings);
        if (listing.startsAt > at) yield activity('event_registration', at + 60_000, { listingId: listing.id, tokens: spend(20) });
        else if (random.chance(0.6)) yield activity('event_attendance', listing.startsAt + 10 * 60_000, { listingId: listing.id, tokens: spend(5) });
      }
      // Online for the rest of the evening only for a few of today's visitors.
      if (day < lastDay || random.chance(0.9)) {
        yield activity('presence', Math.min(at + random.int(10, 90) * 60_000, options.now - 1000), { online: false });
        lastPresenceOnline = false;
      }
    }
    if (fanClub && fanClubTier !== null) {
      // Monthly membership payments since joining.
      const price = { silver: 100, gold: 250, diamond: 500, royal_elite: 1000 }[fanClubTier];
      for (let paidAt = fanClubSince; paidAt < Math.min(leavesAt, options.now); paidAt += 30 * DAY) {
        yield activity('fan_club_payment', paidAt, { tier: fanClubTier, tokens: price });
      }
    }
    if (upcomingListings.length > 0 && leavesAt === options.now && random.chance(0.05)) {
      yield activity('event_registration', options.now - random.int(1, 72) * HOUR, { listingId: random.pick(upcomingListings).id, tokens: spend(15) });
    }
    if (!lastPresenceOnline && leavesAt === options.now && random.chance(0.03)) {
      yield activity('presence', options.now - random.int(1, 50) * 60_000, { online: true });
    }
  }
}

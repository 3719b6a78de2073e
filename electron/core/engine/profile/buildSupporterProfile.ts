import type { CrmSettings } from '../../../../shared/contract/crmSettings';
import { nextFanClubTier } from '../../../../shared/domain/fanClubTiers';
import type { RetentionRisk } from '../../../../shared/domain/segments';
import type { EngineSupporterProfile, PreferredFeature, RecentActivityItem } from '../../../../shared/domain/supporterProfile';
import type { EngineStream, EngineSupporter, ProfileActivity } from '../engineInputs';
import { DAY_MS, HOUR_MS, isoOrNull, isWithinLastDays, MINUTE_MS } from '../engineTime';
import { isSpendActivity } from '../isSpendActivity';
import { isSupporterInitiated } from '../isSupporterInitiated';
import { explainConversionScore } from '../score/explainConversionScore';
import { scoreSupporter } from '../score/scoreSupporter';
import { roundTo } from '../score/snapNumber';
import { summarizeActivities } from '../score/summarizeActivities';
import { compareTrend } from './compareTrend';
import { computeBestContactTime } from './computeBestContactTime';
import { createZonedCalendar } from '../../time/createZonedCalendar';

export interface ProfileInput {
  supporter: EngineSupporter;
  /** The supporter's activities with `at` ≤ now, in any order. */
  activities: readonly ProfileActivity[];
  streams: readonly EngineStream[];
  creatorTimezone: string;
  fanClubPrices: CrmSettings['fanClubPrices'];
  now: number;
}

const RESPONSE_WINDOW_MS = 24 * HOUR_MS;
const CONVERSATION_GAP_MS = 6 * HOUR_MS;
const RECENT_ACTIVITY_ITEMS = 30;
const CONTACT_WINDOW_DAYS = 90;
const FEATURE_ORDER: readonly PreferredFeature[] = ['chat', 'live', 'ppv', 'fan_club', 'events'];

/** The full supporter profile of SPEC §6 at `now`, from raw activity (pure: no clock, no database). */
export function buildSupporterProfile(input: ProfileInput): EngineSupporterProfile {
  const { supporter, now } = input;
  const activities = input.activities.filter((activity) => activity.at <= now).sort(byTimeThenId);
  const summary = summarizeActivities(supporter.id, activities, now);
  const score = scoreSupporter(summary, supporter.fanClubActive, now);

  const chat = chatFacts(activities);
  const live = liveFacts(activities);
  const ppv = ppvFacts(activities);
  const events = eventFacts(activities);
  const fanClubTokens = sumTokens(activities, (activity) => activity.type === 'fan_club_payment');
  const firstPurchaseAt = summary.firstPurchaseAt;
  const contactZone = createZonedCalendar(supporter.timezone ?? input.creatorTimezone);
  const heatmap = activityGrid(activities, now, contactZone);

  const daysSinceLast = summary.lastActivityAt === null ? Number.POSITIVE_INFINITY : (now - summary.lastActivityAt) / DAY_MS;
  const spendingTrend = compareTrend(
    sumTokens(activities, (activity) => isSpendActivity(activity.type) && isWithinLastDays(activity.at, now, 30)),
    sumTokens(activities, (activity) => isSpendActivity(activity.type) && isWithinLastDays(activity.at, now - 30 * DAY_MS, 30)),
  );
  const engagementTrend = compareTrend(
    countWhere(activities, (activity) => isSupporterInitiated(activity.type, activity.online) && isWithinLastDays(activity.at, now, 30)),
    countWhere(
      activities,
      (activity) => isSupporterInitiated(activity.type, activity.online) && isWithinLastDays(activity.at, now - 30 * DAY_MS, 30),
    ),
  );
  const decreasing = [spendingTrend, engagementTrend].filter((trend) => trend === 'decreasing').length;
  const retentionRisk: RetentionRisk =
    daysSinceLast >= 14 || decreasing === 2 ? 'high' : daysSinceLast >= 7 || decreasing === 1 ? 'medium' : 'low';

  const tier = supporter.fanClubTier;
  const nextTier = tier === null ? null : nextFanClubTier(tier);
  const featureTokens: Record<PreferredFeature, number> = {
    chat: chat.tokensSpent,
    live: live.tokensSpent,
    ppv: ppv.tokensSpent,
    fan_club: fanClubTokens,
    events: events.tokensSpent,
  };

  return {
    supporterId: supporter.id,
    handle: supporter.handle,
    segment: score.segment,
    conversionProbability: score.conversionProbability,
    conversionPotential: score.conversionPotential,
    priorityScore: score.priorityScore,
    online: summary.online,
    signals: {
      chatActivity: roundTo(score.signals.chatActivity, 2),
      gifting: roundTo(score.signals.gifting, 2),
      profileViews: roundTo(score.signals.profileViews, 2),
      liveEngagement: roundTo(score.signals.liveEngagement, 2),
      recentMatch: roundTo(score.signals.recentMatch, 2),
      likesWithoutChat: roundTo(score.signals.likesWithoutChat, 2),
    },
    spending: {
      lifetimeTokens: summary.lifetimeTokens,
      monthlyTokens: summary.monthlyTokens,
      weeklyTokens: summary.weeklyTokens,
      avgTokensPerMonth: roundTo(
        summary.lifetimeTokens / Math.max(1, firstPurchaseAt === null ? 0 : (now - firstPurchaseAt) / DAY_MS / 30),
        2,
      ),
      byMonth: tokensByMonth(activities, now, input.creatorTimezone),
    },
    chat: {
      messagesSent: chat.messagesSent,
      tokensSpent: chat.tokensSpent,
      avgResponseMinutes: chat.avgResponseMinutes,
      lastChatAt: isoOrNull(chat.lastChatAt),
    },
    live: {
      streamsAttended: live.streamIds.size,
      giftsSent: live.giftsSent,
      tokensSpent: live.tokensSpent,
      avgWatchMinutes: live.avgWatchMinutes,
      lastAttendedAt: isoOrNull(live.lastAttendedAt),
    },
    ppv: {
      itemsPurchased: ppv.itemsPurchased,
      tokensSpent: ppv.tokensSpent,
      categories: ppv.categories,
      lastPurchaseAt: isoOrNull(ppv.lastPurchaseAt),
    },
    fanClub: {
      member: supporter.fanClubActive,
      tier,
      joinedAt: isoOrNull(supporter.fanClubSince),
      months: supporter.fanClubSince !== null && now > supporter.fanClubSince ? Math.floor((now - supporter.fanClubSince) / (30 * DAY_MS)) : 0,
      tokensSpent: fanClubTokens,
    },
    events: {
      registered: events.registered,
      attended: events.attended,
      tokensSpent: events.tokensSpent,
      lastEventAt: isoOrNull(events.lastEventAt),
    },
    engagement: {
      liveAttendanceRate: liveAttendanceRate(supporter, input.streams, live.streamIds, now),
      dmResponseRate: chat.dmResponseRate,
      avgDmResponseMinutes: chat.avgResponseMinutes,
      conversationStarters: chat.conversationStarters,
    },
    bestContactTime: computeBestContactTime(heatmap, contactZone.timeZone),
    patterns: {
      preferredFeatures: FEATURE_ORDER.filter((feature) => featureTokens[feature] > 0).sort(
        (a, b) => featureTokens[b] - featureTokens[a] || FEATURE_ORDER.indexOf(a) - FEATURE_ORDER.indexOf(b),
      ),
      spendingTrend,
      engagementTrend,
      retentionRisk,
      likelyToUpgradeFanClub:
        supporter.fanClubActive && nextTier !== null && summary.monthlyTokens >= input.fanClubPrices[nextTier],
    },
    whyThisScore: explainConversionScore(score.signals, { online: summary.online, fanClubActive: supporter.fanClubActive }),
    recentActivity: recentActivity(activities),
    activityHeatmap: heatmap,
  };
}

function byTimeThenId(a: ProfileActivity, b: ProfileActivity): number {
  return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function sumTokens(activities: readonly ProfileActivity[], include: (activity: ProfileActivity) => boolean): number {
  let total = 0;
  for (const activity of activities) if (include(activity)) total += activity.tokens;
  return total;
}

function countWhere(activities: readonly ProfileActivity[], include: (activity: ProfileActivity) => boolean): number {
  let count = 0;
  for (const activity of activities) if (include(activity)) count += 1;
  return count;
}

function latestAt(activities: readonly ProfileActivity[], include: (activity: ProfileActivity) => boolean): number | null {
  let latest: number | null = null;
  for (const activity of activities) if (include(activity) && (latest === null || activity.at > latest)) latest = activity.at;
  return latest;
}

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let total = 0;
  for (const value of values) total += value;
  return roundTo(total / values.length, 2);
}

/** Chat facts; `activities` are sorted by time. */
function chatFacts(activities: readonly ProfileActivity[]) {
  const chatTimes: number[] = [];
  const creatorMessageTimes: number[] = [];
  for (const activity of activities) {
    if (activity.type === 'chat_message') chatTimes.push(activity.at);
    else if (activity.type === 'creator_message') creatorMessageTimes.push(activity.at);
  }
  // Each creator message is answered by the supporter's next chat message, if it comes within 24 h.
  const responseMinutes: number[] = [];
  for (const sentAt of creatorMessageTimes) {
    const reply = chatTimes[firstIndexAfter(chatTimes, sentAt)];
    if (reply !== undefined && reply - sentAt <= RESPONSE_WINDOW_MS) responseMinutes.push((reply - sentAt) / MINUTE_MS);
  }
  // A conversation starter comes more than 6 h after the previous message in either direction (or first of all).
  let conversationStarters = 0;
  for (const chatAt of chatTimes) {
    const previousChat = chatTimes[firstIndexAtOrAfter(chatTimes, chatAt) - 1];
    const previousCreator = creatorMessageTimes[firstIndexAtOrAfter(creatorMessageTimes, chatAt) - 1];
    const previous = Math.max(previousChat ?? Number.NEGATIVE_INFINITY, previousCreator ?? Number.NEGATIVE_INFINITY);
    if (chatAt - previous > CONVERSATION_GAP_MS) conversationStarters += 1;
  }
  return {
    messagesSent: chatTimes.length,
    tokensSpent: sumTokens(activities, (activity) => activity.type === 'chat_message' || activity.type === 'gift'),
    avgResponseMinutes: mean(responseMinutes),
    dmResponseRate: creatorMessageTimes.length === 0 ? null : Math.round((100 * responseMinutes.length) / creatorMessageTimes.length),
    lastChatAt: chatTimes.at(-1) ?? null,
    conversationStarters,
  };
}

/** Index of the first time strictly after `at` in an ascending list. */
function firstIndexAfter(sorted: readonly number[], at: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) <= at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Index of the first time at or after `at` in an ascending list. */
function firstIndexAtOrAfter(sorted: readonly number[], at: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

function liveFacts(activities: readonly ProfileActivity[]) {
  const streamIds = new Set<string>();
  const watchMinutes: number[] = [];
  for (const activity of activities) {
    if (activity.type !== 'live_attendance') continue;
    if (activity.streamId !== null) streamIds.add(activity.streamId);
    watchMinutes.push(activity.minutes ?? 0);
  }
  return {
    streamIds,
    giftsSent: countWhere(activities, (activity) => activity.type === 'live_gift'),
    tokensSpent: sumTokens(activities, (activity) => activity.type === 'live_gift' || activity.type === 'live_attendance'),
    avgWatchMinutes: mean(watchMinutes),
    lastAttendedAt: latestAt(activities, (activity) => activity.type === 'live_attendance'),
  };
}

function ppvFacts(activities: readonly ProfileActivity[]) {
  const byCategory = new Map<string, number>();
  for (const activity of activities) {
    if (activity.type === 'ppv_purchase' && activity.category !== null) {
      byCategory.set(activity.category, (byCategory.get(activity.category) ?? 0) + 1);
    }
  }
  return {
    itemsPurchased: countWhere(activities, (activity) => activity.type === 'ppv_purchase'),
    tokensSpent: sumTokens(activities, (activity) => activity.type === 'ppv_purchase'),
    categories: [...byCategory.entries()]
      .sort(([nameA, countA], [nameB, countB]) => countB - countA || (nameA < nameB ? -1 : nameA > nameB ? 1 : 0))
      .map(([name]) => name),
    lastPurchaseAt: latestAt(activities, (activity) => activity.type === 'ppv_purchase'),
  };
}

function eventFacts(activities: readonly ProfileActivity[]) {
  const isEvent = (activity: ProfileActivity) => activity.type === 'event_registration' || activity.type === 'event_attendance';
  return {
    registered: countWhere(activities, (activity) => activity.type === 'event_registration'),
    attended: countWhere(activities, (activity) => activity.type === 'event_attendance'),
    tokensSpent: sumTokens(activities, isEvent),
    lastEventAt: latestAt(activities, isEvent),
  };
}

/** Distinct streams attended among those started since the supporter was first seen, in whole percent. */
function liveAttendanceRate(supporter: EngineSupporter, streams: readonly EngineStream[], attended: ReadonlySet<string>, now: number) {
  const startedSince = streams.filter(
    (stream) => stream.startedAt !== null && stream.startedAt >= supporter.firstSeenAt && stream.startedAt <= now,
  );
  if (startedSince.length === 0) return null;
  const attendedCount = startedSince.filter((stream) => attended.has(stream.id)).length;
  return Math.round((100 * attendedCount) / startedSince.length);
}

/** Weekday × hour counts of supporter-initiated activity in the last 90 days, in the contact zone. */
function activityGrid(activities: readonly ProfileActivity[], now: number, zone: ReturnType<typeof createZonedCalendar>): number[][] {
  const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const activity of activities) {
    if (!isSupporterInitiated(activity.type, activity.online) || !isWithinLastDays(activity.at, now, CONTACT_WINDOW_DAYS)) continue;
    const { weekday, hour } = zone.partsOf(activity.at);
    const row = grid[weekday] as number[];
    row[hour] = (row[hour] as number) + 1;
  }
  return grid;
}

/** Tokens per calendar month in the creator's zone, from the first paid month to the current one (empty months as 0). */
function tokensByMonth(activities: readonly ProfileActivity[], now: number, creatorTimezone: string) {
  const zone = createZonedCalendar(creatorTimezone);
  const byMonth = new Map<number, number>();
  let first: number | null = null;
  for (const activity of activities) {
    if (!isSpendActivity(activity.type) || activity.tokens <= 0) continue;
    const { year, month } = zone.partsOf(activity.at);
    const key = year * 12 + (month - 1);
    byMonth.set(key, (byMonth.get(key) ?? 0) + activity.tokens);
    if (first === null || key < first) first = key;
  }
  if (first === null) return [];
  const current = zone.partsOf(now);
  const last = current.year * 12 + (current.month - 1);
  const months: { month: string; tokens: number }[] = [];
  for (let key = first; key <= last; key += 1) {
    const year = Math.floor(key / 12);
    const month = (key % 12) + 1;
    months.push({ month: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`, tokens: byMonth.get(key) ?? 0 });
  }
  return months;
}

function recentActivity(activities: readonly ProfileActivity[]): RecentActivityItem[] {
  const items: RecentActivityItem[] = [];
  for (let index = activities.length - 1; index >= 0 && items.length < RECENT_ACTIVITY_ITEMS; index -= 1) {
    const activity = activities[index] as ProfileActivity;
    if (!isSupporterInitiated(activity.type, activity.online)) continue;
    items.push({ type: activity.type, at: new Date(activity.at).toISOString(), tokens: activity.tokens });
  }
  return items;
}

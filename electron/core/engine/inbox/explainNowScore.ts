import { ALERT_PRIORITIES } from '../../../../shared/domain/alerts';
import { NOW_SCORE_POINTS, type NowScoreTerm } from '../../../../shared/domain/inboxEntry';
import type { Segment } from '../../../../shared/domain/segments';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** SPEC §5's priority bonuses, as `computePriorityScore` adds them. */
const PRIORITY_ONLINE = 20;
const PRIORITY_VIP = 15;
/** Below this probability the chance to spend is everyone's baseline, not a reason to write now. */
const LIKELY_TO_SPEND = 50;

/** The open alert a supporter's Now score counts, as the reason names it. */
export interface NowAlertFact {
  id: string;
  type: string;
  priority: string;
  createdAt: number;
  expiresAt: number | null;
}

/** Everything a supporter's Now score is made of at one moment (SPEC §11). */
export interface NowScoreFacts {
  priorityScore: number;
  conversionProbability: number;
  online: boolean;
  segment: Segment;
  unreadCount: number;
  /** The open alert the reason names (see `pickNamedAlert`), or null when none is open. */
  openAlert: NowAlertFact | null;
  /** A follow-up is due and not done. */
  followUpDue: boolean;
  /** The latest action requested for them in the last 24 hours, or null. */
  lastActionAt: number | null;
}

/**
 * Each term's label names the term, whatever the supporter's state: the table beside it says
 * whether it applies ("An open alert — No"), so a label never says "No …" before a "No".
 */
export interface NowScore {
  nowScore: number;
  /** The formula's terms in its order, for "Why this score?". */
  terms: NowScoreTerm[];
  /** Short phrases, largest contribution first (docs/engine-rules.md, "The Now queue"). */
  reasons: string[];
}

/**
 * SPEC §11: nowScore = priorityScore + 25 if online + min(unreadCount, 5) × 4 + 15 if an open alert
 * names them + 10 if a follow-up is due − 30 if an action was taken for them in the last 24 hours.
 *
 * The reasons break the priority score into the parts a creator recognises — online (its 20
 * priority points and the queue's 25 together), the chance to spend (from 50 %), VIP, live or gifts
 * this week (what is left of the priority) — beside the queue's own terms; each carries its
 * points, the largest first (ties in the order listed here), the minus term last.
 */
export function explainNowScore(facts: NowScoreFacts, now: number): NowScore {
  const unreadPoints = Math.min(facts.unreadCount, NOW_SCORE_POINTS.unreadCounted) * NOW_SCORE_POINTS.perUnread;
  const terms: NowScoreTerm[] = [
    { kind: 'priority', label: 'Priority score', applies: true, points: facts.priorityScore },
    { kind: 'online', label: 'Online now', applies: facts.online, points: facts.online ? NOW_SCORE_POINTS.online : 0 },
    {
      kind: 'unread',
      label: `${facts.unreadCount === 0 ? 'Unread messages' : `${facts.unreadCount} unread ${facts.unreadCount === 1 ? 'message' : 'messages'}`} (4 points each, at most 5 counted)`,
      applies: unreadPoints > 0,
      points: unreadPoints,
    },
    {
      kind: 'open_alert',
      label: facts.openAlert === null ? 'An open alert' : `Open alert: ${alertPhrase(facts.openAlert, now)}`,
      applies: facts.openAlert !== null,
      points: facts.openAlert === null ? 0 : NOW_SCORE_POINTS.openAlert,
    },
    { kind: 'follow_up_due', label: 'A follow-up is due', applies: facts.followUpDue, points: facts.followUpDue ? NOW_SCORE_POINTS.followUpDue : 0 },
    {
      kind: 'recent_action',
      label: facts.lastActionAt === null ? 'An action in the last 24 hours' : `You acted ${timeAgo(now - facts.lastActionAt)}`,
      applies: facts.lastActionAt !== null,
      points: facts.lastActionAt === null ? 0 : NOW_SCORE_POINTS.recentAction,
    },
  ];
  return { nowScore: terms.reduce((sum, term) => sum + term.points, 0), terms, reasons: reasonsFor(facts, unreadPoints, now) };
}

function reasonsFor(facts: NowScoreFacts, unreadPoints: number, now: number): string[] {
  const vip = facts.segment === 'vip';
  const engagedPoints = facts.priorityScore - facts.conversionProbability - (facts.online ? PRIORITY_ONLINE : 0) - (vip ? PRIORITY_VIP : 0);
  const reasons: { phrase: string; points: number }[] = [];
  if (facts.online) reasons.push({ phrase: 'online now', points: PRIORITY_ONLINE + NOW_SCORE_POINTS.online });
  if (facts.conversionProbability >= LIKELY_TO_SPEND) reasons.push({ phrase: `${facts.conversionProbability}% likely to spend`, points: facts.conversionProbability });
  // A due follow-up raises its own alert (follow_up_due): one reason for the two terms, not "reminder due" beside "follow-up due".
  const followUpAlert = facts.followUpDue && facts.openAlert?.type === 'follow_up_due';
  if (facts.openAlert !== null && !followUpAlert) reasons.push({ phrase: alertPhrase(facts.openAlert, now), points: NOW_SCORE_POINTS.openAlert });
  if (vip) reasons.push({ phrase: 'VIP', points: PRIORITY_VIP });
  if (unreadPoints > 0) reasons.push({ phrase: `${facts.unreadCount} unread`, points: unreadPoints });
  // Live in the last 7 days and gifts in the last 7 days add 10 each: under the cap (150) the rest
  // of the priority is exactly those (10 is one of the two), and at the cap more than 10 left means both.
  if (engagedPoints > 0) reasons.push({ phrase: engagedPoints > 10 ? 'live and gifts this week' : 'live or gifts this week', points: engagedPoints });
  if (facts.followUpDue) reasons.push({ phrase: 'follow-up due', points: NOW_SCORE_POINTS.followUpDue + (followUpAlert ? NOW_SCORE_POINTS.openAlert : 0) });
  if (facts.lastActionAt !== null) reasons.push({ phrase: `acted ${timeAgo(now - facts.lastActionAt)}`, points: NOW_SCORE_POINTS.recentAction });
  // Every row says why it is where it is: below 50 % the chance to spend is then the reason (it is
  // the whole score), and with no chance and nothing else the row is plainly not pressing.
  if (reasons.length === 0 || reasons.every((reason) => reason.points < 0)) {
    reasons.unshift({ phrase: facts.conversionProbability > 0 ? `${facts.conversionProbability}% likely to spend` : 'nothing pressing', points: facts.conversionProbability });
  }
  // A stable sort: equal points keep the order above.
  return reasons.sort((a, b) => b.points - a.points).map((reason) => reason.phrase);
}

/**
 * The open alert a supporter's reason names when several are open: the most urgent, then the
 * newest, then the larger id (so the choice never depends on read order).
 */
export function pickNamedAlert<Alert extends NowAlertFact>(alerts: readonly Alert[]): Alert | null {
  let best: Alert | null = null;
  for (const alert of alerts) {
    if (best === null || compareAlerts(alert, best) < 0) best = alert;
  }
  return best;
}

function compareAlerts(a: NowAlertFact, b: NowAlertFact): number {
  return priorityRank(a.priority) - priorityRank(b.priority) || b.createdAt - a.createdAt || (a.id > b.id ? -1 : a.id < b.id ? 1 : 0);
}

function priorityRank(priority: string): number {
  const rank = (ALERT_PRIORITIES as readonly string[]).indexOf(priority);
  return rank === -1 ? ALERT_PRIORITIES.length : rank;
}

/** What an open alert says in a reason: what happened and when ("hot lead active 12 min ago"). */
export function alertPhrase(alert: NowAlertFact, now: number): string {
  const ago = timeAgo(now - alert.createdAt);
  switch (alert.type) {
    case 'vip_online':
      return `came online ${ago}`;
    case 'hot_lead_active':
      return `hot lead active ${ago}`;
    case 'dormant_reactivation':
      return `back from dormant ${ago}`;
    case 'spending_spike':
      return `spending spike ${ago}`;
    case 'fan_club_renewal_due':
      return alert.expiresAt === null ? 'fan club renewal due' : `fan club renews ${timeAhead(alert.expiresAt - now)}`;
    case 'event_rsvp':
      return `event RSVP ${ago}`;
    case 'milestone_reached':
      return `milestone reached ${ago}`;
    case 'follow_up_due':
      return `reminder due ${ago}`;
    default:
      return `alert ${ago}`;
  }
}

/** "just now", "12 min ago", "3 h ago", "2 days ago": whole units, rounded down. */
export function timeAgo(elapsedMs: number): string {
  if (elapsedMs < MINUTE_MS) return 'just now';
  return `${wholeUnits(elapsedMs)} ago`;
}

/** "in 5 min", "in 3 h", "in 2 days"; "now" under a minute. */
function timeAhead(remainingMs: number): string {
  return remainingMs < MINUTE_MS ? 'now' : `in ${wholeUnits(remainingMs)}`;
}

function wholeUnits(ms: number): string {
  if (ms < HOUR_MS) return `${Math.floor(ms / MINUTE_MS)} min`;
  if (ms < DAY_MS) return `${Math.floor(ms / HOUR_MS)} h`;
  const days = Math.floor(ms / DAY_MS);
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}

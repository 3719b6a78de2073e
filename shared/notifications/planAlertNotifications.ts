import type { AlertsRaisedEvent } from '../contract/apiTypes';
import type { CrmSettings } from '../contract/crmSettings';
import { ALERT_PRIORITIES, isAtOrAbovePriority, type AlertType } from '../domain/alerts';
import type { AppRoute } from '../routes/appRoute';

/**
 * What to show for newly raised alerts, shared by the Electron shell (OS notifications) and the
 * browser host (Web Notifications), so the same preferences mean the same thing in both.
 */
export type RaisedAlert = AlertsRaisedEvent['alerts'][number];
export type NotificationPreferences = CrmSettings['notifications'];

export const ALERT_NOTIFICATION_TITLES: Readonly<Record<AlertType, string>> = {
  vip_online: 'VIP online',
  hot_lead_active: 'Hot lead active',
  dormant_reactivation: 'A dormant supporter is back',
  spending_spike: 'Spending spike',
  fan_club_renewal_due: 'Fan club renewal due',
  event_rsvp: 'New event RSVP',
  milestone_reached: 'Milestone reached',
  follow_up_due: 'Follow-up due',
};

export interface PlannedNotification {
  title: string;
  body: string;
  /** Where a click goes: the supporter's profile, or the alerts page for a summary. */
  route: AppRoute;
  alertIds: string[];
  /** True when an urgent alert is among them (shown with more insistence where the OS allows). */
  urgent: boolean;
}

function parseClock(text: string): number {
  const [hours, minutes] = text.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** Minutes since midnight at `at` in `timeZone` (UTC when the zone is unknown). */
export function minutesOfDayIn(at: number, timeZone: string): number {
  const format = (zone: string) =>
    new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone }).formatToParts(at);
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = format(timeZone);
  } catch {
    parts = format('UTC');
  }
  const value = (type: 'hour' | 'minute') => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return value('hour') * 60 + value('minute');
}

/**
 * Quiet hours in the creator's local time: `start` inclusive, `end` exclusive, wrapping past
 * midnight when `end` is earlier than `start` (22:00–08:00). Equal times mean no quiet hours.
 */
export function isWithinQuietHours(quietHours: NotificationPreferences['quietHours'], at: number, timeZone: string): boolean {
  if (!quietHours.enabled) return false;
  const start = parseClock(quietHours.start);
  const end = parseClock(quietHours.end);
  if (start === end) return false;
  const now = minutesOfDayIn(at, timeZone);
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** An alert raises a notification when its type is on, its priority is at or above the chosen one, and it is not quiet time. */
export function shouldNotify(alert: RaisedAlert, preferences: NotificationPreferences, at: number, timeZone: string): boolean {
  return (
    preferences.enabledTypes[alert.type] &&
    isAtOrAbovePriority(alert.priority, preferences.minPriority) &&
    !isWithinQuietHours(preferences.quietHours, at, timeZone)
  );
}

/** One notification for a burst: the alert itself when alone, else a summary that opens the alerts page. */
export function planNotification(alerts: readonly RaisedAlert[]): PlannedNotification | null {
  const first = alerts[0];
  if (!first) return null;
  const urgent = alerts.some((alert) => alert.priority === 'urgent');
  if (alerts.length === 1) {
    return {
      title: ALERT_NOTIFICATION_TITLES[first.type],
      body: first.message,
      route: { page: 'supporter', supporterId: first.supporterId },
      alertIds: [first.id],
      urgent,
    };
  }
  const shown = alerts.slice(0, 2).map((alert) => alert.message);
  const more = alerts.length - shown.length;
  return {
    title: `${alerts.length} new alerts`,
    body: more > 0 ? `${shown.join(' · ')} · and ${more} more` : shown.join(' · '),
    route: { page: 'alerts' },
    alertIds: alerts.map((alert) => alert.id),
    urgent,
  };
}

/** How a summary counts alerts of each type: "1 VIP came online", "12 spending spikes". */
export const ALERT_COUNT_WORDS: Readonly<Record<AlertType, readonly [singular: string, plural: string]>> = {
  vip_online: ['VIP came online', 'VIPs came online'],
  hot_lead_active: ['hot lead active', 'hot leads active'],
  dormant_reactivation: ['dormant supporter back', 'dormant supporters back'],
  spending_spike: ['spending spike', 'spending spikes'],
  fan_club_renewal_due: ['fan club renewal due', 'fan club renewals due'],
  event_rsvp: ['event RSVP', 'event RSVPs'],
  milestone_reached: ['milestone', 'milestones'],
  follow_up_due: ['follow-up due', 'follow-ups due'],
};

/** What a catch-up covers: opening the console (the time it was closed, a first run) or a first sync (everything before connecting). */
export type CatchUpKind = 'opening' | 'first_sync';

const CATCH_UP_WORDS: Readonly<Record<CatchUpKind, string>> = {
  opening: 'from before you opened Supporter CRM',
  first_sync: 'from before you connected',
};

/** "3 VIPs came online · 12 spending spikes · 1 milestone", most urgent types first. */
export function describeAlertCounts(alerts: readonly RaisedAlert[]): string {
  const counts = new Map<AlertType, { count: number; rank: number }>();
  for (const alert of alerts) {
    const rank = ALERT_PRIORITIES.indexOf(alert.priority);
    const known = counts.get(alert.type);
    counts.set(alert.type, { count: (known?.count ?? 0) + 1, rank: Math.min(rank, known?.rank ?? rank) });
  }
  return [...counts]
    .sort(([typeA, a], [typeB, b]) => a.rank - b.rank || b.count - a.count || typeA.localeCompare(typeB))
    .map(([type, { count }]) => `${count} ${ALERT_COUNT_WORDS[type][count === 1 ? 0 : 1]}`)
    .join(' · ');
}

/**
 * One notification for a catch-up: what happened before (a first sync, opening the console) is
 * summed up once, never announced alert by alert; `newer` are alerts raised after it ended that
 * share its notification. A catch-up of a single alert shows that alert. Never urgent: it is news
 * about the past (the Alerts page puts what is still live first).
 */
export function planCatchUpSummary(kind: CatchUpKind, before: readonly RaisedAlert[], newer: readonly RaisedAlert[] = []): PlannedNotification | null {
  const all = [...before, ...newer];
  if (before.length === 0) return planNotification(newer);
  if (all.length === 1) return { ...(planNotification(all) as PlannedNotification), urgent: false };
  const title =
    newer.length === 0
      ? `${before.length} alerts ${CATCH_UP_WORDS[kind]}`
      : `${all.length} alerts, ${before.length} of them ${CATCH_UP_WORDS[kind]}`;
  return { title, body: describeAlertCounts(all), route: { page: 'alerts' }, alertIds: all.map((alert) => alert.id), urgent: false };
}

/** The machine's own zone, for when the creator's is not known yet. */
export function localTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

import type { AlertsRaisedEvent } from '../contract/apiTypes';
import type { CrmSettings } from '../contract/crmSettings';
import { isAtOrAbovePriority, type AlertType } from '../domain/alerts';
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

/** The machine's own zone, for when the creator's is not known yet. */
export function localTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
